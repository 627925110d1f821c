import { csvTemplate } from '@carparts/api';
import type { RequestHandler } from './$types';

/** The inventory template: the columns, and one example row to overwrite. */
export const GET: RequestHandler = () =>
  new Response(csvTemplate(), { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="inventory-template.csv"' } });
