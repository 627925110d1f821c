import { logError } from '@carparts/api';
import { configureDb } from '@carparts/db';
import { securityHeadersFor } from '@carparts/kit';
import { error, redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { db, loadSession } from '$lib/server/api';

export const init: ServerInit = async () => {
  await configureDb(db);
};

const PUBLIC = [/^\/signin$/, /^\/favicon\.svg$/];

/** The whole console is for operators: anyone else is refused before any page or data loads. */
export const handle: Handle = async ({ event, resolve }) => {
  await loadSession(event);
  const path = event.url.pathname;
  if (!PUBLIC.some((p) => p.test(path))) {
    if (!event.locals.user) redirect(303, `/signin?redirectTo=${encodeURIComponent(path + event.url.search)}`);
    if (event.locals.user.role !== 'operator') error(403, 'The console is for operators only. Sign in with an operator account.');
  }
  const response = await resolve(event);
  for (const [name, value] of Object.entries(securityHeadersFor(event.url))) response.headers.set(name, value);
  response.headers.set('cache-control', 'private, no-store');
  return response;
};

export const handleError: HandleServerError = ({ error: err, event }) => {
  logError('console.error', err, { path: event.url.pathname });
  return { message: 'Something went wrong on our side; please try again' };
};
