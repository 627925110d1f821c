import { expireReservations, logError } from '@carparts/api';
import { sessionCookieName, validateSessionToken } from '@carparts/auth';
import { configureDb } from '@carparts/db';
import { redirect, type Handle, type HandleServerError, type ServerInit } from '@sveltejs/kit';
import { db, writeSessionCookie } from '$lib/server/api';

export const init: ServerInit = async () => {
  await configureDb(db);
  setInterval(() => {
    expireReservations(db, new Date()).catch((error) => logError('reservations.expire', error));
  }, 60_000).unref();
};

/** Route trees that need a signed-in user; a layout is not a guard, this hook is. */
const PROTECTED = [/^\/account(\/|$)/, /^\/sell(\/|$)/];
const SELLER_ONLY = /^\/sell(\/|$)/;

export const handle: Handle = async ({ event, resolve }) => {
  const secure = event.url.protocol === 'https:';
  const name = sessionCookieName(secure);
  const token = event.cookies.get(name);
  event.locals.user = null;
  event.locals.session = null;
  if (token) {
    const result = await validateSessionToken(db, token);
    if (result) {
      event.locals.user = result.user;
      event.locals.session = result.session;
      // the idle window just slid forward: move the cookie's expiry with it (not on every response, which may be cached)
      if (Date.now() - result.session.lastVerifiedAt.getTime() < 5_000) writeSessionCookie(event, token, result.session.expiresAt);
    } else {
      event.cookies.delete(name, { path: '/' });
    }
  }

  const path = event.url.pathname;
  if (PROTECTED.some((p) => p.test(path)) && !event.locals.user) {
    redirect(303, `/signin?redirectTo=${encodeURIComponent(path + event.url.search)}`);
  }
  if (SELLER_ONLY.test(path) && event.locals.user && event.locals.user.role !== 'seller') {
    redirect(303, '/account?notice=seller-only');
  }

  const response = await resolve(event);
  response.headers.set('x-content-type-options', 'nosniff');
  response.headers.set('referrer-policy', 'strict-origin-when-cross-origin');
  response.headers.set('x-frame-options', 'DENY');
  return response;
};

export const handleError: HandleServerError = ({ error, event }) => {
  logError('page.error', error, { path: event.url.pathname });
  return { message: 'Something went wrong on our side; please try again' };
};
