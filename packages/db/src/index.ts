export * from './client.ts';
export { newId } from './ids.ts';
export * from './schema/index.ts';
export * from './errors.ts';
export { backupDb, integrityCheck, restoreDb, tableRowCounts } from './backup.ts';
export { listingGeo, listingSeqOfMatch, partListingsFts } from './schema/fts.ts';
export type { ReadDb } from './reader.ts';
export { coverageRowValues, partNumberValues } from './coverage.ts';
export { mergeSearchIndex } from './search-index.ts';
