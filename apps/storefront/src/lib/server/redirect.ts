/** Only same-site paths: a redirect target from the query string must never send people elsewhere. */
export const safeRedirect = (target: string | null | undefined) =>
  target && target.startsWith('/') && !target.startsWith('//') && !target.startsWith('/\\') ? target : '/';
