import { databaseUrlFromEnv, openDb } from './client.ts';

const url = databaseUrlFromEnv();
const db = await openDb(url);
db.$client.close();
console.log(`Migrated ${url.replace(/\/\/[^@/]*@/, '//***@')}`);
