import { TRPCError } from '@trpc/server';
import { fieldErrorsOf } from '@carparts/domain';
import { partListings } from '@carparts/db';
import { makeKey, modelKey } from '@carparts/domain';
import { eq, sql } from 'drizzle-orm';
import { findListing, makeListing } from '@carparts/db/testing';
import { describe, expect, it } from 'vitest';
import { listingCards } from '../src/services/listing-views.ts';
import { callerFor, makeWorld, outcome, signedIn, useTestApi } from './helpers.ts';

const env = useTestApi();

const brakeCaliper = {
  title: 'Front brake caliper, left',
  partCategory: 'brakes',
  condition: 'used_good',
  priceCents: 4_500,
  currency: 'USD',
  vehicleMake: 'chevy',
  vehicleModel: 'Malibu',
  vehicleYear: 2012,
} as const;

describe('listings', () => {
  it('a seller creates a listing; the server sets status, owner and version, and canonicalises the make', async () => {
    const seller = await signedIn(env, 'seller');
    const created = await seller.caller.listings.create(brakeCaliper);
    expect(created).toMatchObject({ status: 'active', version: 1, vehicleMake: 'Chevrolet', isMine: true, compatibilityNotes: '' });
    const stored = await findListing(env.db, created.id);
    expect(stored).toMatchObject({ sellerId: seller.user.id, makeKey: 'chevrolet', modelKey: 'malibu' });
  });

  it('rejects unknown keys such as status, sellerId or id instead of storing them (mass assignment)', async () => {
    const seller = await signedIn(env, 'seller');
    const other = await signedIn(env, 'seller');
    for (const extra of [{ status: 'sold' }, { sellerId: other.user.id }, { id: 'chosenbyclient000' }, { version: 99 }, { createdAt: new Date(0) }]) {
      await expect(seller.caller.listings.create({ ...brakeCaliper, ...extra } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    const mine = await seller.caller.listings.mine({});
    expect(mine.items).toHaveLength(0);
  });

  it('names the field in validation errors', async () => {
    const seller = await signedIn(env, 'seller');
    await expect(seller.caller.listings.create({ ...brakeCaliper, title: 'x'.repeat(121) })).rejects.toMatchObject({
      code: 'BAD_REQUEST',
      message: expect.stringContaining('title'),
    });
    await expect(seller.caller.listings.create({ ...brakeCaliper, priceCents: 12.5 })).rejects.toMatchObject({ message: expect.stringContaining('priceCents') });
    await expect(seller.caller.listings.create({ ...brakeCaliper, currency: 'XYZ' as never })).rejects.toMatchObject({ message: expect.stringContaining('currency') });
  });

  it('another seller cannot reprice my listing, and the row does not change', async () => {
    const w = await makeWorld(env);
    await expect(w.otherSeller.caller.listings.update({ id: w.listing.id, expectedVersion: 1, priceCents: 1 })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await findListing(env.db, w.listing.id))?.priceCents).toBe(5_000);
  });

  it('a stale edit is a CONFLICT, not a silent overwrite', async () => {
    const w = await makeWorld(env);
    const first = await w.seller.caller.listings.update({ id: w.listing.id, expectedVersion: 1, priceCents: 6_000 });
    expect(first.version).toBe(2);
    await expect(w.seller.caller.listings.update({ id: w.listing.id, expectedVersion: 1, priceCents: 7_000 })).rejects.toMatchObject({ code: 'CONFLICT' });
    expect((await findListing(env.db, w.listing.id))?.priceCents).toBe(6_000);
  });

  it('concurrent edits with the same version: exactly one wins', async () => {
    const w = await makeWorld(env);
    const results = await Promise.all(
      [1, 2, 3, 4].map((n) => outcome(() => w.seller.caller.listings.update({ id: w.listing.id, expectedVersion: 1, priceCents: n * 1000 }))),
    );
    expect(results.filter((r) => r === 'OK')).toHaveLength(1);
    expect(results.filter((r) => r === 'CONFLICT')).toHaveLength(3);
  });

  it('withdrawn listings are hidden from everyone but their seller and operators, like a missing one', async () => {
    const w = await makeWorld(env);
    await w.seller.caller.listings.setStatus({ id: w.listing.id, status: 'withdrawn' });
    for (const who of [null, w.buyer.user, w.otherSeller.user]) {
      await expect(callerFor(env, who).listings.get({ id: w.listing.id })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Listing not found' });
      await expect(callerFor(env, who).listings.get({ id: 'doesnotexist0000000000' })).rejects.toMatchObject({ code: 'NOT_FOUND', message: 'Listing not found' });
    }
    // someone else's hidden listing is NOT_FOUND even for writes: no existence oracle
    await expect(w.otherSeller.caller.listings.update({ id: w.listing.id, expectedVersion: 1, title: 'Mine now' })).rejects.toMatchObject({ code: 'NOT_FOUND' });
    expect((await w.seller.caller.listings.get({ id: w.listing.id })).status).toBe('withdrawn');
    expect((await w.operator.caller.listings.get({ id: w.listing.id })).status).toBe('withdrawn');
  });

  it('a seller cannot mark a listing sold or reserved by hand', async () => {
    const w = await makeWorld(env);
    await expect(w.seller.caller.listings.setStatus({ id: w.listing.id, status: 'sold' as never })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(w.seller.caller.listings.setStatus({ id: w.soldListing.id, status: 'active' })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await findListing(env.db, w.soldListing.id))?.status).toBe('sold');
  });

  it('sold and removed listings cannot be edited', async () => {
    const w = await makeWorld(env);
    await expect(w.seller.caller.listings.update({ id: w.soldListing.id, expectedVersion: 1, priceCents: 1 })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    await w.operator.caller.console.moderateListing({ id: w.spare.id, action: 'remove', reason: 'Counterfeit part' });
    await expect(w.seller.caller.listings.update({ id: w.spare.id, expectedVersion: 1, priceCents: 1 })).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
    expect((await findListing(env.db, w.soldListing.id))?.priceCents).toBe(5_000);
    expect((await findListing(env.db, w.spare.id))?.priceCents).toBe(5_000);
  });
});

describe('listings.search', () => {
  it('a card shows the listing as it is after every change of what the card shows, in every status', async () => {
    const w = await makeWorld(env);
    const { id } = w.listing;
    const cardAgreesWithPage = async () => {
      const [card] = await listingCards(env.db, [id]);
      const page = await w.seller.caller.listings.get({ id });
      const { title, partCategory, condition, priceCents, currency, vehicleMake, vehicleModel, vehicleYear, status, createdAt, coverage, pickupAvailable, shippingMode, freightOnly } = page;
      expect(card).toMatchObject({ id, title, partCategory, condition, priceCents, currency, vehicleMake, vehicleModel, vehicleYear, status, createdAt, coverage, pickupAvailable, shippingMode, freightOnly });
      expect(card?.seller).toMatchObject({ id: w.seller.user.id, displayName: w.seller.user.displayName });
      // the text the triggers kept is what the card's one definition writes from the row now
      const [kept] = await env.db.all<{ stored: string; now: string }>(
        sql`SELECT c.body AS stored, v.body AS now FROM listing_cards c JOIN listing_card_bodies v ON v.seq = c.seq JOIN part_listings l ON l.seq = c.seq WHERE l.id = ${id}`,
      );
      expect(kept?.stored).toEqual(expect.any(String));
      expect(kept!.stored).toBe(kept!.now);
      return card!;
    };
    await cardAgreesWithPage();

    let version = (await w.seller.caller.listings.update({ id, expectedVersion: 1, title: 'Golf VII headlight, "left"\\', priceCents: 12_345, condition: 'used_fair' })).version;
    expect(await cardAgreesWithPage()).toMatchObject({ title: 'Golf VII headlight, "left"\\', priceCents: 12_345, condition: 'used_fair' });

    const coverage = [
      { make: 'Volkswagen', model: 'Golf', yearFrom: 2013, yearTo: 2017, engine: '1.4 TSI' },
      { make: 'Audi', model: 'A3', yearFrom: 2012, yearTo: 2016, engine: null },
    ];
    version = (await w.seller.caller.listings.update({ id, expectedVersion: version, coverage })).version;
    expect((await cardAgreesWithPage()).coverage).toEqual(coverage);

    version = (await w.seller.caller.listings.update({ id, expectedVersion: version, pickupAvailable: false, shippingMode: 'priced', shipDomesticCents: 900, freightOnly: true })).version;
    expect(await cardAgreesWithPage()).toMatchObject({ pickupAvailable: false, shippingMode: 'priced', freightOnly: true });

    await w.seller.caller.listings.setStatus({ id, status: 'withdrawn' });
    expect((await cardAgreesWithPage()).status).toBe('withdrawn');
    await w.seller.caller.listings.setStatus({ id, status: 'active' });
    await w.seller.caller.listings.update({ id, expectedVersion: (await findListing(env.db, id))!.version, pickupAvailable: true });
    expect((await cardAgreesWithPage()).pickupAvailable).toBe(true);
    await w.buyer.caller.purchases.reserve({ listingId: id });
    expect((await cardAgreesWithPage()).status).toBe('reserved');
  });

  it('counts categories exactly up to a thousand matches, and past that says the counts are lower bounds', async () => {
    const seller = await signedIn(env, 'seller');
    const rows = (n: number, partCategory: 'brakes' | 'lighting', model: string) =>
      Array.from({ length: n }, (_, i) => ({
        sellerId: seller.user.id, title: `Caliper ${i}`, partCategory, condition: 'used_good' as const, priceCents: 1_000 + i, currency: 'USD' as const,
        vehicleMake: 'Saab', vehicleModel: model, makeKey: makeKey('Saab'), modelKey: modelKey(model), vehicleYear: 2005,
      }));
    const all = [...rows(600, 'brakes', '9-5'), ...rows(400, 'lighting', '9-5'), ...rows(1_200, 'brakes', '9-3')];
    for (let i = 0; i < all.length; i += 200) await env.db.insert(partListings).values(all.slice(i, i + 200));
    // each listing's one coverage row, as the API writes it
    await env.db.run(sql`INSERT INTO listing_coverage (listing_seq, position, make, model, make_key, model_key, year_from, year_to)
      SELECT seq, 0, vehicle_make, vehicle_model, make_key, model_key, vehicle_year, vehicle_year FROM part_listings WHERE seller_id = ${seller.user.id}`);
    const anon = callerFor(env, null);

    const exact = await anon.listings.search({ make: 'Saab', model: '9-5', sellerId: seller.user.id, withCounts: true });
    expect(exact.categoryCounts).toMatchObject({ brakes: 600, lighting: 400 });
    expect(exact.categoryCountsComplete).toBe(true);

    const broad = await anon.listings.search({ make: 'Saab', sellerId: seller.user.id, withCounts: true });
    expect(broad.categoryCountsComplete).toBe(false);
    const counted = Object.values(broad.categoryCounts!).reduce((a, b) => a + b, 0);
    expect(counted).toBeGreaterThan(1_000);
    expect(counted).toBeLessThan(2_200);
    expect(broad.categoryCounts!.brakes).toBeLessThanOrEqual(1_800);
    await env.db.delete(partListings).where(eq(partListings.sellerId, seller.user.id));
  });


  it('filters by vehicle (aliases included), category, condition, price and text, and only shows active listings', async () => {
    const seller = await signedIn(env, 'seller');
    const s = seller.user.id;
    const [golf, golfNoYear, , , , , ] = await Promise.all([
      makeListing(env.db, { sellerId: s, title: 'Golf alternator Bosch', vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2014, partCategory: 'electrical', priceCents: 8_000 }),
      makeListing(env.db, { sellerId: s, title: 'Golf starter motor', vehicleMake: 'VW', vehicleModel: 'GOLF', vehicleYear: null, partCategory: 'electrical', priceCents: 4_000 }),
      makeListing(env.db, { sellerId: s, title: 'Golf headlight', vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2019, partCategory: 'lighting', priceCents: 12_000 }),
      makeListing(env.db, { sellerId: s, title: 'Golf sold alternator', vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2014, status: 'sold' }),
      makeListing(env.db, { sellerId: s, title: 'Passat alternator Bosch', vehicleMake: 'Volkswagen', vehicleModel: 'Passat', vehicleYear: 2014, partCategory: 'electrical' }),
      makeListing(env.db, { sellerId: s, title: 'Golf radiator', vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2014, partCategory: 'cooling', condition: 'for_parts', priceCents: 2_000 }),
    ]);
    const anon = callerFor(env, null);
    const byVehicle = await anon.listings.search({ make: 'vw', model: 'golf', year: 2014, sellerId: s, sort: 'price_asc' });
    expect(byVehicle.items.map((i) => i.title)).toEqual(['Golf radiator', 'Golf starter motor', 'Golf alternator Bosch']);
    expect(byVehicle.categoryCounts).toMatchObject({ electrical: 2, cooling: 1, lighting: 0 });

    const electrical = await anon.listings.search({ make: 'Volkswagen', partCategory: 'electrical', maxPriceCents: 4_500, sellerId: s });
    expect(electrical.items.map((i) => i.id)).toEqual([golfNoYear.id]);
    // facet counts ignore the category filter itself, so a shopper sees what other categories hold
    expect(electrical.categoryCounts).toMatchObject({ electrical: 1, cooling: 1 });

    const text = await anon.listings.search({ q: 'alternator bosch', sellerId: s });
    expect(text.sort).toBe('relevance');
    expect(text.items.map((i) => i.title).sort()).toEqual(['Golf alternator Bosch', 'Passat alternator Bosch']);

    const prefix = await anon.listings.search({ q: 'altern', sellerId: s, make: 'VW', model: 'Golf' });
    expect(prefix.items.map((i) => i.title)).toEqual([golf.title]);

    const conditions = await anon.listings.search({ sellerId: s, conditions: ['for_parts'] });
    expect(conditions.items.map((i) => i.title)).toEqual(['Golf radiator']);
  });

  it('keeps what the buyer is promised, refuses what is not a choice in words, and filters by warranty and returns', async () => {
    const seller = await signedIn(env, 'seller');
    const base = { partCategory: 'electrical', condition: 'used_fair', priceCents: 12_000, currency: 'EUR', vehicleMake: 'Opel', vehicleModel: 'Astra' } as const;
    const promised = await seller.caller.listings.create({ ...base, title: 'Astra alternator, rebuilt', returnsDays: 30, warrantyDays: 90, coreChargeCents: 2_500, donorMileageKm: 140_000, damageNotes: 'Pulley scratched' });
    const plain = await seller.caller.listings.create({ ...base, title: 'Astra starter motor' });
    const returnsOnly = await seller.caller.listings.create({ ...base, title: 'Astra window motor', returnsDays: 14 });
    const anon = callerFor(env, null);
    expect(await anon.listings.get({ id: promised.id })).toMatchObject({ returnsDays: 30, warrantyDays: 90, coreChargeCents: 2_500, donorMileageKm: 140_000, damageNotes: 'Pulley scratched' });
    expect(await anon.listings.get({ id: plain.id })).toMatchObject({ returnsDays: 0, warrantyDays: 0, coreChargeCents: null, donorMileageKm: null, damageNotes: '' });

    const refused = await seller.caller.listings.create({ ...base, title: 'Astra horn', returnsDays: 7 as never, warrantyDays: 60 as never, donorMileageKm: -5 }).catch((error: TRPCError) => error);
    expect(refused).toBeInstanceOf(TRPCError);
    expect(fieldErrorsOf((refused as TRPCError & { cause: { issues: { path: PropertyKey[]; message: string }[] } }).cause.issues)).toMatchObject({ returnsDays: ['Choose no returns, 14 or 30 days'], warrantyDays: ['Choose no warranty, 30 days, 90 days or 1 year'], donorMileageKm: ['Must not be negative'] });

    // left out, they stay; null clears the core charge
    const edited = await seller.caller.listings.update({ id: promised.id, expectedVersion: 1, priceCents: 11_000 });
    expect(edited).toMatchObject({ coreChargeCents: 2_500, warrantyDays: 90 });
    expect(await seller.caller.listings.update({ id: promised.id, expectedVersion: edited.version, coreChargeCents: null })).toMatchObject({ coreChargeCents: null, donorMileageKm: 140_000 });

    const ids = async (filters: { withWarranty?: boolean; returnsAccepted?: boolean }) => (await anon.listings.search({ sellerId: seller.user.id, ...filters })).items.map((i) => i.id).sort();
    expect(await ids({ withWarranty: true })).toEqual([promised.id]);
    expect(await ids({ returnsAccepted: true })).toEqual([promised.id, returnsOnly.id].sort());
    expect(await ids({})).toEqual([promised.id, plain.id, returnsOnly.id].sort());
  });

  it('ranks the title\'s whole words first, then words the title only starts, then matches elsewhere, and pages across them', async () => {
    const seller = await signedIn(env, 'seller');
    const s = seller.user.id;
    const inNotes = await makeListing(env.db, { sellerId: s, title: 'Door handle', compatibilityNotes: 'Comes with its sensor plug', vehicleMake: 'Ford', vehicleModel: 'Focus', shippingMode: 'quote' });
    const wholeOld = await makeListing(env.db, { sellerId: s, title: 'Parking sensor, rear', country: 'FR', shippingMode: 'priced', shipWorldwideCents: 3_000 });
    const startsOnly = await makeListing(env.db, { sellerId: s, title: 'Sensors kit for bumpers', country: 'DE', shippingMode: 'priced', shipDomesticCents: 1_500 });
    const wholeNew = await makeListing(env.db, { sellerId: s, title: 'Rain sensor', country: 'DE', shippingMode: 'priced', shipDomesticCents: 1_000 });
    const anon = callerFor(env, null);
    const all = await anon.listings.search({ q: 'sensor', sellerId: s });
    expect(all.items.map((i) => i.id)).toEqual([wholeNew.id, wholeOld.id, startsOnly.id, inNotes.id]);
    // one at a time, each cursor resumes in its tier, and the next tier follows without a gap or a repeat
    const paged: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await anon.listings.search({ q: 'sensor', sellerId: s, limit: 1, cursor });
      paged.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(paged).toEqual(all.items.map((i) => i.id));
    // a word being typed is matched as a start: no whole-word tier to put first
    expect((await anon.listings.search({ q: 'sens', sellerId: s })).items.map((i) => i.id)).toEqual([wholeNew.id, startsOnly.id, wholeOld.id, inNotes.id]);
    // read for a vehicle, each tier's cards carry their own verdicts, in the same order
    const fitted = await anon.listings.search({ q: 'sensor', sellerId: s, fitFor: { vehicleMake: 'Toyota', vehicleModel: 'Corolla', vehicleYear: 2012 } });
    expect(fitted.items.map((i) => [i.id, i.fit === 'fits'])).toEqual([[wholeNew.id, true], [wholeOld.id, true], [startsOnly.id, true], [inNotes.id, false]]);
    // and their own shipping, which is read beside each tier's cards
    const shipped = await anon.listings.search({ q: 'sensor', sellerId: s, shipsTo: 'DE' });
    expect(shipped.items.map((i) => [i.id, i.shippingTo])).toEqual([
      [wholeNew.id, { zone: 'domestic', priceCents: 1_000 }],
      [wholeOld.id, { zone: 'worldwide', priceCents: 3_000 }],
      [startsOnly.id, { zone: 'domestic', priceCents: 1_500 }],
      [inNotes.id, { zone: 'quote', priceCents: null }],
    ]);
  });

  it('free text knows what the filters know: make aliases, model spellings and part synonyms', async () => {
    const seller = await signedIn(env, 'seller');
    const s = seller.user.id;
    const [golf, silverado, tailgate, bonnet, headlamp, mirror, tyre] = await Promise.all([
      makeListing(env.db, { sellerId: s, title: 'Alternator 120A', vehicleMake: 'Volkswagen', vehicleModel: 'Golf' }),
      makeListing(env.db, { sellerId: s, title: 'Starter motor', vehicleMake: 'Chevrolet', vehicleModel: 'Silverado 1500' }),
      makeListing(env.db, { sellerId: s, title: 'Tailgate, white', vehicleMake: 'Ford', vehicleModel: 'F-150' }),
      makeListing(env.db, { sellerId: s, title: 'Bonnet, silver', vehicleMake: 'Toyota', vehicleModel: 'Corolla' }),
      makeListing(env.db, { sellerId: s, title: 'Headlamp left, xenon', vehicleMake: 'Audi', vehicleModel: 'A4' }),
      makeListing(env.db, { sellerId: s, title: 'Door mirror, heated', vehicleMake: 'BMW', vehicleModel: '3 Series' }),
      makeListing(env.db, { sellerId: s, title: 'Winter tyre 205/55 R16', vehicleMake: 'Skoda', vehicleModel: 'Octavia' }),
    ]);
    const anon = callerFor(env, null);
    const ids = async (q: string) => (await anon.listings.search({ q, sellerId: s })).items.map((i) => i.id);
    expect(await ids('vw golf')).toEqual([golf.id]);
    expect(await ids('alternator golf')).toEqual([golf.id]);
    expect(await ids('chevy')).toEqual([silverado.id]);
    expect(await ids('f150 tailgate')).toEqual([tailgate.id]);
    expect(await ids('hood')).toEqual([bonnet.id]);
    expect(await ids('head light')).toEqual([headlamp.id]);
    expect(await ids('wing mirror')).toEqual([mirror.id]);
    expect(await ids('tire')).toEqual([tyre.id]);
    expect(await ids('tyre')).toEqual([tyre.id]);
  });

  it('compares prices within one currency: the one asked for, else US dollars, and says which', async () => {
    const seller = await signedIn(env, 'seller');
    const s = seller.user.id;
    await Promise.all([
      makeListing(env.db, { sellerId: s, title: 'Pound part', priceCents: 2_000, currency: 'GBP' }),
      makeListing(env.db, { sellerId: s, title: 'Euro part', priceCents: 3_600, currency: 'EUR' }),
      makeListing(env.db, { sellerId: s, title: 'Dollar part', priceCents: 8_000, currency: 'USD' }),
      makeListing(env.db, { sellerId: s, title: 'Cheap dollar part', priceCents: 1_000, currency: 'USD' }),
      makeListing(env.db, { sellerId: s, title: 'Yen part', priceCents: 5_000, currency: 'JPY' }),
    ]);
    const anon = callerFor(env, null);
    const titles = async (input: Parameters<typeof anon.listings.search>[0]) => {
      const result = await anon.listings.search({ sellerId: s, ...input });
      return { currency: result.priceCurrency, titles: result.items.map((i) => i.title) };
    };
    // no face-value comparison across currencies: a price sort without a currency is a sort of the dollar listings
    expect(await titles({ sort: 'price_asc' })).toEqual({ currency: 'USD', titles: ['Cheap dollar part', 'Dollar part'] });
    expect(await titles({ sort: 'price_desc', currency: 'EUR' })).toEqual({ currency: 'EUR', titles: ['Euro part'] });
    expect(await titles({ maxPriceCents: 6_000, currency: 'JPY' })).toEqual({ currency: 'JPY', titles: ['Yen part'] });
    expect(await titles({ minPriceCents: 1_500 })).toEqual({ currency: 'USD', titles: ['Dollar part'] });
    // a search that compares no prices shows every currency
    expect((await titles({ sort: 'newest' })).titles).toHaveLength(5);
    expect((await titles({ sort: 'newest' })).currency).toBeNull();
  });

  it('"only parts for my vehicle", the card badge and the fitment verdict agree, from one rule', async () => {
    const seller = await signedIn(env, 'seller');
    const s = seller.user.id;
    const cClass = (yearFrom: number | null, yearTo: number | null) => ({ make: 'Mercedes-Benz', model: 'C-Class', yearFrom, yearTo });
    const coverages = [
      [cClass(2010, 2012)],
      [cClass(2013, 2015)],
      [cClass(2015, 2015)],
      [cClass(2016, 2020)],
      [{ make: 'Mercedes-Benz', model: 'E-Class', yearFrom: 2014, yearTo: 2016 }, cClass(2014, 2016)],
      [{ make: 'Mercedes-Benz', model: 'E-Class', yearFrom: 2015, yearTo: 2015 }],
      [cClass(null, null)],
      [cClass(2008, 2011), cClass(2015, 2017)],
    ];
    const listed = await Promise.all(coverages.map((coverage, i) => makeListing(env.db, { sellerId: s, title: `C-Class part ${i}`, coverage })));
    const anon = callerFor(env, null);
    const mine = { vehicleMake: 'Mercedes', vehicleModel: 'C Class', vehicleYear: 2015 };
    for (const sort of ['newest', 'price_asc', 'price_desc'] as const) {
      const found = await anon.listings.search({ make: mine.vehicleMake, model: mine.vehicleModel, year: mine.vehicleYear, sellerId: s, sort, limit: 50, fitFor: mine });
      const shown = new Map(found.items.map((i) => [i.id, i.fit]));
      for (const listing of listed) {
        const verdict = await anon.fitment.preview({ listingId: listing.id, ...mine });
        expect({ title: listing.title, shown: shown.has(listing.id) }).toEqual({ title: listing.title, shown: verdict.fitmentStatus !== 'does_not_fit' });
        if (shown.has(listing.id)) expect(shown.get(listing.id)).toBe(verdict.fitmentStatus);
      }
    }
    // every card of an unfiltered search carries the verdict too
    const unfiltered = await anon.listings.search({ sellerId: s, limit: 50, fitFor: mine });
    for (const card of unfiltered.items) {
      expect(card.fit).toBe((await anon.fitment.preview({ listingId: card.id, ...mine })).fitmentStatus);
    }
    expect(unfiltered.items.map((i) => i.fit).sort()).toEqual(['does_not_fit', 'does_not_fit', 'does_not_fit', 'fits', 'fits', 'fits', 'fits', 'likely']);
    // the year alone, with text
    const texts = await anon.listings.search({ q: 'part', year: 2015, sellerId: s, limit: 50 });
    expect(texts.items.map((i) => i.title).sort()).toEqual(['C-Class part 1', 'C-Class part 2', 'C-Class part 4', 'C-Class part 5', 'C-Class part 6', 'C-Class part 7']);
  });

  it('a model and a year list the rows of that year, the spans holding it and the rows without years as one list, paged in order', async () => {
    const seller = await signedIn(env, 'seller');
    const clk = (yearFrom: number | null, yearTo: number | null) => ({ make: 'Mercedes-Benz', model: 'CLK', yearFrom, yearTo });
    const base = Date.now();
    const kinds = [
      { name: 'that year', coverage: [clk(2004, 2004)], holds: true },
      { name: 'a span holding it', coverage: [clk(2002, 2006)], holds: true },
      { name: 'no years', coverage: [clk(null, null)], holds: true },
      { name: 'that year and a span holding it', coverage: [clk(2004, 2004), clk(2003, 2005)], holds: true },
      { name: 'another year', coverage: [clk(2005, 2005)], holds: false },
      { name: 'a span before it', coverage: [clk(1998, 2003)], holds: false },
      { name: 'another year and a span holding it', coverage: [clk(2001, 2001), clk(2004, 2008)], holds: true },
    ];
    const listed: { id: string; holds: boolean }[] = [];
    for (let i = 0; i < 21; i++) {
      const kind = kinds[i % kinds.length]!;
      // prices and times repeat across kinds, so pages break ties between the two walks
      const created = await makeListing(env.db, { sellerId: seller.user.id, title: `CLK part ${i} (${kind.name})`, coverage: kind.coverage, priceCents: 1_000 + (i % 4) * 250, createdAt: new Date(base - (i % 3) * 60_000) } as never);
      listed.push({ id: created.id, holds: kind.holds });
    }
    const expected = listed.filter((l) => l.holds).map((l) => l.id);
    const anon = callerFor(env, null);
    for (const sort of ['newest', 'price_asc', 'price_desc'] as const) {
      const whole = await anon.listings.search({ make: 'Mercedes', model: 'CLK', year: 2004, sort, limit: 50, withCounts: false });
      expect(new Set(whole.items.map((i) => i.id))).toEqual(new Set(expected));
      expect(whole.items).toHaveLength(expected.length);
      const keys = whole.items.map((i) => (sort === 'newest' ? -i.createdAt.getTime() : sort === 'price_asc' ? i.priceCents : -i.priceCents));
      expect(keys).toEqual([...keys].sort((a, b) => a - b));
      const paged: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await anon.listings.search({ make: 'Mercedes', model: 'CLK', year: 2004, sort, limit: 4, cursor, withCounts: false });
        paged.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(paged).toEqual(whole.items.map((i) => i.id));
    }
  });

  it('pages with cursors through every result exactly once, in order', async () => {
    const seller = await signedIn(env, 'seller');
    const base = Date.now();
    for (let i = 0; i < 23; i++) {
      await makeListing(env.db, { sellerId: seller.user.id, priceCents: 1_000 + (i % 5) * 100, createdAt: new Date(base - (i % 4) * 1000) } as never);
    }
    for (const sort of ['newest', 'price_asc', 'price_desc'] as const) {
      const seen: string[] = [];
      let cursor: string | undefined;
      let prices: number[] = [];
      do {
        const page = await callerFor(env, null).listings.search({ sellerId: seller.user.id, sort, limit: 5, cursor });
        seen.push(...page.items.map((i) => i.id));
        prices = prices.concat(page.items.map((i) => i.priceCents));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      expect(new Set(seen).size).toBe(23);
      expect(seen).toHaveLength(23);
      if (sort === 'price_asc') expect(prices).toEqual([...prices].sort((a, b) => a - b));
      if (sort === 'price_desc') expect(prices).toEqual([...prices].sort((a, b) => b - a));
    }
  });

  it('pages newest first through a narrow price range and a broad one alike (two plans, one order)', async () => {
    const seller = await signedIn(env, 'seller');
    const base = Date.now();
    const rows = Array.from({ length: 620 }, (_, i) => ({
      sellerId: seller.user.id, title: `Rotor ${i}`, partCategory: 'brakes' as const, condition: 'used_good' as const,
      priceCents: i < 12 ? 77_700 + i : 1_000 + i, currency: 'USD' as const, vehicleMake: 'Volvo', vehicleModel: 'V70',
      makeKey: makeKey('Volvo'), modelKey: modelKey('V70'), vehicleYear: 2004, createdAt: new Date(base - ((i * 7919) % 620) * 1000),
    }));
    for (let i = 0; i < rows.length; i += 200) await env.db.insert(partListings).values(rows.slice(i, i + 200));
    const walk = async (input: { minPriceCents: number; maxPriceCents: number }) => {
      const seen: { id: string; at: number }[] = [];
      let cursor: string | undefined;
      do {
        const page = await callerFor(env, null).listings.search({ ...input, partCategory: 'brakes', sellerId: seller.user.id, sort: 'newest', limit: 5, cursor });
        seen.push(...page.items.map((i) => ({ id: i.id, at: i.createdAt.getTime() })));
        cursor = page.nextCursor ?? undefined;
      } while (cursor && seen.length < 40);
      return seen;
    };
    const narrow = await walk({ minPriceCents: 77_700, maxPriceCents: 77_800 });
    expect(narrow).toHaveLength(12);
    const broad = await walk({ minPriceCents: 1_000, maxPriceCents: 100_000 });
    expect(broad).toHaveLength(40);
    for (const found of [narrow, broad]) {
      expect(new Set(found.map((f) => f.id)).size).toBe(found.length);
      expect(found.map((f) => f.at)).toEqual(found.map((f) => f.at).sort((a, b) => b - a));
    }
    await env.db.delete(partListings).where(eq(partListings.sellerId, seller.user.id));
  });

  it('refuses page sizes over the maximum, tampered cursors, and filters on hidden or unknown fields', async () => {
    const anon = callerFor(env, null);
    for (const input of [
      { limit: 1_000_000 },
      { cursor: 'not-a-cursor' },
      { email: 'a@b.c' },
      { sort: 'passwordHash' },
      { where: { or: [{ email: 'x' }] } },
      { 'seller.email': 'x' },
      { q: 'x'.repeat(201) },
      { minPriceCents: 500, maxPriceCents: 100 },
      { model: 'Golf' },
    ]) {
      await expect(anon.listings.search(input as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
    const newest = await anon.listings.search({ sort: 'newest', limit: 1 });
    if (newest.nextCursor) {
      await expect(anon.listings.search({ sort: 'price_asc', cursor: newest.nextCursor })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    }
  });

  it('ranks title matches before other matches, newest first within each, and pages through both tiers', async () => {
    const seller = await signedIn(env, 'seller');
    const s = seller.user.id;
    const inNotes = await makeListing(env.db, { sellerId: s, title: 'Turbocharger, rebuilt', compatibilityNotes: 'Same unit as the Garrett GT1749' });
    const olderTitle = await makeListing(env.db, { sellerId: s, title: 'Garrett turbo GT1749' });
    const newerTitle = await makeListing(env.db, { sellerId: s, title: 'Garrett turbo GT2056' });
    const firstPage = await callerFor(env, null).listings.search({ q: 'garrett', sellerId: s });
    expect(firstPage.items.map((i) => i.id)).toEqual([newerTitle.id, olderTitle.id, inNotes.id]);
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await callerFor(env, null).listings.search({ q: 'garrett', sellerId: s, limit: 1, cursor });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([newerTitle.id, olderTitle.id, inNotes.id]);
  });

  it('treats FTS syntax in the search box as plain words', async () => {
    const anon = callerFor(env, null);
    for (const q of ['"unterminated', 'NEAR(a b)', 'title:x', 'a OR b AND NOT c', '*', '-', '()']) {
      await expect(anon.listings.search({ q })).resolves.toBeDefined();
    }
  });

  it('lists makes and the models of a make from the data', async () => {
    const seller = await signedIn(env, 'seller');
    await makeListing(env.db, { sellerId: seller.user.id, vehicleMake: 'Saab', vehicleModel: '9-3' });
    await makeListing(env.db, { sellerId: seller.user.id, vehicleMake: 'Saab', vehicleModel: '9-5' });
    const anon = callerFor(env, null);
    const makes = await anon.listings.vehicleOptions({});
    expect('makes' in makes && makes.makes.find((m) => m.make === 'Saab')?.count).toBe(2);
    const models = await anon.listings.vehicleOptions({ make: 'saab' });
    expect('models' in models && models.models.map((m) => m.model)).toEqual(['9-3', '9-5']);
  });
});
