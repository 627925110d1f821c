import { handlePhoto } from '@carparts/api/http';
import { hookSession } from '@carparts/kit';
import type { RequestHandler } from './$types';
import { config, db } from '$lib/server/api';

export const GET: RequestHandler = (event) => handlePhoto({ db, config }, event.request, event.params.file, hookSession(event));
