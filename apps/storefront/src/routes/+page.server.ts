import {
  CONDITION_CODES,
  DEFAULT_CURRENCY,
  PART_CATEGORY_CODES,
  MAX_WITHIN_KM,
  townLabel,
  isCountryCode,
  isCurrency,
  makeKey,
  modelKey,
  parseMajorUnits,
  type Condition,
  type PartCategory,
  partNumberKey,
} from '@carparts/domain';
import type { Actions, PageServerLoad } from './$types';
import { errorFrom, failFrom, serverApi } from '$lib/server/api';
import { myVehicle } from '$lib/server/vehicle';

const SORTS = ['newest', 'price_asc', 'price_desc', 'relevance', 'distance'] as const;
/** How many earlier pages' cursors the URL keeps, for "previous page". */
const PAGE_HISTORY = 20;

/** Reads the search from the URL, so every search can be shared, bookmarked and reloaded. */
function filtersFrom(url: URL) {
  const get = (k: string) => url.searchParams.get(k)?.trim() || undefined;
  const int = (k: string) => {
    const v = get(k);
    return v !== undefined && /^\d+$/.test(v) ? Number(v) : undefined;
  };
  const currency = isCurrency(get('currency')) ? (get('currency') as typeof DEFAULT_CURRENCY) : DEFAULT_CURRENCY;
  const price = (k: string) => {
    const v = get(k);
    return v === undefined ? undefined : (parseMajorUnits(v, currency) ?? undefined);
  };
  const sort = get('sort');
  const category = get('category');
  const seller = get('seller');
  return {
    q: get('q'),
    partNumber: get('pn') && partNumberKey(get('pn')!).length >= 3 ? get('pn') : undefined,
    make: get('make'),
    model: get('make') ? get('model') : undefined,
    year: int('year'),
    partCategory: PART_CATEGORY_CODES.includes(category as PartCategory) ? (category as PartCategory) : undefined,
    conditions: url.searchParams.getAll('condition').filter((c): c is Condition => CONDITION_CODES.includes(c as Condition)),
    currency,
    minPriceCents: price('min'),
    maxPriceCents: price('max'),
    priceTyped: { min: get('min'), max: get('max') },
    sort: SORTS.includes(sort as (typeof SORTS)[number]) ? (sort as (typeof SORTS)[number]) : undefined,
    sellerId: seller && /^[a-z0-9]{10,40}$/.test(seller) ? seller : undefined,
    cursor: get('cursor'),
    previous: (url.searchParams.get('back') ?? '').split('~').filter(Boolean).slice(-PAGE_HISTORY),
    total: totalFrom(get('total')),
    mine: url.searchParams.get('fits') === '1',
    withWarranty: url.searchParams.get('warranty') === '1',
    returnsAccepted: url.searchParams.get('returns') === '1',
    /** A place id, or a town's name as typed ("Lyon", or a label chosen from the list). */
    near: get('near'),
    withinKm: int('km') !== undefined && int('km')! >= 1 && int('km')! <= MAX_WITHIN_KM ? int('km') : undefined,
    shipsTo: get('shipsTo') && isCountryCode(get('shipsTo')!.toUpperCase()) ? get('shipsTo')!.toUpperCase() : undefined,
    pickupOnly: url.searchParams.get('pickup') === '1',
  };
}

/**
 * The place a search measures from: the `near` of the URL (an id, or a name resolved to the largest town of that name),
 * else — when a distance or nearest-first was asked — the signed-in person's own location.
 */
async function nearPlace(api: ReturnType<typeof serverApi>, filters: ReturnType<typeof filtersFrom>, mine: NearChoice[]) {
  if (filters.near && /^\d+$/.test(filters.near)) return api.places.get({ placeId: Number(filters.near) }).catch(() => null);
  if (filters.near) return filters.near.length >= 2 ? ((await api.places.search({ q: filters.near, limit: 1 }).catch(() => []))[0] ?? null) : null;
  if (filters.withinKm !== undefined || filters.sort === 'distance') return mine[0] ?? null;
  return null;
}

type NearChoice = { placeId: number; label: string; what: string };

/** The signed-in person's own places to measure from: where the active garage vehicle is, then their own town. */
function nearChoices(me: Awaited<ReturnType<ReturnType<typeof serverApi>['auth']['me']>> | null): NearChoice[] {
  if (!me) return [];
  const choices: NearChoice[] = [];
  const car = me.vehicle;
  if (car?.location) choices.push({ placeId: car.location.placeId, label: townLabel(car.location), what: `where your ${car.name} is` });
  if (me.location && me.location.placeId !== car?.location?.placeId) choices.push({ placeId: me.location.placeId, label: townLabel(me.location), what: 'your town' });
  return choices;
}

/** The result count carried from page to page: "37", or "1000+" when the count stopped early and is a lower bound. */
function totalFrom(param: string | undefined): { count: number; atLeast: boolean } | null {
  const match = param?.match(/^(\d+)(\+?)$/);
  return match ? { count: Number(match[1]), atLeast: match[2] === '+' } : null;
}

/** The filters of a search, as a saved search keeps them; null when nothing is filtered (there is nothing to save). */
function savableQuery(search: Record<string, unknown>) {
  const fields = ['q', 'partNumber', 'make', 'model', 'year', 'partCategory', 'conditions', 'minPriceCents', 'maxPriceCents', 'currency', 'sellerId', 'withWarranty', 'returnsAccepted', 'nearPlaceId', 'withinKm', 'shipsTo', 'pickupOnly'] as const;
  const query = Object.fromEntries(fields.map((field) => [field, search[field]]).filter(([, value]) => value !== undefined));
  return Object.keys(query).filter((k) => k !== 'currency').length > 0 ? query : null;
}

/** The option of a menu that a typed value stands for ("VW" is Volkswagen, "C Class" is C-Class), else the value. */
const optionFor = <T,>(options: T[], label: (o: T) => string, key: (s: string) => string, value: string | undefined) =>
  value === undefined ? undefined : (options.map(label).find((o) => key(o) === key(value)) ?? value);

export const load: PageServerLoad = async (event) => {
  const api = serverApi(event);
  const filters = filtersFrom(event.url);
  const me = event.locals.user ? await api.auth.me() : null;
  const vehicle = await myVehicle(event, me ?? undefined);
  const notices: string[] = [];
  const mine = nearChoices(me);
  const near = await nearPlace(api, filters, mine);
  if (filters.near && !near) notices.push(`No town called “${filters.near}” was found, so the distance was left out.`);
  if (!near && (filters.withinKm !== undefined || filters.sort === 'distance') && !filters.near) notices.push('Choose a town to measure the distance from.');
  const badPrice = (['min', 'max'] as const).filter((k) => filters.priceTyped[k] !== undefined && filters[k === 'min' ? 'minPriceCents' : 'maxPriceCents'] === undefined);
  if (badPrice.length) notices.push(`The ${badPrice.join(' and ')} price is not an amount in ${filters.currency} and was left out.`);
  let maxPriceCents = filters.maxPriceCents;
  if (maxPriceCents !== undefined && filters.minPriceCents !== undefined && maxPriceCents < filters.minPriceCents) {
    notices.push('The maximum price was below the minimum, so only the minimum was applied.');
    maxPriceCents = undefined;
  }
  const comparesPrices = filters.minPriceCents !== undefined || maxPriceCents !== undefined || filters.sort === 'price_asc' || filters.sort === 'price_desc';
  const search = {
    q: filters.q,
    partNumber: filters.partNumber,
    make: filters.mine && vehicle ? vehicle.vehicleMake : filters.make,
    model: filters.mine && vehicle ? vehicle.vehicleModel : filters.model,
    year: filters.mine && vehicle ? vehicle.vehicleYear : filters.year,
    partCategory: filters.partCategory,
    conditions: filters.conditions.length ? filters.conditions : undefined,
    minPriceCents: filters.minPriceCents,
    maxPriceCents,
    currency: comparesPrices ? filters.currency : undefined,
    sellerId: filters.sellerId,
    withWarranty: filters.withWarranty || undefined,
    returnsAccepted: filters.returnsAccepted || undefined,
    nearPlaceId: near?.placeId,
    withinKm: near ? filters.withinKm : undefined,
    shipsTo: filters.shipsTo,
    pickupOnly: filters.pickupOnly || undefined,
    sort: (filters.sort === 'relevance' && !filters.q) || (filters.sort === 'distance' && !near) ? undefined : filters.sort,
    cursor: filters.cursor,
    limit: 24,
    // signed in, the API reads the active garage vehicle itself (with its VIN); signed out, the cookie's vehicle
    fitFor: !event.locals.user && vehicle ? { vehicleMake: vehicle.vehicleMake, vehicleModel: vehicle.vehicleModel, vehicleYear: vehicle.vehicleYear } : undefined,
  };
  try {
    const [results, makeOptions, modelOptions, seller] = await Promise.all([
      api.listings.search(search),
      api.listings.vehicleOptions({}),
      search.make ? api.listings.vehicleOptions({ make: search.make }) : Promise.resolve(null),
      filters.sellerId ? api.users.profile({ userId: filters.sellerId }).catch(() => null) : Promise.resolve(null),
    ]);
    const makes = 'makes' in makeOptions ? makeOptions.makes : [];
    const models = modelOptions && 'models' in modelOptions ? modelOptions.models : [];
    const counts = results.categoryCounts;
    const total = counts
      ? {
          count: search.partCategory ? counts[search.partCategory] : Object.values(counts).reduce((a, b) => a + b, 0),
          atLeast: results.categoryCountsComplete === false,
        }
      : filters.total;
    return {
      filters: {
        ...filters,
        make: optionFor(makes, (m) => m.make, makeKey, search.make),
        model: optionFor(models, (m) => m.model, modelKey, search.model),
        year: search.year,
        maxPriceCents,
        nearLabel: near?.label ?? filters.near ?? '',
        nearPlaceId: near?.placeId,
      },
      nearChoices: mine,
      seller: seller && { id: seller.id, displayName: seller.displayName },
      vehicle,
      results,
      savable: event.locals.user ? savableQuery(search) : null,
      total,
      makes,
      models,
      notice: notices.join(' ') || undefined,
    };
  } catch (err) {
    if ((err as { code?: string }).code === 'BAD_REQUEST') {
      // a hand-edited URL with a bad cursor or value: show the unfiltered first page rather than an error
      const results = await api.listings.search({ limit: 24, fitFor: !event.locals.user && vehicle ? { vehicleMake: vehicle.vehicleMake, vehicleModel: vehicle.vehicleModel, vehicleYear: vehicle.vehicleYear } : undefined });
      const makes = await api.listings.vehicleOptions({});
      return {
        filters: { ...filters, cursor: undefined, previous: [], nearLabel: '', nearPlaceId: undefined },
        nearChoices: mine,
        seller: null,
        vehicle,
        results,
        total: null,
        makes: 'makes' in makes ? makes.makes : [],
        models: [],
        notice: 'Some search settings were not valid and were ignored.',
      };
    }
    errorFrom(err);
  }
};

export const actions: Actions = {
  /** Saves the search on screen (sent back as the page received it; the API validates it like any other input). */
  saveSearch: async (event) => {
    const data = await event.request.formData();
    let query: unknown;
    try {
      query = JSON.parse(String(data.get('query') ?? 'null'));
    } catch {
      query = null;
    }
    try {
      const saved = await serverApi(event).savedSearches.create({ query: query as never });
      return { savedSearch: { id: saved.id, name: saved.name } };
    } catch (err) {
      return failFrom(err);
    }
  },
};
