export * from './cookies.ts';
export * from './password.ts';
export * from './rate-limit.ts';
export * from './sessions.ts';
export * from './sign-in.ts';
