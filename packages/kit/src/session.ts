import { createCaller, logError, type ApiConfig, type ApiContext } from '@carparts/api';
import type { RequestSession } from '@carparts/api/http';
import { sessionCookieAttributes, validateSessionToken, type Session, type SessionUser } from '@carparts/auth';
import { newId, type Db } from '@carparts/db';
import type { Cookies, RequestEvent } from '@sveltejs/kit';

type SessionEvent = Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'getClientAddress'> & { locals: { user: SessionUser | null; session: Session | null } };

export interface ServerKitOptions {
  db: Db;
  config: ApiConfig;
  /**
   * The app's session cookie name, with and without https. Each app keeps its own: cookies ignore ports, so on one
   * host the storefront's and the console's sessions would otherwise overwrite each other.
   */
  cookieName: (secure: boolean) => string;
}

const isSecure = (event: { url: URL }) => event.url.protocol === 'https:';

/**
 * What a SvelteKit app's server needs of the API, made once per app with its own settings (no shared module state):
 * the session hook, the session cookie, the in-process caller of page loads and form actions, and the session the
 * hook found for the app's API and photo routes.
 */
export function createServerKit({ db, config, cookieName }: ServerKitOptions) {
  const nameFor = (event: { url: URL }) => cookieName(isSecure(event));

  function writeSessionCookie(event: { url: URL; cookies: Cookies }, token: string, expiresAt: Date) {
    const { httpOnly, sameSite, path, expires } = sessionCookieAttributes(expiresAt, isSecure(event));
    event.cookies.set(nameFor(event), token, { httpOnly, sameSite, path, expires, secure: isSecure(event) });
  }

  /** The API context of a page load or form action: the in-process twin of an HTTP request's context. */
  function contextFrom(event: SessionEvent): ApiContext {
    return {
      db,
      config,
      user: event.locals.user,
      session: event.locals.session,
      now: () => new Date(),
      cookies: {
        set: (token, expiresAt) => writeSessionCookie(event, token, expiresAt),
        clear: () => event.cookies.delete(nameFor(event), { path: '/' }),
      },
      meta: {
        transport: 'internal',
        authVia: event.locals.session ? 'cookie' : null,
        origin: null,
        requestOrigin: event.url.origin,
        clientAddress: event.getClientAddress(),
        requestId: newId(),
      },
    };
  }

  /** The in-process API of a page load or form action. Internal errors are logged here, as the HTTP handler logs its own. */
  const serverApi = (event: SessionEvent) =>
    createCaller(contextFrom(event), {
      onError: ({ error, path }) => {
        if (error.code === 'INTERNAL_SERVER_ERROR') logError('api.error', error, { path, page: event.url.pathname });
      },
    });

  /**
   * Validates the session cookie once per request and puts the user and session in `locals`; a stale cookie is
   * removed, and the cookie's expiry follows the session's sliding idle window.
   */
  async function loadSession(event: SessionEvent) {
    const name = nameFor(event);
    const token = event.cookies.get(name);
    event.locals.user = null;
    event.locals.session = null;
    if (!token) return;
    const result = await validateSessionToken(db, token);
    if (!result) {
      event.cookies.delete(name, { path: '/' });
      return;
    }
    event.locals.user = result.user;
    event.locals.session = result.session;
    // the idle window just slid forward: move the cookie with it (not on every response, which may be cached)
    if (Date.now() - result.session.lastVerifiedAt.getTime() < 5_000) writeSessionCookie(event, token, result.session.expiresAt);
  }

  /**
   * The session the hook validated, for the API and photo handlers, so a request's session is looked up once. A request
   * with a Bearer token (which the hook does not read) is left to the handler to validate.
   */
  function hookSession(event: Pick<SessionEvent, 'locals'> & { request: Request }): RequestSession | undefined {
    if (event.request.headers.get('authorization')?.toLowerCase().startsWith('bearer ')) return undefined;
    return { user: event.locals.user, session: event.locals.session, authVia: event.locals.session ? 'cookie' : null };
  }

  return { db, config, serverApi, loadSession, writeSessionCookie, hookSession };
}
