import { auditLog, listingCoverage, listingPartNumbers, partListings } from '@carparts/db';
import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { callerFor, outcome, signedIn, useTestApi } from './helpers.ts';

const env = useTestApi();

const part = { title: 'Alternator 140A, tested', partCategory: 'electrical', condition: 'used_good', priceCents: 9_000, currency: 'USD' } as const;
const golfAndJetta = [
  { make: 'VW', model: 'Golf', yearFrom: 2009, yearTo: 2013 },
  { make: 'Volkswagen', model: 'Jetta', yearFrom: 2011, yearTo: 2014, engine: '2.0 TDI' },
];

/** A buyer who bought the listing, the seller confirming the sale. */
async function boughtBy(listingId: string, seller: Awaited<ReturnType<typeof signedIn>>) {
  const buyer = await signedIn(env, 'buyer');
  const reservation = await buyer.caller.purchases.reserve({ listingId });
  await seller.caller.purchases.complete({ purchaseId: reservation.id });
  return { buyer, purchaseId: reservation.id };
}

describe('coverage rows and part numbers', () => {
  it('are taken on create and returned by get, the first row standing as the seed fields’ primary vehicle', async () => {
    const seller = await signedIn(env, 'seller');
    const created = await seller.caller.listings.create({
      ...part,
      coverage: golfAndJetta,
      partNumbers: [
        { kind: 'oem', number: '1k0 915 105 ab' },
        { kind: 'oem', number: '1K0-915-105-AB' },
        { kind: 'interchange', number: '601-01234' },
      ],
    });
    expect(created.coverage).toEqual([
      { make: 'Volkswagen', model: 'Golf', yearFrom: 2009, yearTo: 2013, engine: null },
      { make: 'Volkswagen', model: 'Jetta', yearFrom: 2011, yearTo: 2014, engine: '2.0 TDI' },
    ]);
    expect(created).toMatchObject({ vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2009 });
    // two spellings of one number are kept once, shown as printed on parts
    expect(created.partNumbers).toEqual([
      { kind: 'interchange', number: '601-01234' },
      { kind: 'oem', number: '1K0 915 105 AB' },
    ]);
    expect((await callerFor(env, null).listings.get({ id: created.id })).coverage).toHaveLength(2);
  });

  it('keep working for clients that only know the seed’s vehicle fields', async () => {
    const seller = await signedIn(env, 'seller');
    const created = await seller.caller.listings.create({ ...part, vehicleMake: 'Ford', vehicleModel: 'Focus', vehicleYear: 2012 });
    expect(created.coverage).toEqual([{ make: 'Ford', model: 'Focus', yearFrom: 2012, yearTo: 2012, engine: null }]);
    const withRows = await seller.caller.listings.update({ id: created.id, expectedVersion: created.version, coverage: [{ make: 'Ford', model: 'Focus', yearFrom: 2012, yearTo: 2012 }, { make: 'Ford', model: 'C-Max', yearFrom: 2011, yearTo: 2014 }] });
    // the seed fields alone change the primary vehicle and keep the other rows
    const moved = await seller.caller.listings.update({ id: created.id, expectedVersion: withRows.version, vehicleYear: 2013 });
    expect(moved.coverage.map((r) => [r.model, r.yearFrom, r.yearTo])).toEqual([['Focus', 2013, 2013], ['C-Max', 2011, 2014]]);
    expect(moved.vehicleYear).toBe(2013);
    const replaced = await seller.caller.listings.update({ id: created.id, expectedVersion: moved.version, coverage: [{ make: 'Mazda', model: 'Mazda3', yearFrom: 2004, yearTo: 2009 }], partNumbers: [{ kind: 'oem', number: 'BP4K-18-300' }] });
    expect(replaced).toMatchObject({ vehicleMake: 'Mazda', vehicleModel: 'Mazda3', vehicleYear: 2004, partNumbers: [{ kind: 'oem', number: 'BP4K-18-300' }] });
    expect(replaced.coverage).toHaveLength(1);
  });

  it.each([
    [{ coverage: [{ make: 'VW', model: 'Golf', yearFrom: 2013, yearTo: 2009 }] }, 'coverage.0.yearTo', 'Must not be before the first year'],
    [{ coverage: [{ make: 'VW', model: 'Golf', yearFrom: 1899, yearTo: 2009 }] }, 'coverage.0.yearFrom', 'Must be 1900 or later'],
    [{ coverage: [{ make: 'VW', model: 'Golf', yearFrom: 2009, yearTo: new Date().getUTCFullYear() + 3 }] }, 'coverage.0.yearTo', `Must be ${new Date().getUTCFullYear() + 2} or earlier`],
    [{ coverage: [] }, 'coverage', 'Add at least one vehicle the part fits'],
    [{ coverage: Array.from({ length: 51 }, (_, i) => ({ make: 'Ford', model: `Model ${i}`, yearFrom: 2000, yearTo: 2001 })) }, 'coverage', 'At most 50 vehicles per listing'],
    [{ coverage: [...golfAndJetta, { make: 'Volkswagen', model: 'golf', yearFrom: 2013, yearTo: 2015 }] }, 'coverage.2', 'Rows 1 and 3 both cover Volkswagen golf 2013–2015: merge them, or tell the engines apart'],
    [{ coverage: golfAndJetta, partNumbers: [{ kind: 'oem', number: '--' }] }, 'partNumbers.0.number', 'Must have at least 3 letters or digits'],
    [{}, 'coverage', 'Add at least one vehicle the part fits'],
  ])('refuse bad rows with a message naming the field, writing nothing (%#)', async (fields, path, message) => {
    const seller = await signedIn(env, 'seller');
    const error = await seller.caller.listings.create({ ...part, ...fields } as never).catch((e: unknown) => e);
    expect((error as { code?: string }).code).toBe('BAD_REQUEST');
    expect((error as { cause?: { issues?: { path: (string | number)[]; message: string }[] } }).cause?.issues?.map((i) => [i.path.join('.'), i.message])).toContainEqual([path, message]);
    expect(await env.db.select().from(partListings).where(eq(partListings.sellerId, seller.user.id))).toEqual([]);
  });

  it('are found by part number in any spacing or case, with listings sharing an interchange number', async () => {
    const seller = await signedIn(env, 'seller');
    const carrying = await seller.caller.listings.create({ ...part, coverage: golfAndJetta, partNumbers: [{ kind: 'oem', number: '1K0 915 105 AB' }, { kind: 'interchange', number: 'HL-601-77777' }] });
    const sameInterchange = await seller.caller.listings.create({ ...part, title: 'Alternator, aftermarket', coverage: golfAndJetta, partNumbers: [{ kind: 'interchange', number: 'hl 601 77777' }] });
    const unrelated = await seller.caller.listings.create({ ...part, title: 'Alternator, other', coverage: golfAndJetta, partNumbers: [{ kind: 'oem', number: '1K0 915 105 AC' }] });
    const anon = callerFor(env, null);
    for (const typed of ['1K0 915 105 AB', '1k0915105ab', '1K0.915.105-AB']) {
      const found = await anon.listings.search({ partNumber: typed, sellerId: seller.user.id, limit: 50 });
      expect(found.items.map((i) => i.id).sort()).toEqual([carrying.id, sameInterchange.id].sort());
    }
    expect((await anon.listings.search({ partNumber: '1K0 915 105 AC', sellerId: seller.user.id })).items.map((i) => i.id)).toEqual([unrelated.id]);
    expect((await anon.listings.search({ partNumber: 'ZZ 000 000' })).items).toEqual([]);
    // with the other filters, and the counts
    const narrowed = await anon.listings.search({ partNumber: '1k0915105ab', sellerId: seller.user.id, make: 'VW', model: 'Jetta', year: 2012, withCounts: true });
    expect(narrowed.items).toHaveLength(2);
    expect(narrowed.categoryCounts?.electrical).toBe(2);
    await expect(anon.listings.search({ partNumber: '- -' })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('text search', () => {
  it('finds a part by any vehicle it covers, and forgets a vehicle taken off it', async () => {
    const seller = await signedIn(env, 'seller');
    const created = await seller.caller.listings.create({ ...part, title: 'Window regulator, front left', coverage: [{ make: 'Škoda', model: 'Octavia', yearFrom: 2005, yearTo: 2012 }, { make: 'SEAT', model: 'Toledo', yearFrom: 2006, yearTo: 2009, engine: '1.9 TDI' }] });
    const anon = callerFor(env, null);
    const found = async (q: string) => (await anon.listings.search({ q, sellerId: seller.user.id })).items.map((i) => i.id);
    expect(await found('window regulator toledo')).toEqual([created.id]);
    expect(await found('regulator skoda')).toEqual([created.id]);
    expect(await found('regulator 1.9 tdi')).toEqual([created.id]);
    await seller.caller.listings.update({ id: created.id, expectedVersion: created.version, coverage: [{ make: 'Škoda', model: 'Octavia', yearFrom: 2005, yearTo: 2012 }] });
    expect(await found('window regulator toledo')).toEqual([]);
    expect(await found('window regulator octavia')).toEqual([created.id]);
  });
});

describe('category counts of a search by vehicle', () => {
  it('from the counts kept per model year agree with the counts of a walk over the rows', async () => {
    const seller = await signedIn(env, 'seller');
    const rows = [
      [{ make: 'Lancia', model: 'Ypsilon', yearFrom: 2011, yearTo: 2015 }],
      [{ make: 'Lancia', model: 'Ypsilon', yearFrom: 2013, yearTo: 2013 }, { make: 'Lancia', model: 'Ypsilon', yearFrom: 2012, yearTo: 2014, engine: 'TwinAir' }],
      [{ make: 'Lancia', model: 'Musa', yearFrom: 2013, yearTo: 2013 }],
    ];
    for (const [i, coverage] of rows.entries()) await seller.caller.listings.create({ ...part, partCategory: i === 2 ? 'brakes' : 'electrical', coverage });
    const anon = callerFor(env, null);
    const kept = await anon.listings.search({ make: 'Lancia', model: 'Ypsilon', year: 2013 });
    // a condition filter that admits every condition takes the walk instead
    const walked = await anon.listings.search({ make: 'Lancia', model: 'Ypsilon', year: 2013, conditions: ['new', 'refurbished', 'used_excellent', 'used_good', 'used_fair', 'for_parts'] });
    expect(kept.categoryCounts).toEqual(walked.categoryCounts);
    expect(kept.categoryCounts).toMatchObject({ electrical: 2, brakes: 0 });
    expect(kept.categoryCountsComplete).toBe(true);
  });
});

describe('the garage', () => {
  it('keeps up to ten vehicles with one active, and cards carry the verdict for it', async () => {
    const seller = await signedIn(env, 'seller');
    const listing = await seller.caller.listings.create({ ...part, coverage: golfAndJetta });
    const buyer = await signedIn(env, 'buyer');
    const jetta = await buyer.caller.garage.add({ name: 'Daily', make: 'VW', model: 'Jetta', year: 2012, vinLast8: 'C1234567' });
    expect(jetta.active).toBe(true);
    const mx5 = await buyer.caller.garage.add({ name: 'Weekend', make: 'Mazda', model: 'MX-5', year: 1995 });
    expect(mx5.active).toBe(false);

    const card = async () => (await buyer.caller.listings.search({ sellerId: seller.user.id })).items.find((i) => i.id === listing.id)!.fit;
    expect(await card()).toBe('fits');
    await buyer.caller.garage.setActive({ id: mx5.id });
    expect(await card()).toBe('does_not_fit');
    // an explicit vehicle wins over the garage; signed out without one there is no verdict
    expect((await buyer.caller.listings.search({ sellerId: seller.user.id, fitFor: { vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2010 } })).items[0]!.fit).toBe('fits');
    expect((await callerFor(env, null).listings.search({ sellerId: seller.user.id })).items[0]!.fit).toBeNull();

    // removing the active vehicle makes another one active
    await buyer.caller.garage.remove({ id: mx5.id });
    expect((await buyer.caller.garage.list()).map((v) => [v.name, v.active])).toEqual([['Daily', true]]);
    expect((await buyer.caller.auth.me()).vehicle).toMatchObject({ vehicleMake: 'Volkswagen', vehicleModel: 'Jetta', vehicleYear: 2012, vinLast8: 'C1234567' });

    for (let i = 0; i < 9; i++) await buyer.caller.garage.add({ name: `Car ${i}`, make: 'Ford', model: 'Focus', year: 2000 + i });
    expect(await outcome(() => buyer.caller.garage.add({ name: 'One too many', make: 'Ford', model: 'Focus', year: 2015 }))).toBe('PRECONDITION_FAILED');
    expect(await buyer.caller.garage.list()).toHaveLength(10);

    // someone else's vehicle does not exist for you
    const other = await signedIn(env, 'buyer');
    expect(await outcome(() => other.caller.garage.setActive({ id: jetta.id }))).toBe('NOT_FOUND');
  });
});

describe('fitment confirmed by buyers', () => {
  it('a card found for a vehicle a buyer reported it did not fit says it needs review, until an operator resolves the report', async () => {
    const seller = await signedIn(env, 'seller');
    const operator = await signedIn(env, 'operator');
    const listing = await seller.caller.listings.create({ ...part, title: `Alternator ${Date.now()}`, coverage: golfAndJetta });
    const { buyer, purchaseId } = await boughtBy(listing.id, seller);
    const report = await buyer.caller.fitment.report({ purchaseId, fit: false, vehicle: { make: 'VW', model: 'Jetta', year: 2012 }, note: 'Plug is different' });
    // the part back on sale (the buyer returned it)
    await env.db.update(partListings).set({ status: 'active' }).where(eq(partListings.id, listing.id));
    const fitOf = async (vehicle: { vehicleMake: string; vehicleModel: string; vehicleYear: number }) =>
      (await callerFor(env, null).listings.search({ q: listing.title, fitFor: vehicle })).items.find((card) => card.id === listing.id)?.fit;

    expect(await fitOf({ vehicleMake: 'VW', vehicleModel: 'Jetta', vehicleYear: 2012 })).toBe('needs_review');
    expect(await fitOf({ vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2010 })).toBe('fits');
    await operator.caller.console.resolveFitmentReport({ reportId: report.id, note: 'Checked with the seller' });
    expect(await fitOf({ vehicleMake: 'VW', vehicleModel: 'Jetta', vehicleYear: 2012 })).toBe('fits');
  });

  it('takes one report per completed purchase, shows confirmations, and queues a contradiction for operators', async () => {
    const seller = await signedIn(env, 'seller');
    const operator = await signedIn(env, 'operator');
    const listing = await seller.caller.listings.create({ ...part, coverage: golfAndJetta });
    const spare = await seller.caller.listings.create({ ...part, coverage: golfAndJetta });

    // not before the purchase is completed
    const early = await signedIn(env, 'buyer');
    const reservation = await early.caller.purchases.reserve({ listingId: spare.id });
    expect(await outcome(() => early.caller.fitment.report({ purchaseId: reservation.id, fit: true, vehicle: { make: 'VW', model: 'Golf', year: 2010 } }))).toBe('PRECONDITION_FAILED');

    const { buyer, purchaseId } = await boughtBy(listing.id, seller);
    // without a vehicle and with an empty garage, the report says what is missing
    expect(await outcome(() => buyer.caller.fitment.report({ purchaseId, fit: false }))).toBe('BAD_REQUEST');
    await buyer.caller.garage.add({ name: 'Jetta', make: 'VW', model: 'Jetta', year: 2012 });
    const report = await buyer.caller.fitment.report({ purchaseId, fit: false, note: 'Plug is different' });
    expect(report).toMatchObject({ vehicleMake: 'Volkswagen', vehicleModel: 'Jetta', vehicleYear: 2012, fit: false, claimed: true });
    expect(await outcome(() => buyer.caller.fitment.report({ purchaseId, fit: true }))).toBe('CONFLICT');
    // another buyer cannot report on this purchase
    const stranger = await signedIn(env, 'buyer');
    expect(await outcome(() => stranger.caller.fitment.report({ purchaseId, fit: true, vehicle: { make: 'VW', model: 'Golf', year: 2010 } }))).toBe('NOT_FOUND');

    // the seller's claim for that vehicle now needs review; other vehicles are untouched
    const anon = callerFor(env, null);
    expect((await anon.fitment.preview({ listingId: spare.id, vehicleMake: 'VW', vehicleModel: 'Jetta', vehicleYear: 2012 })).fitmentStatus).toBe('fits');
    expect((await seller.caller.fitment.reportsOnMyListings()).map((r) => [r.id, r.listingTitle, r.note])).toEqual([[report.id, part.title, 'Plug is different']]);
    expect(await (await signedIn(env, 'seller')).caller.fitment.reportsOnMyListings()).toEqual([]);
    const sold = await seller.caller.listings.get({ id: listing.id });
    expect(sold.fitmentReports.openContradictions).toBe(1);
    expect(sold.fitmentReports.notFitReports.map((r) => r.note)).toEqual(['Plug is different']);
    // read as JSON beside the listing, the report has the types the report itself was answered with (dates, booleans)
    expect(sold.fitmentReports.notFitReports).toEqual([report]);
    expect((await anon.listings.get({ id: listing.id })).fitmentReports.notFitReports).toEqual([]);

    const queue = await operator.caller.console.fitmentReports({ status: 'open' });
    const task = queue.items.find((r) => r.id === report.id)!;
    expect(task).toMatchObject({ listing: { id: listing.id }, vehicleModel: 'Jetta', note: 'Plug is different' });
    expect(task.listing.coverage).toHaveLength(2);
    const resolved = await operator.caller.console.resolveFitmentReport({ reportId: report.id, note: 'Seller checked: the 2012 Jetta hybrid differs' });
    expect(resolved.resolutionNote).toBe('Seller checked: the 2012 Jetta hybrid differs');
    expect(await outcome(() => operator.caller.console.resolveFitmentReport({ reportId: report.id, note: 'again' }))).toBe('CONFLICT');
    const [audit] = await env.db.select().from(auditLog).where(eq(auditLog.targetId, report.id));
    expect(audit).toMatchObject({ action: 'fitment.resolveReport', actorId: operator.user.id, reason: 'Seller checked: the 2012 Jetta hybrid differs' });
    expect((await operator.caller.console.fitmentReports({ status: 'open' })).items.map((r) => r.id)).not.toContain(report.id);
    expect(await seller.caller.fitment.reportsOnMyListings()).toEqual([]);

    // confirmations, and the seller's record of claims confirmed
    const second = await boughtBy(spare.id, seller).catch(() => null);
    expect(second).toBeNull(); // the spare is reserved by the early buyer
    const third = await seller.caller.listings.create({ ...part, coverage: golfAndJetta });
    const { buyer: happy, purchaseId: happyPurchase } = await boughtBy(third.id, seller);
    await happy.caller.fitment.report({ purchaseId: happyPurchase, fit: true, vehicle: { make: 'VW', model: 'Golf', year: 2011 } });
    const confirmed = await anon.listings.get({ id: third.id });
    expect(confirmed.fitmentReports).toMatchObject({ confirmedBy: 1, confirmedVehicles: [{ vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2011, buyers: 1 }] });
    expect(confirmed.seller?.fitmentRecord).toEqual({ reports: 2, confirmed: 1, confirmedShare: 0.5 });
  });
});

describe('the listing aggregate', () => {
  it('drops no coverage rows or part numbers on a failed update', async () => {
    const seller = await signedIn(env, 'seller');
    const listing = await seller.caller.listings.create({ ...part, coverage: golfAndJetta, partNumbers: [{ kind: 'oem', number: '1K0 915 105 AB' }] });
    expect(await outcome(() => seller.caller.listings.update({ id: listing.id, expectedVersion: listing.version + 5, coverage: [golfAndJetta[0]!], partNumbers: [] }))).toBe('CONFLICT');
    expect(await env.db.select().from(listingCoverage).where(eq(listingCoverage.listingSeq, (await env.db.select().from(partListings).where(eq(partListings.id, listing.id)))[0]!.seq))).toHaveLength(2);
    expect(await env.db.select().from(listingPartNumbers)).not.toHaveLength(0);
  });
});
