import { closeDb, databaseUrlFromEnv, openDb } from './client.ts';

const url = databaseUrlFromEnv();
const db = await openDb(url);
closeDb(db);
console.log(`Migrated ${url.replace(/\/\/[^@/]*@/, '//***@')}`);
