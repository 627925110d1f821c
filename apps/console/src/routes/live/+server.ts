import { handleRest } from '@carparts/api/rest';
import type { RequestHandler } from './$types';
import { config, db, hookSession } from '$lib/server/api';

/** Every change, as it happens, for the operator signed in to the console (Server-Sent Events, resumable). */
export const GET: RequestHandler = (event) => {
  const request = new Request(new URL('/api/v1/console/events', event.url), { headers: event.request.headers, signal: event.request.signal });
  return handleRest({ db, config }, request, event.getClientAddress(), hookSession(event));
};
