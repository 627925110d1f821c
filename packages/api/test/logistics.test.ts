import { partListings, purchases } from '@carparts/db';
import { makeListing } from '@carparts/db/testing';
import { EARTH_RADIUS_KM, distanceKm, shippingTo, type Logistics } from '@carparts/domain';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { countryListOf } from '../src/services/listings.ts';
import { ADDRESS_KEPT_AFTER_CANCEL_MS, ADDRESS_KEPT_AFTER_SALE_MS, forgetShippingAddresses } from '../src/services/purchases.ts';
import { placesWithin } from '../src/services/places.ts';
import { callerFor, makeWorld, outcome, signedIn, useTestApi, type World } from './helpers.ts';

const env = useTestApi();

const LYON_ID = 2996944;
const LYON = { lat: 45.74846, lon: 4.84671 };
const BOURGOIN = 6615539; // Bourgoin-Jallieu, 37.8 km east of Lyon
const SAINT_ETIENNE = 2980291; // 49.9 km south-west of Lyon
const GRENOBLE = 3014728; // 92.7 km
const KM_PER_DEGREE = (Math.PI * EARTH_RADIUS_KM) / 180;
/** A point `km` due north of Lyon. */
const northOfLyon = (km: number) => ({ lat: LYON.lat + km / KM_PER_DEGREE, lon: LYON.lon });

const listingInput = (title: string, extra: Record<string, unknown> = {}) => ({
  title,
  partCategory: 'brakes' as const,
  condition: 'used_good' as const,
  priceCents: 4_000,
  currency: 'EUR' as const,
  vehicleMake: 'Renault',
  vehicleModel: 'Clio',
  ...extra,
});

/** A seller of its own (the world's seller has listings of its own, which move with it). */
async function yardInLyon(_w: World) {
  const yard = await signedIn(env, 'seller');
  await yard.caller.auth.updateProfile({ location: { placeId: LYON_ID, postalCode: '69003' } });
  return yard;
}

describe('places', () => {
  it('finds towns by the start of their name, accents and case ignored, the largest first, and tells twins apart', async () => {
    const anon = callerFor(env, null);
    expect((await anon.places.search({ q: 'lyo' }))[0]).toMatchObject({ placeId: LYON_ID, label: 'Lyon, France', country: 'FR' });
    expect((await anon.places.search({ q: 'SAINT-ETIENNE' }))[0]).toMatchObject({ placeId: SAINT_ETIENNE, name: 'Saint-Étienne' });
    const springfields = await anon.places.search({ q: 'springfield', country: 'US' });
    expect(springfields.length).toBeGreaterThan(3);
    expect(springfields.every((p) => p.country === 'US')).toBe(true);
    expect(springfields[0]!.label).toMatch(/^Springfield \([A-Z]{2}\), United States$/);
    expect(await outcome(() => anon.places.search({ q: 'l' }))).toBe('BAD_REQUEST');
    expect(await outcome(() => anon.places.get({ placeId: 1 }))).toBe('NOT_FOUND');
  });

  it('lists the places within a distance nearest first, with their distances, or says there are too many', async () => {
    const near = (await placesWithin(LYON, 40, 5_000))!;
    expect(near[0]).toEqual({ placeId: LYON_ID, metres: 0 });
    expect(near.map((p) => p.placeId)).toContain(BOURGOIN);
    expect(near.map((p) => p.placeId)).not.toContain(SAINT_ETIENNE);
    for (const [i, p] of near.entries()) if (i > 0) expect(p.metres).toBeGreaterThanOrEqual(near[i - 1]!.metres);
    expect(near.every((p) => p.metres <= 40_000)).toBe(true);
    expect(await placesWithin(LYON, 40, 10)).toBeNull();
  });

  it('stores a seller\'s location from the gazetteer and moves the seller\'s listings with it, except those at a site of their own', async () => {
    const w = await makeWorld(env);
    const seller = await yardInLyon(w);
    expect(await outcome(() => seller.caller.auth.updateProfile({ location: { placeId: 999_999_999 } }))).toBe('BAD_REQUEST');
    const me = await seller.caller.auth.me();
    expect(me.location).toMatchObject({ city: 'Lyon', country: 'FR', postalCode: '69003', lat: LYON.lat, lon: LYON.lon });

    const atHome = await seller.caller.listings.create(listingInput('Clio brake caliper'));
    const atSite = await seller.caller.listings.create(listingInput('Clio brake disc', { site: { placeId: GRENOBLE } }));
    const anon = callerFor(env, null);
    expect((await anon.listings.get({ id: atHome.id })).location).toMatchObject({ city: 'Lyon', country: 'FR', ownSite: false });
    expect((await anon.listings.get({ id: atSite.id })).location).toMatchObject({ city: 'Grenoble', ownSite: true });

    await seller.caller.auth.updateProfile({ location: { placeId: SAINT_ETIENNE } });
    expect((await anon.listings.get({ id: atHome.id })).location).toMatchObject({ city: 'Saint-Étienne', postalCode: null });
    expect((await anon.listings.get({ id: atSite.id })).location).toMatchObject({ city: 'Grenoble' });
    // the public profile names the town, never the postal code
    expect((await anon.users.profile({ userId: seller.user.id })).location).toEqual({ city: 'Saint-Étienne', country: 'FR' });
    // a town no listing stood in before is searched as soon as one moves there
    const annecy = (await anon.places.search({ q: 'Annecy', country: 'FR' }))[0]!;
    await seller.caller.auth.updateProfile({ location: { placeId: annecy.placeId } });
    for (const sort of ['newest', 'distance'] as const) {
      const found = await anon.listings.search({ nearPlaceId: annecy.placeId, withinKm: 5, sort, sellerId: seller.user.id, withCounts: true });
      expect(found.items.map((c) => c.id), sort).toEqual([atHome.id]);
      expect(found.categoryCounts?.brakes).toBe(1);
    }
  });
});

describe('distance search', () => {
  it('keeps a listing exactly at the limit and leaves one just past it out, from coordinates or a place, and sorts nearest first', async () => {
    const w = await makeWorld(env);
    const seller = await yardInLyon(w);
    const lyonPart = await seller.caller.listings.create(listingInput('Clio caliper in Lyon'));
    const grenoblePart = await seller.caller.listings.create(listingInput('Clio caliper in Grenoble', { site: { placeId: GRENOBLE } }));
    const anon = callerFor(env, null);
    const ids = async (input: Parameters<typeof anon.listings.search>[0]) => (await anon.listings.search({ make: 'Renault', sellerId: seller.user.id, withCounts: false, ...input })).items.map((c) => c.id);

    // 49.99 km and 50.01 km north of the part, searched within 50 km
    const inside = northOfLyon(49.99);
    const outside = northOfLyon(50.01);
    expect(distanceKm(inside, LYON)).toBeLessThan(50);
    expect(distanceKm(outside, LYON)).toBeGreaterThan(50);
    expect(await ids({ near: inside, withinKm: 50 })).toEqual([lyonPart.id]);
    expect(await ids({ near: outside, withinKm: 50 })).toEqual([]);
    // the same without the vehicle walk (the search starts from the box's index)
    expect((await anon.listings.search({ near: inside, withinKm: 50, sellerId: seller.user.id, withCounts: false })).items.map((c) => c.id)).toEqual([lyonPart.id]);
    expect((await anon.listings.search({ near: outside, withinKm: 50, sellerId: seller.user.id, withCounts: false })).items).toEqual([]);
    // 1 km and 1000 km are the bounds
    expect(await ids({ near: LYON, withinKm: 1 })).toEqual([lyonPart.id]);
    expect(await outcome(() => anon.listings.search({ near: LYON, withinKm: 1001 }))).toBe('BAD_REQUEST');
    expect(await outcome(() => anon.listings.search({ near: LYON, withinKm: 0 }))).toBe('BAD_REQUEST');
    expect(await outcome(() => anon.listings.search({ withinKm: 50 }))).toBe('BAD_REQUEST');
    expect(await outcome(() => anon.listings.search({ sort: 'distance' }))).toBe('BAD_REQUEST');

    // from a place: Bourgoin-Jallieu is 37.8 km from Lyon and 60 km from Grenoble
    const fromBourgoin = await anon.listings.search({ nearPlaceId: BOURGOIN, withinKm: 50, sellerId: seller.user.id, withCounts: true });
    expect(fromBourgoin.items.map((c) => c.id)).toEqual([lyonPart.id]);
    expect(fromBourgoin.items[0]).toMatchObject({ distanceKm: 38, location: { city: 'Lyon', country: 'FR' } });
    expect(fromBourgoin.categoryCounts?.brakes).toBe(1);

    // nearest first, paged by cursor
    const first = await anon.listings.search({ nearPlaceId: GRENOBLE, sort: 'distance', sellerId: seller.user.id, limit: 1, withCounts: false });
    expect(first.items.map((c) => [c.id, c.distanceKm])).toEqual([[grenoblePart.id, 0]]);
    const second = await anon.listings.search({ nearPlaceId: GRENOBLE, sort: 'distance', sellerId: seller.user.id, limit: 1, withCounts: false, cursor: first.nextCursor! });
    expect(second.items.map((c) => c.id)).toEqual([lyonPart.id]);
    expect(second.items[0]!.distanceKm).toBeCloseTo(93, 0);

    // a part that is sold leaves the distance index with its status
    await env.db.update(partListings).set({ status: 'withdrawn' }).where(eq(partListings.id, lyonPart.id));
    expect(await ids({ near: inside, withinKm: 50 })).toEqual([]);
  });

  it('pages through a circle in every order as the distances measured one by one say, cells inside it or across its edge', async () => {
    const w = await makeWorld(env);
    const seller = await yardInLyon(w);
    const anon = callerFor(env, null);
    // Lyon's own cell lies wholly inside a 49 km circle around it; Bourgoin (37.8 km) and Saint-Étienne (49.9 km) lie
    // in cells its edge crosses, Saint-Étienne just outside it; Grenoble (92.7 km) in no cell the circle reaches
    const sites = [LYON_ID, BOURGOIN, SAINT_ETIENNE, GRENOBLE, LYON_ID, BOURGOIN, SAINT_ETIENNE, LYON_ID];
    const created: { id: string; order: number; priceCents: number; partCategory: 'brakes' | 'lighting'; km: number }[] = [];
    for (const [order, placeId] of sites.entries()) {
      const priceCents = [7_000, 1_500, 3_000, 900, 4_500, 2_500, 6_000, 5_500][order]!;
      const partCategory = order % 3 === 0 ? ('lighting' as const) : ('brakes' as const);
      const listing = await seller.caller.listings.create(listingInput(`Clio part ${order}`, { priceCents, partCategory, ...(placeId === LYON_ID ? {} : { site: { placeId } }) }));
      const { location } = await anon.listings.get({ id: listing.id });
      created.push({ id: listing.id, order, priceCents, partCategory, km: distanceKm(LYON, location!) });
    }
    const withinOf = (km: number) => created.filter((l) => l.km <= km);
    expect(withinOf(49).map((l) => l.order)).toEqual([0, 1, 4, 5, 7]);
    const expected = (km: number) => {
      const within = withinOf(km);
      const count = (category: string) => within.filter((l) => l.partCategory === category).length;
      const ids = (sorted: typeof within) => [`counts ${count('brakes')}/${count('lighting')}`, ...sorted.map((l) => l.id)];
      return {
        newest: ids([...within].sort((a, b) => b.order - a.order)),
        price_asc: ids([...within].sort((a, b) => a.priceCents - b.priceCents)),
        price_desc: ids([...within].sort((a, b) => b.priceCents - a.priceCents)),
        // nearest first, the newest first among listings as near
        distance: ids([...within].sort((a, b) => Math.round(a.km * 1000) - Math.round(b.km * 1000) || b.order - a.order)),
      };
    };
    const pageThrough = async (input: Parameters<typeof anon.listings.search>[0]) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await anon.listings.search({ ...input, near: LYON, currency: 'EUR', sellerId: seller.user.id, limit: 2, withCounts: !cursor, cursor });
        if (!cursor) seen.push(`counts ${page.categoryCounts?.brakes}/${page.categoryCounts?.lighting}`);
        seen.push(...page.items.map((c) => c.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    // by distance alone (the places of a 49 km circle; the grid's cells of a 250 km one, which holds too many places),
    // and by vehicle (a walk of the model's rows of the degrees around the circle)
    for (const withinKm of [49, 250]) {
      for (const vehicle of [{}, { make: 'Renault', model: 'Clio' }]) {
        for (const sort of ['newest', 'price_asc', 'price_desc', 'distance'] as const) {
          expect(await pageThrough({ ...vehicle, withinKm, sort }), `${sort} ${withinKm} km ${JSON.stringify(vehicle)}`).toEqual(expected(withinKm)[sort]);
        }
      }
    }
    // the seller moves to Grenoble: the listings that stood at the seller's own place go with it, on the vehicle's rows too
    await seller.caller.auth.updateProfile({ location: { placeId: GRENOBLE } });
    const stayed = withinOf(49).filter((l) => sites[l.order] === BOURGOIN).sort((a, b) => a.priceCents - b.priceCents);
    expect(await pageThrough({ make: 'Renault', model: 'Clio', withinKm: 49, sort: 'price_asc' })).toEqual(['counts 2/0', ...stayed.map((l) => l.id)]);
    expect(await pageThrough({ withinKm: 49, sort: 'price_asc' })).toEqual(['counts 2/0', ...stayed.map((l) => l.id)]);
  });

  it('filters pickup within a distance', async () => {
    const w = await makeWorld(env);
    const seller = await yardInLyon(w);
    const pickup = await seller.caller.listings.create(listingInput('Clio mirror, collect'));
    await seller.caller.listings.create(listingInput('Clio mirror, posted', { pickupAvailable: false, shippingMode: 'priced', shipDomesticCents: 900 }));
    const anon = callerFor(env, null);
    const found = await anon.listings.search({ nearPlaceId: BOURGOIN, withinKm: 50, pickupOnly: true, sellerId: seller.user.id, withCounts: false });
    expect(found.items.map((c) => c.id)).toEqual([pickup.id]);
    // nearest first with a filter the grid index does not hold reads the R*Tree's box, ring by ring
    const nearest = await anon.listings.search({ nearPlaceId: BOURGOIN, sort: 'distance', pickupOnly: true, sellerId: seller.user.id, limit: 1, withCounts: false });
    expect(nearest.items.map((c) => [c.id, c.distanceKm])).toEqual([[pickup.id, 38]]);
    expect(nearest.nextCursor).toBeNull();
  });
});

describe('shipping', () => {
  const base: Logistics = { country: 'FR', pickupAvailable: true, shippingMode: 'priced', shipDomesticCents: 900, shipCountries: ['DE', 'BE'], shipCountriesCents: 2_500, shipWorldwideCents: 6_000 };

  it('prices a destination by the nearest zone that applies', () => {
    expect(shippingTo(base, 'FR')).toEqual({ zone: 'domestic', priceCents: 900 });
    expect(shippingTo(base, 'DE')).toEqual({ zone: 'listed', priceCents: 2_500 });
    expect(shippingTo(base, 'US')).toEqual({ zone: 'worldwide', priceCents: 6_000 });
    expect(shippingTo({ ...base, shipWorldwideCents: null }, 'US')).toBeNull();
    expect(shippingTo({ ...base, shipDomesticCents: null }, 'FR')).toBeNull();
    expect(shippingTo({ ...base, shippingMode: 'quote' }, 'JP')).toEqual({ zone: 'quote', priceCents: null });
    expect(shippingTo({ ...base, shippingMode: 'none' }, 'FR')).toBeNull();
  });

  it('"ships to" in the search agrees with the pricing rule for every zone', async () => {
    const w = await makeWorld(env);
    const seller = await yardInLyon(w);
    const variants: Record<string, Record<string, unknown>> = {
      domesticOnly: { shippingMode: 'priced', shipDomesticCents: 900 },
      listed: { shippingMode: 'priced', shipCountries: ['de', 'BE'], shipCountriesCents: 2_500 },
      worldwide: { shippingMode: 'priced', shipWorldwideCents: 6_000 },
      quote: { shippingMode: 'quote' },
      none: { shippingMode: 'none' },
    };
    const created: Record<string, string> = {};
    for (const [name, extra] of Object.entries(variants)) created[name] = (await seller.caller.listings.create(listingInput(`Clio ${name}`, extra))).id;
    const anon = callerFor(env, null);
    for (const country of ['FR', 'DE', 'US']) {
      const found = await anon.listings.search({ sellerId: seller.user.id, shipsTo: country, withCounts: false, limit: 50 });
      const rows = await env.db.select().from(partListings).where(eq(partListings.sellerId, seller.user.id));
      const expected = rows
        .filter((r) => r.status === 'active')
        .filter((r) => shippingTo({ ...r, shipCountries: countryListOf(r.shipCountries) }, country) !== null)
        .map((r) => r.id)
        .sort();
      expect(found.items.map((c) => c.id).sort(), country).toEqual(expected);
      for (const card of found.items) expect(card.shippingTo).not.toBeNull();
    }
    expect((await anon.listings.search({ sellerId: seller.user.id, shipsTo: 'DE', withCounts: false })).items.find((c) => c.id === created.listed)?.shippingTo).toEqual({ zone: 'listed', priceCents: 2_500 });
    expect(await outcome(() => anon.listings.search({ shipsTo: 'XX' }))).toBe('BAD_REQUEST');
  });

  it('refuses logistics that leave the buyer no way to get the part, in words', async () => {
    const w = await makeWorld(env);
    const create = (extra: Record<string, unknown>) => w.seller.caller.listings.create(listingInput('Clio', extra));
    await expect(create({ pickupAvailable: false })).rejects.toThrow(/Offer pickup, shipping, or both/);
    await expect(create({ shippingMode: 'priced' })).rejects.toThrow(/shipping price for at least one zone/);
    await expect(create({ shippingMode: 'priced', shipCountriesCents: 500 })).rejects.toThrow(/Name the countries/);
    await expect(create({ shippingMode: 'priced', shipCountries: ['ZZ'], shipCountriesCents: 500 })).rejects.toThrow(/Not a country code/);
    const listing = await create({ shippingMode: 'priced', shipDomesticCents: 500 });
    // an edit is checked on the merged result
    await expect(w.seller.caller.listings.update({ id: listing.id, expectedVersion: 1, pickupAvailable: false, shippingMode: 'none' })).rejects.toThrow(/Offer pickup, shipping, or both/);
  });
});

describe('reserving for pickup or shipping', () => {
  it('reserves for pickup by default, or ships at the zone price with the total and the next steps for each side', async () => {
    const w = await makeWorld(env);
    const seller = await yardInLyon(w);
    const caliper = await seller.caller.listings.create(listingInput('Clio caliper', { coreChargeCents: 1_000, shippingMode: 'priced', shipDomesticCents: 900, shipCountries: ['DE'], shipCountriesCents: 2_500, handlingDays: 3 }));
    const pickup = await w.buyer.caller.purchases.reserve({ listingId: caliper.id });
    expect(pickup).toMatchObject({ fulfilment: 'pickup', shippingCents: null, coreChargeCents: 1_000, totalCents: 5_000, shipTo: null });
    expect(pickup.nextSteps.buyer?.[0]).toMatch(/collect/);
    await w.buyer.caller.purchases.cancel({ purchaseId: pickup.id });

    const address = { name: 'Anna Weber', line1: 'Lindenstraße 5', postalCode: '80331', city: 'München', country: 'de' };
    // not a zone the part goes to
    expect(await outcome(() => w.buyer.caller.purchases.reserve({ listingId: caliper.id, fulfilment: 'shipping', shipTo: { ...address, country: 'US' } }))).toBe('BAD_REQUEST');
    await expect(w.buyer.caller.purchases.reserve({ listingId: caliper.id, fulfilment: 'shipping', shipTo: { ...address, country: 'US' } })).rejects.toThrow(/does not ship to United States/);
    expect(await outcome(() => w.buyer.caller.purchases.reserve({ listingId: caliper.id, fulfilment: 'shipping' }))).toBe('BAD_REQUEST');
    // nothing was half-written by the refusals: the part is still on sale
    expect((await callerFor(env, null).listings.get({ id: caliper.id })).status).toBe('active');

    const shipped = await w.buyer.caller.purchases.reserve({ listingId: caliper.id, fulfilment: 'shipping', shipTo: address });
    expect(shipped).toMatchObject({ fulfilment: 'shipping', shippingCents: 2_500, totalCents: 4_000 + 1_000 + 2_500, handlingDays: 3, shipTo: { ...address, country: 'DE', line2: null } });
    expect(shipped.nextSteps.buyer?.join(' ')).toMatch(/ships within 3 working days/);

    // the seller sees the address and their own next steps; another seller and the other buyer never see it
    const sales = await seller.caller.purchases.mine({ as: 'seller', status: 'reserved' });
    const sale = sales.items.find((p) => p.id === shipped.id)!;
    expect(sale.shipTo).toMatchObject({ line1: 'Lindenstraße 5' });
    expect(sale.nextSteps.seller?.join(' ')).toMatch(/Ship within 3 working days to the address below/);
    expect(sale.nextSteps.buyer).toBeUndefined();
    for (const other of [w.otherSeller, w.otherBuyer]) {
      for (const as of ['buyer', 'seller'] as const) expect(JSON.stringify(await other.caller.purchases.mine({ as }))).not.toContain('Lindenstraße');
    }
    expect(JSON.stringify(await callerFor(env, null).listings.get({ id: caliper.id }))).not.toContain('Lindenstraße');
    // operators see it in the listing's dossier, with both sides' steps
    const dossier = await w.operator.caller.console.listing({ id: caliper.id });
    expect(JSON.stringify(dossier)).toContain('Lindenstraße');

    // once the reservation is called off, only the buyer still sees the address
    const cancelled = await w.buyer.caller.purchases.cancel({ purchaseId: shipped.id, reason: 'Found one nearer' });
    expect(cancelled.shipTo).toMatchObject({ line1: 'Lindenstraße 5' });
    expect((await w.buyer.caller.purchases.mine({ as: 'buyer', status: 'cancelled' })).items.find((p) => p.id === shipped.id)!.shipTo).toMatchObject({ line1: 'Lindenstraße 5' });
    expect(JSON.stringify(await seller.caller.purchases.mine({ as: 'seller' }))).not.toContain('Lindenstraße');
    expect(JSON.stringify(await w.operator.caller.console.listing({ id: caliper.id }))).not.toContain('Lindenstraße');
  });

  it('quotes shipping on request: no total until the seller names the price; a part without pickup needs an address', async () => {
    const w = await makeWorld(env);
    const seller = await yardInLyon(w);
    const engine = await seller.caller.listings.create(listingInput('Clio engine', { partCategory: 'engine', pickupAvailable: false, shippingMode: 'quote', freightOnly: true }));
    await expect(w.buyer.caller.purchases.reserve({ listingId: engine.id })).rejects.toThrow(/not offered for pickup/);
    const shipped = await w.buyer.caller.purchases.reserve({
      listingId: engine.id,
      fulfilment: 'shipping',
      shipTo: { name: 'Kim', line1: '1 Main St', postalCode: '97201', city: 'Portland', country: 'US' },
    });
    expect(shipped).toMatchObject({ shippingCents: null, totalCents: null });
    expect(shipped.nextSteps.buyer?.[0]).toMatch(/tell you the shipping price/);
    expect((await callerFor(env, null).listings.search({ sellerId: seller.user.id, shipsTo: 'US', withCounts: false })).items.map((c) => c.id)).not.toContain(engine.id);
  });
});

describe('a new seller without a location', () => {
  it('lists without one, and such listings are simply not in distance searches', async () => {
    const seller = await signedIn(env, 'seller');
    const listing = await seller.caller.listings.create(listingInput('Clio wiper'));
    const anon = callerFor(env, null);
    expect((await anon.listings.get({ id: listing.id })).location).toBeNull();
    expect((await anon.listings.search({ near: LYON, withinKm: 1000, withCounts: false })).items.map((c) => c.id)).not.toContain(listing.id);
    expect((await anon.listings.search({ near: LYON, withCounts: false })).items.find((c) => c.id === listing.id)).toMatchObject({ distanceKm: null, location: null });
  });
});

describe('listings made in tests', () => {
  it('keep the R*Tree in step with inserts, moves and deletes', async () => {
    const seller = await signedIn(env, 'seller');
    const row = await makeListing(env.db, { sellerId: seller.user.id, lat: 10, lon: 10, city: 'X', country: 'FR', placeId: 1 });
    const count = async () => (await env.db.$client.execute({ sql: 'SELECT count(*) AS n FROM listing_geo WHERE id = ?', args: [row.seq] })).rows[0]!.n;
    expect(await count()).toBe(1);
    await env.db.update(partListings).set({ lat: 11 }).where(eq(partListings.id, row.id));
    const moved = await env.db.$client.execute({ sql: 'SELECT min_lat FROM listing_geo WHERE id = ?', args: [row.seq] });
    expect(Number(moved.rows[0]!.min_lat)).toBeCloseTo(11, 4);
    await env.db.delete(partListings).where(eq(partListings.id, row.id));
    expect(await count()).toBe(0);
  });
});

describe('where a garage vehicle is', () => {
  it('is a gazetteer town given when the vehicle is added or later, shown with it and on the account, and cleared with null', async () => {
    const buyer = await signedIn(env, 'buyer');
    const golf = await buyer.caller.garage.add({ name: 'Golf at the chalet', make: 'VW', model: 'Golf', year: 2012, location: { placeId: GRENOBLE } });
    expect(golf.location).toMatchObject({ placeId: GRENOBLE, city: 'Grenoble', country: 'FR' });
    expect((await buyer.caller.auth.me()).vehicle?.location).toMatchObject({ placeId: GRENOBLE, city: 'Grenoble' });
    expect(await outcome(() => buyer.caller.garage.add({ name: 'Nowhere', make: 'VW', model: 'Polo', year: 2010, location: { placeId: 999_999_999 } }))).toBe('BAD_REQUEST');
    await expect(buyer.caller.garage.add({ name: 'Nowhere', make: 'VW', model: 'Polo', year: 2010, location: { placeId: 999_999_999 } })).rejects.toThrow(/not a place we know/);
    expect(await buyer.caller.garage.list()).toHaveLength(1);

    const moved = await buyer.caller.garage.update({ id: golf.id, location: { placeId: LYON_ID } });
    expect(moved.location).toMatchObject({ placeId: LYON_ID, city: 'Lyon' });
    // changing something else keeps it where it is
    expect((await buyer.caller.garage.update({ id: golf.id, name: 'Golf' })).location).toMatchObject({ placeId: LYON_ID });
    expect((await buyer.caller.garage.update({ id: golf.id, location: null })).location).toBeNull();
    // someone else's vehicle cannot be moved
    const other = await signedIn(env, 'buyer');
    expect(await outcome(() => other.caller.garage.update({ id: golf.id, location: { placeId: GRENOBLE } }))).toBe('NOT_FOUND');
  });
});

describe('shipping addresses once a deal is over', () => {
  it('are forgotten a month after a reservation ends, and a year and a month after a sale; pickups have none to forget', async () => {
    const w = await makeWorld(env);
    const seller = await yardInLyon(w);
    const address = { name: 'Anna Weber', line1: 'Lindenstraße 5', postalCode: '80331', city: 'München', country: 'DE' };
    const terms = { shippingMode: 'priced' as const, shipCountries: ['DE'], shipCountriesCents: 2_500 };
    const first = await seller.caller.listings.create(listingInput('Clio mirror', terms));
    const second = await seller.caller.listings.create(listingInput('Clio lamp', terms));
    const called = await w.buyer.caller.purchases.reserve({ listingId: first.id, fulfilment: 'shipping', shipTo: address });
    await w.buyer.caller.purchases.cancel({ purchaseId: called.id });
    const sold = await w.buyer.caller.purchases.reserve({ listingId: second.id, fulfilment: 'shipping', shipTo: address });
    await seller.caller.purchases.complete({ purchaseId: sold.id });
    const later = (ms: number) => new Date(env.now().getTime() + ms);
    const kept = async () =>
      Object.fromEntries((await w.buyer.caller.purchases.mine({ as: 'buyer' })).items.filter((p) => [called.id, sold.id].includes(p.id)).map((p) => [p.id === called.id ? 'called' : 'sold', p.shipTo?.line1 ?? null]));

    // (the file's other tests leave purchases of their own, so the counts are at least ours)
    await forgetShippingAddresses(env.db, later(ADDRESS_KEPT_AFTER_CANCEL_MS - 60_000));
    expect(await kept()).toEqual({ called: 'Lindenstraße 5', sold: 'Lindenstraße 5' });
    expect(await forgetShippingAddresses(env.db, later(ADDRESS_KEPT_AFTER_CANCEL_MS + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await kept()).toEqual({ called: null, sold: 'Lindenstraße 5' });
    expect(await forgetShippingAddresses(env.db, later(ADDRESS_KEPT_AFTER_SALE_MS + 60_000))).toBeGreaterThanOrEqual(1);
    expect(await kept()).toEqual({ called: null, sold: null });
    // every part of the address is gone from the row, the rest of the purchase stays
    const [row] = await env.db.select().from(purchases).where(eq(purchases.id, sold.id));
    expect(row).toMatchObject({ status: 'completed', fulfilment: 'shipping', shippingCents: 2_500, shipToName: null, shipToLine1: null, shipToLine2: null, shipToPostalCode: null, shipToCity: null, shipToCountry: null });
    expect(await forgetShippingAddresses(env.db, later(ADDRESS_KEPT_AFTER_SALE_MS * 2))).toBe(0);
  });
});
