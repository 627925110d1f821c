/** Where things are: distances between places and the boxes that bound a search around one. */

export type LatLon = { lat: number; lon: number };

/** The mean radius of the Earth (IUGG), in kilometres. */
export const EARTH_RADIUS_KM = 6371.0088;
const KM_PER_DEGREE_OF_LATITUDE = (Math.PI * EARTH_RADIUS_KM) / 180;

/** The distances a shopper picks from; any whole number of kilometres in between is accepted too. */
export const DISTANCE_CHOICES_KM = [25, 50, 100, 250] as const;
export const MAX_WITHIN_KM = 1000;
/** Nearest-first without a distance still reads only what lies this close: sorting a whole catalogue by distance is not a search. */
export const NEAREST_FIRST_RADIUS_KM = MAX_WITHIN_KM;

const radians = (degrees: number) => (degrees * Math.PI) / 180;

/** The great-circle distance (haversine), in kilometres. The search's SQL computes the same formula. */
export function distanceKm(a: LatLon, b: LatLon): number {
  const dLat = radians(b.lat - a.lat);
  const dLon = radians(b.lon - a.lon);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(radians(a.lat)) * Math.cos(radians(b.lat)) * Math.sin(dLon / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** A distance as a card shows it: whole kilometres, one decimal under ten. */
export const roundedKm = (km: number) => (km < 10 ? Math.round(km * 10) / 10 : Math.round(km));

export type Box = { minLat: number; maxLat: number; minLon: number; maxLon: number };

/**
 * The latitude and longitude box that holds every point within `km` of `center`: what an index can narrow a search
 * to before the exact distance is checked. Near a pole, or where the circle crosses the 180th meridian, the box spans
 * every longitude.
 */
export function boundingBox(center: LatLon, km: number): Box {
  const dLat = km / KM_PER_DEGREE_OF_LATITUDE;
  const minLat = Math.max(-90, center.lat - dLat);
  const maxLat = Math.min(90, center.lat + dLat);
  // the widest longitude span of the circle is at the latitude nearest a pole within it
  const widest = Math.max(Math.abs(minLat), Math.abs(maxLat));
  const cos = Math.cos(radians(widest));
  const dLon = cos < 1e-9 ? 360 : km / (KM_PER_DEGREE_OF_LATITUDE * cos);
  if (dLon >= 180 || center.lon - dLon < -180 || center.lon + dLon > 180) return { minLat, maxLat, minLon: -180, maxLon: 180 };
  return { minLat, maxLat, minLon: center.lon - dLon, maxLon: center.lon + dLon };
}

const regionNames = new Intl.DisplayNames(['en'], { type: 'region', fallback: 'none' });
/** Codes ICU names that are not countries. */
const NOT_COUNTRIES = new Set(['EU', 'EZ', 'UN', 'QO', 'ZZ', 'XA', 'XB']);

/** "DE" → "Germany"; undefined for a code that names no country. */
export function countryName(code: string): string | undefined {
  if (!/^[A-Z]{2}$/.test(code) || NOT_COUNTRIES.has(code)) return undefined;
  try {
    const name = regionNames.of(code);
    // unassigned codes come back as themselves on some ICU builds
    return name && name !== code ? name : undefined;
  } catch {
    return undefined;
  }
}

export const isCountryCode = (code: string) => countryName(code) !== undefined;

/** Where a seller (or one of a yard's sites) is: a gazetteer place, with its coordinates copied. */
export type Location = { placeId: number; city: string; country: string; postalCode: string | null; lat: number; lon: number };

/** A town as a town field shows it and the town search finds it again: "Lyon, France". */
export const townLabel = (l: Pick<Location, 'city' | 'country'>) => `${l.city}, ${countryName(l.country) ?? l.country}`;

/** "Lyon, France" or "Lyon 69003, France". */
export const locationLabel = (l: Pick<Location, 'city' | 'country' | 'postalCode'>) => `${l.city}${l.postalCode ? ` ${l.postalCode}` : ''}, ${countryName(l.country) ?? l.country}`;

let countries: { code: string; name: string }[] | null = null;
/** Every country with its English name, by name: the choices of a country menu. */
export function countryOptions(): { code: string; name: string }[] {
  if (!countries) {
    const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
    const found: { code: string; name: string }[] = [];
    for (const a of letters) for (const b of letters) {
      const name = countryName(a + b);
      if (name) found.push({ code: a + b, name });
    }
    countries = found.sort((x, y) => x.name.localeCompare(y.name, 'en'));
  }
  return countries;
}

/**
 * The grids the database files listings by location in: listings by cells of a tenth of a degree of latitude and of
 * longitude (`geo_cell`), the vehicles they fit by whole degrees (`geo_degree`), fine enough for the few rows of one
 * model around a place.
 */
export const GEO_CELLS_PER_DEGREE = 10;
export const VEHICLE_CELLS_PER_DEGREE = 1;
const cellRow = (lat: number, perDegree: number) => Math.floor((lat + 90) * perDegree);
const cellColumn = (lon: number, perDegree: number) => Math.min(360 * perDegree - 1, Math.floor((lon + 180) * perDegree));

/** More cells than a search reads through the grid: a wider circle is searched another way. */
export const MAX_CELLS = 5_000;
/** How many cells a box spans. */
export const cellCount = (box: Box, perDegree = GEO_CELLS_PER_DEGREE) =>
  (cellRow(box.maxLat, perDegree) - cellRow(box.minLat, perDegree) + 1) * (cellColumn(box.maxLon, perDegree) - cellColumn(box.minLon, perDegree) + 1);

/** The cell of a point, as the database computes it (`geo_cell`, or `geo_degree` for whole degrees). */
export const geoCell = (p: LatLon, perDegree = GEO_CELLS_PER_DEGREE) => cellRow(p.lat, perDegree) * 360 * perDegree + cellColumn(p.lon, perDegree);

/**
 * The cells a circle touches: those of its bounding box whose nearest point lies within `km` of the centre (a cell
 * wholly outside the circle holds nothing the search keeps).
 */
export function cellsCovering(box: Box, circle?: { center: LatLon; km: number }, perDegree = GEO_CELLS_PER_DEGREE): number[] {
  if (cellCount(box, perDegree) > MAX_CELLS) return [];
  const cells: number[] = [];
  const size = 1 / perDegree;
  for (let r = cellRow(box.minLat, perDegree); r <= cellRow(box.maxLat, perDegree); r++) {
    for (let c = cellColumn(box.minLon, perDegree); c <= cellColumn(box.maxLon, perDegree); c++) {
      if (circle) {
        const south = r * size - 90;
        const west = c * size - 180;
        const nearest = { lat: Math.min(Math.max(circle.center.lat, south), south + size), lon: Math.min(Math.max(circle.center.lon, west), west + size) };
        // a kilometre to spare: the nearest point of a cell is found on the flat grid, not on the sphere
        if (distanceKm(circle.center, nearest) > circle.km + 1) continue;
      }
      cells.push(r * 360 * perDegree + c);
    }
  }
  return cells;
}

/**
 * Whether a whole cell lies within the circle, so that its listings need no distance measured. The farthest point of
 * a cell from any point is one of its corners: along a parallel the distance grows with the difference in longitude,
 * along a meridian it has no maximum inside the span.
 */
export function cellWithin(cell: number, circle: { center: LatLon; km: number }, perDegree = GEO_CELLS_PER_DEGREE): boolean {
  const size = 1 / perDegree;
  const around = 360 * perDegree;
  const south = Math.floor(cell / around) * size - 90;
  const west = (cell % around) * size - 180;
  return [south, south + size].every((lat) => [west, west + size].every((lon) => distanceKm(circle.center, { lat, lon }) <= circle.km));
}
