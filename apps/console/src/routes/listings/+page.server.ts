import { LISTING_STATUSES, PART_CATEGORY_CODES, type ListingStatus, type PartCategory } from '@carparts/domain';
import type { PageServerLoad } from './$types';
import { errorFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const status = p.get('status');
  const category = p.get('category');
  const filters = {
    q: p.get('q') || undefined,
    status: LISTING_STATUSES.includes(status as ListingStatus) ? (status as ListingStatus) : undefined,
    sellerId: p.get('seller') || undefined,
    make: p.get('make') || undefined,
    partCategory: PART_CATEGORY_CODES.includes(category as PartCategory) ? (category as PartCategory) : undefined,
    sort: p.get('sort') === 'oldest' ? ('oldest' as const) : ('newest' as const),
  };
  const listings = await serverApi(event).console.listings({ ...filters, cursor: p.get('cursor') || undefined, limit: 25 }).catch(errorFrom);
  return { filters, listings };
};
