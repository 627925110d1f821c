import { handlePhoto } from '@carparts/api/http';
import type { RequestHandler } from './$types';
import { config, db, hookSession } from '$lib/server/api';

export const GET: RequestHandler = (event) => handlePhoto({ db, config }, event.request, event.params.file, hookSession(event));
