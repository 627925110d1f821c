import { ROLES, type Role } from '@carparts/domain';
import type { PageServerLoad } from './$types';
import { errorFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const role = p.get('role');
  const status = p.get('status');
  const filters = {
    q: p.get('q') || undefined,
    role: ROLES.includes(role as Role) ? (role as Role) : undefined,
    status: status === 'active' || status === 'suspended' ? (status as 'active' | 'suspended') : undefined,
    sort: p.get('sort') === 'oldest' ? ('oldest' as const) : ('newest' as const),
  };
  const users = await serverApi(event).console.users({ ...filters, cursor: p.get('cursor') || undefined, limit: 25 }).catch(errorFrom);
  return { filters, users };
};
