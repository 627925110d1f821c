import type { PageServerLoad } from './$types';
import { requireUser, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const ratings = await serverApi(event).ratings.forSeller({ sellerId: requireUser(event).id, limit: 50, cursor: event.url.searchParams.get('cursor') ?? undefined });
  return { ratings };
};
