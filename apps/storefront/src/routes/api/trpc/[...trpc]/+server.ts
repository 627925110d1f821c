import { handleTrpc } from '@carparts/api/http';
import type { RequestHandler } from './$types';
import { config, db } from '$lib/server/api';

const handler: RequestHandler = (event) => handleTrpc({ db, config }, event.request, event.getClientAddress());
export { handler as GET, handler as POST };
