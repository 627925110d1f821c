import { configFromEnv } from '@carparts/api';
import { createDb, databaseUrlFromEnv } from '@carparts/db';
import { sessionCookieName } from '@carparts/auth';
import { createServerKit } from '@carparts/kit';
import { redirect, type RequestEvent } from '@sveltejs/kit';

export { errorFrom, failFrom, formInt, formPrice, formText, parseForm, typedValues, type ActionFailure } from '@carparts/kit';

/** One database and config per server process; no per-user state lives in module scope. */
export const { db, config, serverApi, loadSession, writeSessionCookie, hookSession } = createServerKit({
  db: createDb(databaseUrlFromEnv()),
  config: configFromEnv(),
  cookieName: sessionCookieName,
});

/** The signed-in user, or a trip to the sign-in page that comes back here: no load or action assumes a user. */
export function requireUser(event: Pick<RequestEvent, 'locals' | 'url'>) {
  if (!event.locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  return event.locals.user;
}
