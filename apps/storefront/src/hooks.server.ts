import { logError, startBackgroundWork } from '@carparts/api';
import { configureDb } from '@carparts/db';
import { securityHeadersFor } from '@carparts/kit';
import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { db, loadSession } from '$lib/server/api';

export const init: ServerInit = async () => {
  await configureDb(db);
  startBackgroundWork(db);
};

/**
 * Route trees that need a signed-in user; a layout is not a guard, this hook is. It matches the route SvelteKit
 * resolved, not the path as sent: `/%73ell/ratings` is the `/sell/ratings` route, whatever its spelling.
 */
const PROTECTED = [/^\/saved(\/|$)/, /^\/notifications(\/|$)/, /^\/account(\/|$)/, /^\/sell(\/|$)/, /^\/inquiries(\/|$)/];
const SELLER_ONLY = /^\/sell(\/|$)/;

export const handle: Handle = async ({ event, resolve }) => {
  await loadSession(event);

  const route = event.route.id ?? '';
  if (PROTECTED.some((p) => p.test(route)) && !event.locals.user) {
    redirect(303, `/signin?redirectTo=${encodeURIComponent(event.url.pathname + event.url.search)}`);
  }
  if (SELLER_ONLY.test(route) && event.locals.user && event.locals.user.role !== 'seller') {
    redirect(303, '/account?notice=seller-only');
  }

  const response = await resolve(event);
  for (const [name, value] of Object.entries(securityHeadersFor(event.url))) response.headers.set(name, value);
  return response;
};

export const handleError: HandleServerError = ({ error, event }) => {
  logError('page.error', error, { path: event.url.pathname });
  return { message: 'Something went wrong on our side; please try again' };
};
