import { handleRest } from '@carparts/api/doors';
import type { RequestHandler } from './$types';
import { config, db, hookSession } from '$lib/server/api';

/** The REST form of the API, for tools in any language (Bearer tokens) and for scripts. */
const handler: RequestHandler = (event) => handleRest({ db, config }, event.request, event.getClientAddress(), hookSession(event));
export { handler as GET, handler as POST, handler as PUT, handler as PATCH, handler as DELETE };
