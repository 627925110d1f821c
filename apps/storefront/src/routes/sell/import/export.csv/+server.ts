import { errorFrom, serverApi } from '$lib/server/api';
import type { RequestHandler } from './$types';

/** The seller's inventory as a file, in the import's format. */
export const GET: RequestHandler = async (event) => {
  const { csv } = await serverApi(event).listings.exportCsv().catch(errorFrom);
  return new Response(csv, { headers: { 'content-type': 'text/csv; charset=utf-8', 'content-disposition': 'attachment; filename="inventory.csv"', 'cache-control': 'no-store' } });
};
