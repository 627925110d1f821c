export * from './audit.ts';
export * from './fitment.ts';
export * from './inquiries.ts';
export * from './listings.ts';
export * from './photos.ts';
export * from './purchases.ts';
export * from './ratings.ts';
export * from './users.ts';
