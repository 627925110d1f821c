import { handleGraphql } from '@carparts/api/doors';
import type { RequestHandler } from './$types';
import { config, db, hookSession } from '$lib/server/api';

/** GraphQL for tools, GraphiQL for people. */
const handler: RequestHandler = (event) => handleGraphql({ db, config }, event.request, event.getClientAddress(), hookSession(event));
export { handler as GET, handler as POST };
