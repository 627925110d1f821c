import { createCaller, logError, type ApiConfig, type ApiContext } from '@carparts/api';
import type { RequestSession } from '@carparts/api/http';
import { sessionCookieAttributes, sessionCookieName, validateSessionToken, type Session, type SessionUser } from '@carparts/auth';
import { newId, type Db } from '@carparts/db';
import { isCurrency, parseMajorUnits } from '@carparts/domain';
import { error, fail, type Cookies, type RequestEvent } from '@sveltejs/kit';
import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';

/**
 * What the SvelteKit apps share: the in-process API context of a request, the session cookie, and turning API
 * refusals into form failures and error pages.
 */
type SessionEvent = Pick<RequestEvent, 'cookies' | 'url' | 'locals' | 'getClientAddress'> & { locals: { user: SessionUser | null; session: Session | null } };

const secure = (event: { url: URL }) => event.url.protocol === 'https:';

/**
 * Each app keeps its own session cookie: cookies ignore ports, so on one host the storefront's and the console's
 * sessions would otherwise overwrite each other.
 */
let cookieNameFor = sessionCookieName;
export function useSessionCookieName(name: (secure: boolean) => string) {
  cookieNameFor = name;
}
const cookieName = (event: { url: URL }) => cookieNameFor(secure(event));

export function writeSessionCookie(event: { url: URL; cookies: Cookies }, token: string, expiresAt: Date) {
  const { httpOnly, sameSite, path, expires } = sessionCookieAttributes(expiresAt, secure(event));
  event.cookies.set(cookieName(event), token, { httpOnly, sameSite, path, expires, secure: secure(event) });
}

/** The API context of a page load or form action: the in-process twin of an HTTP request's context. */
export function contextFrom(event: SessionEvent, db: Db, config: ApiConfig): ApiContext {
  return {
    db,
    config,
    user: event.locals.user,
    session: event.locals.session,
    now: () => new Date(),
    cookies: {
      set: (token, expiresAt) => writeSessionCookie(event, token, expiresAt),
      clear: () => event.cookies.delete(cookieName(event), { path: '/' }),
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
export const callerFor = (event: SessionEvent, db: Db, config: ApiConfig) =>
  createCaller(contextFrom(event, db, config), {
    onError: ({ error, path }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') logError('api.error', error, { path, page: event.url.pathname });
    },
  });

/**
 * Validates the session cookie once per request and puts the user and session in `locals`; a stale cookie is
 * removed, and the cookie's expiry follows the session's sliding idle window.
 */
export async function loadSession(event: SessionEvent, db: Db) {
  const name = cookieName(event);
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
export function hookSession(event: Pick<SessionEvent, 'locals'> & { request: Request }): RequestSession | undefined {
  if (event.request.headers.get('authorization')?.toLowerCase().startsWith('bearer ')) return undefined;
  return { user: event.locals.user, session: event.locals.session, authVia: event.locals.session ? 'cookie' : null };
}

export const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'strict-origin-when-cross-origin',
  'x-frame-options': 'DENY',
} as const;

/** The headers every page response carries; HSTS only where the page was served over https. */
export function securityHeadersFor(url: URL): Record<string, string> {
  return url.protocol === 'https:' ? { ...SECURITY_HEADERS, 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : { ...SECURITY_HEADERS };
}

const REDIRECT_BASE = 'http://redirect.invalid';

/**
 * Only paths on this site: a redirect target from the query string must never send people elsewhere. Browsers drop
 * tabs and newlines from URLs and read `\\` as `/`, so `/\t/evil.example` and `/\\evil.example` would become
 * `//evil.example`: any control character or backslash is refused outright, and what remains must resolve to our own
 * origin.
 */
export function safeRedirect(target: string | null | undefined): string {
  if (!target || !target.startsWith('/') || /[\u0000-\u001F\u007F\\]/.test(target)) return '/';
  let url: URL;
  try {
    url = new URL(target, REDIRECT_BASE);
  } catch {
    return '/';
  }
  if (url.origin !== REDIRECT_BASE || url.pathname.startsWith('//')) return '/';
  return `${url.pathname}${url.search}${url.hash}`;
}

export interface ActionFailure {
  message: string;
  fieldErrors: Record<string, string[]>;
  values?: Record<string, unknown>;
}

/** Turns an API refusal into a form failure the page shows in place: the message and the errors per field. */
export function failFrom(err: unknown, values?: Record<string, unknown>) {
  if (!(err instanceof TRPCError)) throw err;
  const status = getHTTPStatusCodeFromError(err);
  const zodLike = err.cause as { issues?: { path: PropertyKey[]; message: string }[] } | undefined;
  const fieldErrors: Record<string, string[]> = {};
  if (zodLike?.issues) {
    for (const issue of zodLike.issues) (fieldErrors[issue.path.map(String).join('.') || 'form'] ??= []).push(issue.message);
  } else {
    const domainFields = (err.cause as unknown as { fieldErrors?: Record<string, string[]> } | undefined)?.fieldErrors;
    if (domainFields) Object.assign(fieldErrors, domainFields);
  }
  // API messages name the field for tools ("newPassword: …"); a person reads the message beside the field instead
  const readable = Object.keys(fieldErrors).length ? err.message.replace(/^[\w.]+: /, '') : err.message;
  const message = err.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side; please try again' : zodLike?.issues ? 'Please correct the highlighted fields' : readable;
  return fail(status, { message, fieldErrors, values } satisfies ActionFailure);
}

/** For loads: an API refusal becomes the matching error page (404 for what is missing or not yours). */
export function errorFrom(err: unknown): never {
  if (!(err instanceof TRPCError)) throw err;
  const status = getHTTPStatusCodeFromError(err);
  error(status, err.code === 'INTERNAL_SERVER_ERROR' ? 'Something went wrong on our side' : err.message);
}

export function formText(data: FormData, key: string): string | undefined {
  const value = data.get(key);
  return typeof value === 'string' && value.trim() !== '' ? value : undefined;
}

export function formInt(data: FormData, key: string): number | undefined {
  const value = formText(data, key);
  if (value === undefined) return undefined;
  const n = Number(value);
  return Number.isFinite(n) ? n : (value as unknown as number);
}

/**
 * A price typed in major units ("45.50", "5000" yen) as integer minor units of the form's currency; anything that is
 * not a price in that currency is passed on as NaN for the API to refuse with its message.
 */
export function formPrice(data: FormData, key: string, currency: unknown): number | undefined {
  const value = formText(data, key);
  if (value === undefined) return undefined;
  return isCurrency(currency) ? (parseMajorUnits(value, currency) ?? Number.NaN) : Number.NaN;
}
