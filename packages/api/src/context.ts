import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Session, SessionUser } from '@carparts/auth';
import type { Db } from '@carparts/db';

export interface ApiConfig {
  /** How long a reservation holds a listing before it lapses back to active. */
  reservationTtlMs: number;
  /** Where uploaded photos are written; served back under /photos/. */
  photoDir: string;
  /** Origins whose browser mutations are accepted; empty means "the origin the request was sent to". */
  allowedOrigins: string[];
  /** Serve cookies with Secure and the __Host- prefix. */
  secureCookies: boolean;
  /**
   * How many reverse proxies of ours stand in front of the server (`TRUST_PROXY`). 0: the socket's address is the
   * client's. N: the client is the address the N-th proxy from us appended to `X-Forwarded-For`; entries to the left
   * of it were written by the client and are ignored.
   */
  trustedProxies: number;
}

export function trustedProxiesFromEnv(env: NodeJS.ProcessEnv = process.env): number {
  const value = (env.TRUST_PROXY ?? '').trim();
  if (value === '' || value === '0') return 0;
  const hops = Number(value);
  if (!Number.isInteger(hops) || hops < 0 || hops > 10) throw new Error(`TRUST_PROXY must be the number of proxies in front of the server (0–10), not "${value}"`);
  return hops;
}

export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ApiConfig {
  const hours = Number(env.RESERVATION_TTL_HOURS ?? 48);
  return {
    reservationTtlMs: (Number.isFinite(hours) && hours > 0 ? hours : 48) * 3_600_000,
    photoDir: env.PHOTO_DIR
      ? resolve(env.PHOTO_DIR)
      : resolve(fileURLToPath(import.meta.url), '../../../../data/photos'),
    allowedOrigins: (env.ORIGIN ?? '')
      .split(',')
      .map((o) => o.trim())
      .filter(Boolean),
    secureCookies: (env.ORIGIN ?? '').startsWith('https://'),
    trustedProxies: trustedProxiesFromEnv(env),
  };
}

/** How the host writes the session cookie: a Set-Cookie header over HTTP, SvelteKit's `cookies` in-process. */
export interface SessionCookieWriter {
  set(token: string, expiresAt: Date): void;
  clear(): void;
}

export interface RequestMeta {
  /** 'http' for requests through the tRPC endpoint, 'internal' for in-process callers (server loads, scripts). */
  transport: 'http' | 'internal';
  authVia: 'bearer' | 'cookie' | null;
  /** The Origin header of an HTTP request, if any. */
  origin: string | null;
  /** The origin the request was addressed to. */
  requestOrigin: string | null;
  clientAddress: string;
  requestId: string;
}

export interface ApiContext {
  db: Db;
  config: ApiConfig;
  user: SessionUser | null;
  session: Session | null;
  cookies: SessionCookieWriter;
  meta: RequestMeta;
  now: () => Date;
}

export const noCookies: SessionCookieWriter = { set() {}, clear() {} };
