/**
 * The session cookie. Over https it carries the `__Host-` prefix (Secure, no Domain, Path=/), which browsers refuse
 * to let a subdomain overwrite; over plain http (local development) the prefix is not allowed, so the name differs.
 */
export function sessionCookieName(secure: boolean): string {
  return secure ? '__Host-session' : 'session';
}

export interface CookieAttributes {
  httpOnly: true;
  sameSite: 'lax';
  secure: boolean;
  path: '/';
  expires: Date;
}

export function sessionCookieAttributes(expiresAt: Date, secure: boolean): CookieAttributes {
  return { httpOnly: true, sameSite: 'lax', secure, path: '/', expires: expiresAt };
}

/** A Set-Cookie header value, for hosts without a cookie helper of their own. */
export function serializeSessionCookie(token: string, expiresAt: Date | null, secure: boolean): string {
  const parts = [
    `${sessionCookieName(secure)}=${token}`,
    'Path=/',
    'HttpOnly',
    'SameSite=Lax',
    expiresAt ? `Expires=${expiresAt.toUTCString()}` : 'Max-Age=0',
  ];
  if (secure) parts.push('Secure');
  return parts.join('; ');
}

/**
 * The session token of a request: a Bearer header (internal tools) wins over the cookie (browsers). With secure
 * cookies on, only the `__Host-` cookie counts: an unprefixed `session` cookie could have been planted by a sibling
 * subdomain, which the prefix rules out.
 */
export function sessionTokenFrom(headers: Pick<Headers, 'get'>, secure: boolean): { token: string; via: 'bearer' | 'cookie' } | null {
  const authorization = headers.get('authorization');
  if (authorization?.toLowerCase().startsWith('bearer ')) {
    const token = authorization.slice(7).trim();
    return token ? { token, via: 'bearer' } : null;
  }
  const cookieHeader = headers.get('cookie');
  if (!cookieHeader) return null;
  const wanted = sessionCookieName(secure);
  for (const pair of cookieHeader.split(';')) {
    const [name, ...rest] = pair.trim().split('=');
    if (name === wanted) {
      const token = rest.join('=');
      if (token) return { token, via: 'cookie' };
    }
  }
  return null;
}
