import { handleDocs } from '@carparts/api/doors';
import { error } from '@sveltejs/kit';
import type { RequestHandler } from './$types';

/** The interactive API reference and the files it loads, all from the installed packages. */
export const GET: RequestHandler = ({ request }) => handleDocs(request) ?? error(404, 'Not found');
