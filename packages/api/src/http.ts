import { serializeSessionCookie, sessionTokenFrom, validateSessionToken } from '@carparts/auth';
import type { Db } from '@carparts/db';
import { LIMITS } from '@carparts/domain';
import { fetchRequestHandler } from '@trpc/server/adapters/fetch';
import type { ApiConfig, ApiContext, SessionCookieWriter } from './context.ts';
import { appRouter } from './root.ts';
import { servePhoto } from './services/photos.ts';
import { logError, logEvent } from './log.ts';

export const TRPC_ENDPOINT = '/api/trpc';

/** Largest request body any host accepts: one photo at its size limit plus multipart overhead. */
export const MAX_REQUEST_BODY_BYTES = 9 * 1024 * 1024;

/**
 * The client's address as the nearest of our `trustedProxies` proxies saw it. Each proxy appends the address it
 * received the request from to `X-Forwarded-For`, so with N proxies of ours the N-th entry from the right is the last
 * one a stranger could not have written; everything to its left is the client's own say.
 */
export function clientAddressFrom(forwardedFor: string | string[] | null | undefined, socketAddress: string, trustedProxies: number): string {
  if (trustedProxies < 1 || !forwardedFor) return socketAddress;
  const hops = (Array.isArray(forwardedFor) ? forwardedFor.join(',') : forwardedFor)
    .split(',')
    .map((hop) => hop.trim())
    .filter(Boolean);
  return hops[Math.max(0, hops.length - trustedProxies)] ?? socketAddress;
}

/** Headers every response of a host carries; HSTS once the public origin is https. */
export function securityHeaders(config: Pick<ApiConfig, 'secureCookies'>): Record<string, string> {
  return config.secureCookies ? { 'strict-transport-security': 'max-age=31536000; includeSubDomains' } : {};
}

export interface HttpApiOptions {
  db: Db;
  config: ApiConfig;
  now?: () => Date;
}

/** The signed-in user of a request, from its Bearer token or session cookie. */
export async function sessionFromRequest(db: Db, headers: Pick<Headers, 'get'>, now: Date, secure: boolean) {
  const found = sessionTokenFrom(headers, secure);
  const validated = found ? await validateSessionToken(db, found.token, now) : null;
  return { user: validated?.user ?? null, session: validated?.session ?? null, authVia: validated ? found!.via : null };
}

export function headerCookieWriter(resHeaders: Headers, secure: boolean): SessionCookieWriter {
  return {
    set: (token, expiresAt) => resHeaders.append('set-cookie', serializeSessionCookie(token, expiresAt, secure)),
    clear: () => resHeaders.append('set-cookie', serializeSessionCookie('', null, secure)),
  };
}

export type RequestSession = Awaited<ReturnType<typeof sessionFromRequest>>;

/**
 * The context of one HTTP request to the API. A host that has already validated the session cookie (SvelteKit's
 * hook) passes what it found, so a request's session is looked up once.
 */
export function contextFromRequest(opts: HttpApiOptions, req: Request, resHeaders: Headers, clientAddress: string, known?: RequestSession): Promise<ApiContext> {
  return contextFor(opts, { headers: req.headers, requestOrigin: new URL(req.url).origin }, resHeaders, clientAddress, known);
}

/** The same from a request's headers and the origin it was addressed to, for hosts that have no Request object. */
export async function contextFor(
  opts: HttpApiOptions,
  req: { headers: Pick<Headers, 'get'>; requestOrigin: string },
  resHeaders: Headers,
  clientAddress: string,
  known?: RequestSession,
): Promise<ApiContext> {
  const now = opts.now ?? (() => new Date());
  const { user, session, authVia } = known ?? (await sessionFromRequest(opts.db, req.headers, now(), opts.config.secureCookies));
  return {
    db: opts.db,
    config: opts.config,
    user,
    session,
    cookies: headerCookieWriter(resHeaders, opts.config.secureCookies),
    now,
    meta: {
      transport: 'http',
      authVia,
      origin: req.headers.get('origin'),
      requestOrigin: req.requestOrigin,
      clientAddress,
      // never the client's own x-request-id: it would land in the audit log as if the server had said it
      requestId: crypto.randomUUID(),
    },
  };
}

/** Serves the tRPC API on `endpoint`. Hosts (the standalone server, SvelteKit routes) mount it as they like. */
export function handleTrpc(opts: HttpApiOptions, req: Request, clientAddress: string, known?: RequestSession, endpoint = TRPC_ENDPOINT): Promise<Response> {
  return fetchRequestHandler({
    endpoint,
    req,
    router: appRouter,
    maxBatchSize: LIMITS.batchSize,
    allowMethodOverride: false,
    createContext: ({ resHeaders }) => contextFromRequest(opts, req, resHeaders, clientAddress, known),
    responseMeta: () => ({ headers: { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' } }),
    onError: ({ error, path, ctx }) => {
      if (error.code === 'INTERNAL_SERVER_ERROR') logError('api.error', error, { path, requestId: ctx?.meta.requestId });
      else if (error.code === 'FORBIDDEN' || error.code === 'TOO_MANY_REQUESTS') {
        logEvent('api.refused', { path, code: error.code, userId: ctx?.user?.id ?? null, ip: clientAddress, requestId: ctx?.meta.requestId });
      }
    },
  });
}

export async function handlePhoto(opts: HttpApiOptions, req: Request, fileName: string, known?: RequestSession): Promise<Response> {
  const now = opts.now ?? (() => new Date());
  const { user } = known ?? (await sessionFromRequest(opts.db, req.headers, now(), opts.config.secureCookies));
  return servePhoto(opts.db, opts.config, fileName, user);
}
