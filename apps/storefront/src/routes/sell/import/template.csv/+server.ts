import { CSV_COLUMNS, CSV_TEMPLATE_EXAMPLE } from '@carparts/domain';
import type { RequestHandler } from './$types';

/** The inventory template: the columns, and one example row to overwrite. */
export const GET: RequestHandler = () => {
  const quote = (cell: string) => (/[",\n]/.test(cell) ? `"${cell.replaceAll('"', '""')}"` : cell);
  const body = `${CSV_COLUMNS.join(',')}\r\n${CSV_COLUMNS.map((column) => quote(CSV_TEMPLATE_EXAMPLE[column])).join(',')}\r\n`;
  return new Response(body, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="inventory-template.csv"' } });
};
