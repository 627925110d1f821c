import { CONDITION_CODES, PART_CATEGORY_CODES, type Condition, type PartCategory } from '@carparts/domain';
import type { PageServerLoad } from './$types';
import { errorFrom, serverApi } from '$lib/server/api';
import { myVehicle } from '$lib/server/vehicle';

const SORTS = ['newest', 'price_asc', 'price_desc', 'relevance'] as const;

/** Reads the search from the URL, so every search can be shared, bookmarked and reloaded. */
function filtersFrom(url: URL) {
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  const int = (k: string) => {
    const v = get(k);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const dollars = (k: string) => {
    const v = get(k);
    return v !== undefined && /^\d+(\.\d{1,2})?$/.test(v) ? Math.round(Number(v) * 100) : undefined;
  };
  const sort = get('sort');
  const category = get('category');
  return {
    q: get('q'),
    make: get('make'),
    model: get('make') ? get('model') : undefined,
    year: int('year'),
    partCategory: PART_CATEGORY_CODES.includes(category as PartCategory) ? (category as PartCategory) : undefined,
    conditions: url.searchParams.getAll('condition').filter((c): c is Condition => CONDITION_CODES.includes(c as Condition)),
    minPriceCents: dollars('min'),
    maxPriceCents: dollars('max'),
    sort: SORTS.includes(sort as (typeof SORTS)[number]) ? (sort as (typeof SORTS)[number]) : undefined,
    cursor: get('cursor'),
    mine: url.searchParams.get('fits') === '1',
  };
}

export const load: PageServerLoad = async (event) => {
  const api = serverApi(event);
  const filters = filtersFrom(event.url);
  const vehicle = await myVehicle(event);
  const search = {
    q: filters.q,
    make: filters.mine && vehicle ? vehicle.vehicleMake : filters.make,
    model: filters.mine && vehicle ? vehicle.vehicleModel : filters.model,
    year: filters.mine && vehicle ? vehicle.vehicleYear : filters.year,
    partCategory: filters.partCategory,
    conditions: filters.conditions.length ? filters.conditions : undefined,
    minPriceCents: filters.minPriceCents,
    maxPriceCents: filters.maxPriceCents !== undefined && filters.minPriceCents !== undefined && filters.maxPriceCents < filters.minPriceCents ? undefined : filters.maxPriceCents,
    sort: filters.sort === 'relevance' && !filters.q ? undefined : filters.sort,
    cursor: filters.cursor,
    limit: 24,
  };
  try {
    const [results, makes, models] = await Promise.all([
      api.listings.search(search),
      api.listings.vehicleOptions({}),
      search.make ? api.listings.vehicleOptions({ make: search.make }) : Promise.resolve(null),
    ]);
    return {
      filters: { ...filters, make: search.make, model: search.model, year: search.year },
      vehicle,
      results,
      makes: 'makes' in makes ? makes.makes : [],
      models: models && 'models' in models ? models.models : [],
    };
  } catch (err) {
    if ((err as { code?: string }).code === 'BAD_REQUEST') {
      // a hand-edited URL with a bad cursor or value: show the unfiltered first page rather than an error
      const results = await api.listings.search({ limit: 24 });
      const makes = await api.listings.vehicleOptions({});
      return { filters: { ...filters, cursor: undefined }, vehicle, results, makes: 'makes' in makes ? makes.makes : [], models: [], notice: 'Some search settings were not valid and were ignored.' };
    }
    errorFrom(err);
  }
};
