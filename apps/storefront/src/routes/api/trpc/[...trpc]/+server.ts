import { handleTrpc } from '@carparts/api/http';
import type { RequestHandler } from './$types';
import { config, db } from '$lib/server/api';

/**
 * The API for the browser and for tools. A cookie session was already validated by the hook; a request carrying a
 * Bearer token (which the hook does not read) is validated by the handler itself.
 */
const handler: RequestHandler = (event) => {
  const bearer = event.request.headers.get('authorization')?.toLowerCase().startsWith('bearer ');
  const known = bearer ? undefined : { user: event.locals.user, session: event.locals.session, authVia: event.locals.session ? ('cookie' as const) : null };
  return handleTrpc({ db, config }, event.request, event.getClientAddress(), known);
};
export { handler as GET, handler as POST };
