import { handlePhoto } from '@carparts/api/http';
import type { RequestHandler } from './$types';
import { config, db } from '$lib/server/api';

export const GET: RequestHandler = (event) =>
  handlePhoto({ db, config }, event.request, event.params.file, { user: event.locals.user, session: event.locals.session, authVia: 'cookie' });
