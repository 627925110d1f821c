import type { PageServerLoad } from './$types';
import { errorFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const api = serverApi(event);
  const [profile, ratings, listings] = await Promise.all([
    api.users.profile({ userId: event.params.id }),
    api.ratings.forSeller({ sellerId: event.params.id, limit: 20, cursor: event.url.searchParams.get('cursor') ?? undefined }),
    api.listings.search({ sellerId: event.params.id, limit: 12, withCounts: false }),
  ]).catch(errorFrom);
  return { profile, ratings, listings: listings.items, moreListings: listings.nextCursor !== null };
};
