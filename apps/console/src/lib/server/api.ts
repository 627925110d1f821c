import { configFromEnv } from '@carparts/api';
import { createDb, databaseUrlFromEnv } from '@carparts/db';
import { createServerKit } from '@carparts/kit';

export { errorFrom, failFrom, formText } from '@carparts/kit';

/** The console's own session cookie, apart from the storefront's on the same host. */
export const consoleCookieName = (secure: boolean) => (secure ? '__Host-console-session' : 'console-session');

export const { db, config, serverApi, loadSession, writeSessionCookie, hookSession } = createServerKit({
  db: createDb(databaseUrlFromEnv()),
  config: configFromEnv(),
  cookieName: consoleCookieName,
});

/** A table's state in its URL: the query string without the cursor, plus changes. */
export function withParams(url: URL, changes: Record<string, string | undefined>) {
  const next = new URL(url);
  next.searchParams.delete('cursor');
  for (const [k, v] of Object.entries(changes)) {
    if (v === undefined || v === '') next.searchParams.delete(k);
    else next.searchParams.set(k, v);
  }
  return `${next.pathname}${next.search}`;
}
