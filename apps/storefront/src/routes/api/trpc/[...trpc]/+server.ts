import { handleTrpc } from '@carparts/api/http';
import type { RequestHandler } from './$types';
import { config, db, hookSession } from '$lib/server/api';

/** The API for the browser and for tools (Bearer tokens). */
const handler: RequestHandler = (event) => handleTrpc({ db, config }, event.request, event.getClientAddress(), hookSession(event));
export { handler as GET, handler as POST };
