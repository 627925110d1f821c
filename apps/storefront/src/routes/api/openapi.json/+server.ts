import { handleDocs } from '@carparts/api/doors';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The OpenAPI 3.1 document of the REST operations. */
export const GET: RequestHandler = ({ request }) => handleDocs(request) ?? error(404, 'Not found');
