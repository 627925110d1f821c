import type { SessionUser } from '@carparts/auth';
import { consumeRateLimit } from '@carparts/auth';
import { partListings, users, type Db, type DbOrTx } from '@carparts/db';
import {
  DomainError,
  LIMITS,
  assertEditable,
  assertTransition,
  describeCoverage,
  logisticsProblems,
  makeKey,
  overlappingRows,
  primaryVehicle,
  type CoverageRow,
  modelKey,
  type CreateListingInput,
  type ListingStatus,
  type UpdateListingInput,
} from '@carparts/domain';
import { and, eq } from 'drizzle-orm';
import { recordAudit, type OperatorCtx } from './audit.ts';
import { findListingRow, listingOwnedBy, transitionListing } from './listing-rows.ts';
import { cancelReservationOfRemovedListing } from './purchases.ts';
import { coverageOf, writeCoverage, writePartNumbers } from './coverage.ts';
import { locationColumns, locationOf, resolveLocation } from './places.ts';

/** Every change a person makes to a listing: its seller creates, edits, withdraws and relists it; an operator takes it down or restores it. */
type ListingFields = Omit<CreateListingInput, 'coverage' | 'partNumbers' | 'site'>;

/** ",DE,FR," — a comma around every code, so that one code is found with instr() in SQL. */
export const storedCountryList = (codes: string[]) => (codes.length ? `,${[...new Set(codes)].join(',')},` : '');
export const countryListOf = (stored: string) => stored.split(',').filter(Boolean);

/** Where a listing is: its own site, or (null) its seller's location, copied, which follows the seller when they move. */
export async function siteColumns(tx: DbOrTx, sellerId: string, site: { placeId: number; postalCode?: string | null } | null) {
  if (site) return { ownSite: true, ...locationColumns(await resolveLocation(site, 'site')) };
  const [seller] = await tx.select().from(users).where(eq(users.id, sellerId));
  return { ownSite: false, ...locationColumns(seller ? locationOf(seller) : null) };
}
export const listingValues = (input: ListingFields) => ({
  title: input.title,
  partCategory: input.partCategory,
  condition: input.condition,
  priceCents: input.priceCents,
  currency: input.currency,
  vehicleMake: input.vehicleMake,
  vehicleModel: input.vehicleModel,
  vehicleYear: input.vehicleYear,
  compatibilityNotes: input.compatibilityNotes,
  returnsDays: input.returnsDays,
  warrantyDays: input.warrantyDays,
  coreChargeCents: input.coreChargeCents,
  donorMileageKm: input.donorMileageKm,
  damageNotes: input.damageNotes,
  pickupAvailable: input.pickupAvailable,
  pickupNotes: input.pickupNotes,
  shippingMode: input.shippingMode,
  // a price only where the mode uses it: a listing that stops shipping keeps no stale zones
  shipDomesticCents: input.shippingMode === 'priced' ? input.shipDomesticCents : null,
  shipCountries: input.shippingMode === 'priced' && input.shipCountriesCents !== null ? storedCountryList(input.shipCountries) : '',
  shipCountriesCents: input.shippingMode === 'priced' && input.shipCountries.length ? input.shipCountriesCents : null,
  shipWorldwideCents: input.shippingMode === 'priced' ? input.shipWorldwideCents : null,
  freightOnly: input.freightOnly,
  handlingDays: input.handlingDays,
  makeKey: makeKey(input.vehicleMake),
  modelKey: modelKey(input.vehicleModel),
});

export async function createListing(db: Db, seller: Pick<SessionUser, 'id'>, input: CreateListingInput, now: Date) {
  const allowed = await consumeRateLimit(db, `listings:create:${seller.id}`, { limit: LIMITS.listingsPerSellerPerDay, windowMs: 86_400_000 }, now);
  if (!allowed) throw new DomainError('TOO_MANY_REQUESTS', `At most ${LIMITS.listingsPerSellerPerDay} new listings a day`);
  const { coverage, partNumbers, site, ...fields } = input;
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partListings)
      .values({ ...listingValues(fields), ...(await siteColumns(tx, seller.id, site)), sellerId: seller.id, status: 'active', createdAt: now, updatedAt: now })
      .returning();
    await writeCoverage(tx, row!.seq, coverage);
    await writePartNumbers(tx, row!.seq, partNumbers);
    return row!;
  });
}

/**
 * The coverage rows after an edit: the rows sent replace all of them; the seed's vehicle fields alone replace only the
 * primary vehicle, the first row, keeping the others.
 */
function editedCoverage(input: UpdateListingInput, current: CoverageRow[]): CoverageRow[] | null {
  if (input.coverage) return input.coverage;
  if (input.vehicleMake === undefined && input.vehicleModel === undefined && input.vehicleYear === undefined) return null;
  const first = current[0]!;
  const year = input.vehicleYear === undefined ? undefined : input.vehicleYear;
  const primary: CoverageRow = {
    make: input.vehicleMake ?? first.make,
    model: input.vehicleModel ?? first.model,
    yearFrom: year === undefined ? first.yearFrom : year,
    yearTo: year === undefined ? first.yearTo : year,
    engine: first.engine,
  };
  const rows = [primary, ...current.slice(1)];
  const overlap = overlappingRows(rows);
  if (overlap) {
    throw new DomainError('BAD_REQUEST', `coverage: rows ${overlap[0] + 1} and ${overlap[1] + 1} would cover the same vehicle`, {
      coverage: [`Rows ${overlap[0] + 1} and ${overlap[1] + 1} would both cover ${describeCoverage(rows[overlap[1]]!)}`],
    });
  }
  return rows;
}

export async function updateListing(db: Db, seller: Pick<SessionUser, 'id' | 'role'>, input: UpdateListingInput, now: Date) {
  return db.transaction(async (tx) => {
    const current = await listingOwnedBy(tx, input.id, seller);
    assertEditable(current.status);
    if (current.version !== input.expectedVersion) {
      throw new DomainError('CONFLICT', 'This listing was changed since you opened it; reload and apply your edit again');
    }
    const coverage = editedCoverage(input, await coverageOf(tx, current.seq));
    const primary = coverage ? primaryVehicle(coverage) : { vehicleMake: current.vehicleMake, vehicleModel: current.vehicleModel, vehicleYear: current.vehicleYear };
    const merged = {
      title: input.title ?? current.title,
      partCategory: input.partCategory ?? current.partCategory,
      condition: input.condition ?? current.condition,
      priceCents: input.priceCents ?? current.priceCents,
      currency: input.currency ?? current.currency,
      ...primary,
      compatibilityNotes: input.compatibilityNotes ?? current.compatibilityNotes,
      returnsDays: input.returnsDays ?? current.returnsDays,
      warrantyDays: input.warrantyDays ?? current.warrantyDays,
      // null clears these two; left out, they stay
      coreChargeCents: input.coreChargeCents !== undefined ? input.coreChargeCents : current.coreChargeCents,
      donorMileageKm: input.donorMileageKm !== undefined ? input.donorMileageKm : current.donorMileageKm,
      damageNotes: input.damageNotes ?? current.damageNotes,
      pickupAvailable: input.pickupAvailable ?? current.pickupAvailable,
      pickupNotes: input.pickupNotes ?? current.pickupNotes,
      shippingMode: input.shippingMode ?? current.shippingMode,
      shipDomesticCents: input.shipDomesticCents !== undefined ? input.shipDomesticCents : current.shipDomesticCents,
      shipCountries: input.shipCountries ?? countryListOf(current.shipCountries),
      shipCountriesCents: input.shipCountriesCents !== undefined ? input.shipCountriesCents : current.shipCountriesCents,
      shipWorldwideCents: input.shipWorldwideCents !== undefined ? input.shipWorldwideCents : current.shipWorldwideCents,
      freightOnly: input.freightOnly ?? current.freightOnly,
      handlingDays: input.handlingDays ?? current.handlingDays,
    };
    const problems = logisticsProblems(merged);
    if (problems.length) {
      throw new DomainError('BAD_REQUEST', `${problems[0]!.path}: ${problems[0]!.message}`, Object.fromEntries(problems.map((p) => [p.path, [p.message]])));
    }
    const site = input.site === undefined ? {} : await siteColumns(tx, current.sellerId, input.site);
    const [row] = await tx
      .update(partListings)
      .set({ ...listingValues(merged), ...site, version: current.version + 1, updatedAt: now })
      .where(and(eq(partListings.id, current.id), eq(partListings.version, current.version)))
      .returning();
    if (!row) throw new DomainError('CONFLICT', 'This listing was changed since you opened it; reload and apply your edit again');
    if (coverage) await writeCoverage(tx, row.seq, coverage);
    if (input.partNumbers) await writePartNumbers(tx, row.seq, input.partNumbers);
    return row;
  });
}

export async function setListingStatusBySeller(db: Db, seller: Pick<SessionUser, 'id' | 'role'>, id: string, to: 'active' | 'withdrawn', now: Date) {
  return db.transaction(async (tx) => {
    const current = await listingOwnedBy(tx, id, seller);
    if (current.status === to) return current;
    assertTransition('seller', current.status, to);
    const row = await transitionListing(tx, id, current.status, to, now);
    if (!row) throw new DomainError('CONFLICT', 'The listing changed meanwhile; reload and try again');
    return row;
  });
}


export async function moderateListing(ctx: OperatorCtx, input: { id: string; action: 'remove' | 'restore'; reason: string }) {
  const now = ctx.now();
  return ctx.db.transaction(async (tx) => {
    const listing = await findListingRow(tx, input.id);
    if (!listing) throw new DomainError('NOT_FOUND', 'Listing not found');
    const to: ListingStatus = input.action === 'remove' ? 'removed' : 'active';
    assertTransition('operator', listing.status, to);
    if (listing.status === 'reserved') await cancelReservationOfRemovedListing(tx, ctx.user, listing.id, now);
    const row = await transitionListing(tx, listing.id, listing.status, to, now, {
      moderationReason: input.reason,
      moderatedAt: now,
    });
    if (!row) throw new DomainError('CONFLICT', 'The listing changed meanwhile; reload and try again');
    await recordAudit(tx, ctx, {
      action: input.action === 'remove' ? 'listing.remove' : 'listing.restore',
      targetType: 'listing',
      targetId: listing.id,
      reason: input.reason,
      before: { status: listing.status },
      after: { status: to },
    });
    return { id: row.id, status: row.status, moderationReason: row.moderationReason };
  });
}

