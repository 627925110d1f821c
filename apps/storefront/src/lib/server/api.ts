import { configFromEnv } from '@carparts/api';
import { createDb, databaseUrlFromEnv } from '@carparts/db';
import { callerFor } from '@carparts/kit';
import type { RequestEvent } from '@sveltejs/kit';

export { errorFrom, failFrom, formInt, formPriceCents, formText, writeSessionCookie, type ActionFailure } from '@carparts/kit';

/** One database and config per server process; no per-user state lives in module scope. */
export const db = createDb(databaseUrlFromEnv());
export const config = configFromEnv();

export const serverApi = (event: RequestEvent) => callerFor(event, db, config);
