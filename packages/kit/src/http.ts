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

