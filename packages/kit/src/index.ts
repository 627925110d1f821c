/**
 * What the SvelteKit apps share on the server, by room: the session and in-process API (session.ts), form values and
 * refusals (forms.ts), response headers and redirects (http.ts). Formatting, serving, Playwright and Svelte settings
 * have entry points of their own.
 */
export { createServerKit, type ServerKitOptions } from './session.ts';
export { credentialsFrom, errorFrom, failFrom, formInt, formPrice, formText, parseForm, typedValues, type ActionFailure } from './forms.ts';
export { SECURITY_HEADERS, safeRedirect, securityHeadersFor } from './http.ts';
