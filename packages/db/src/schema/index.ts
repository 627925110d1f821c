export * from './listings.ts';
export * from './trade.ts';
export * from './users.ts';
