import { configFromEnv } from '@carparts/api';
import { createDb, databaseUrlFromEnv } from '@carparts/db';
import { callerFor } from '@carparts/kit';
import { redirect, type RequestEvent } from '@sveltejs/kit';

export { errorFrom, failFrom, formInt, formPrice, formText, writeSessionCookie, type ActionFailure } from '@carparts/kit';

/** One database and config per server process; no per-user state lives in module scope. */
export const db = createDb(databaseUrlFromEnv());
export const config = configFromEnv();

export const serverApi = (event: RequestEvent) => callerFor(event, db, config);

/** The signed-in user, or a trip to the sign-in page that comes back here: no load or action assumes a user. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>) {
  if (!event.locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return event.locals.user;
}
