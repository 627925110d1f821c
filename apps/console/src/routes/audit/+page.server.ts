import type { PageServerLoad } from './$types';
import { errorFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const filters = {
    action: p.get('action') || undefined,
    actorId: p.get('actor') || undefined,
    targetId: p.get('target') || undefined,
    sort: p.get('sort') === 'oldest' ? ('oldest' as const) : ('newest' as const),
  };
  const entries = await serverApi(event).console.auditLog({ ...filters, cursor: p.get('cursor') || undefined, limit: 50 }).catch(errorFrom);
  return { filters, entries };
};
