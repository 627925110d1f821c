import {
  CONDITION_CODES,
  DEFAULT_CURRENCY,
  LISTING_STATUSES,
  PART_CATEGORY_CODES,
  isCurrency,
  parseMajorUnits,
  type Condition,
  type Currency,
  type ListingStatus,
  type PartCategory,
} from '@carparts/domain';
import type { PageServerLoad } from './$types';
import { errorFrom, serverApi } from '$lib/server/api';

export const load: PageServerLoad = async (event) => {
  const p = event.url.searchParams;
  const status = p.get('status');
  const category = p.get('category');
  const currency = isCurrency(p.get('currency')) ? (p.get('currency') as Currency) : DEFAULT_CURRENCY;
  const price = (k: string) => {
    const v = p.get(k);
    return v ? (parseMajorUnits(v, currency) ?? undefined) : undefined;
  };
  const year = p.get('year');
  const filters = {
    q: p.get('q') || undefined,
    status: LISTING_STATUSES.includes(status as ListingStatus) ? (status as ListingStatus) : undefined,
    sellerId: p.get('seller') || undefined,
    make: p.get('make') || undefined,
    model: p.get('make') ? p.get('model') || undefined : undefined,
    year: year && /^\d{4}$/.test(year) ? Number(year) : undefined,
    conditions: p.getAll('condition').filter((c): c is Condition => CONDITION_CODES.includes(c as Condition)),
    minPriceCents: price('min'),
    maxPriceCents: price('max'),
    currency,
    partCategory: PART_CATEGORY_CODES.includes(category as PartCategory) ? (category as PartCategory) : undefined,
    sort: p.get('sort') === 'oldest' ? ('oldest' as const) : ('newest' as const),
  };
  const { conditions, ...rest } = filters;
  const listings = await serverApi(event)
    .console.listings({ ...rest, conditions: conditions.length ? conditions : undefined, cursor: p.get('cursor') || undefined, limit: 25 })
    .catch(errorFrom);
  return { filters, listings };
};
