import { fitmentReports, listingPartNumbers, readerOf, type DbOrTx } from '@carparts/db';
import type { PartNumberKind } from '@carparts/domain';
import { and, asc, count, eq, inArray } from 'drizzle-orm';
import { visibleListingsAmong, type ListingRow, type Viewer } from './listing-rows.ts';

/** What the buyer is promised with a part, as the listing's page shows it. */
type Guarantees = Pick<ListingRow, 'returnsDays' | 'warrantyDays' | 'coreChargeCents' | 'donorMileageKm' | 'damageNotes'>;

export interface ListingFacts extends Guarantees {
  compatibilityNotes: string;
  version: number;
  updatedAt: Date;
  partNumbers: { kind: PartNumberKind; number: string }[];
  /** Buyers who reported after a completed purchase that the part fitted. */
  fitConfirmedBy: number;
}

/**
 * What a listing's own page shows beyond its card, for many listings in three statements whatever their number: the
 * seller's notes, the version an edit must name, part numbers and buyers' confirmations. Listings the viewer may not
 * see are absent, by the same rule as the listing's page.
 */
export async function listingFactsOf(db: DbOrTx, viewer: Viewer, ids: readonly string[]): Promise<Map<string, ListingFacts>> {
  const facts = new Map<string, ListingFacts>();
  const visible = await visibleListingsAmong(db, viewer, ids);
  if (visible.length === 0) return facts;
  const reader = readerOf(db);
  const [numbers, confirmations] = await Promise.all([
    reader
      .select({ listingSeq: listingPartNumbers.listingSeq, kind: listingPartNumbers.kind, number: listingPartNumbers.number })
      .from(listingPartNumbers)
      .where(inArray(listingPartNumbers.listingSeq, visible.map((row) => row.seq)))
      .orderBy(asc(listingPartNumbers.kind), asc(listingPartNumbers.number)),
    reader
      .select({ listingId: fitmentReports.partListingId, confirmed: count() })
      .from(fitmentReports)
      .where(and(inArray(fitmentReports.partListingId, visible.map((row) => row.id)), eq(fitmentReports.fit, true)))
      .groupBy(fitmentReports.partListingId),
  ]);
  const confirmedBy = new Map(confirmations.map((c) => [c.listingId, c.confirmed]));
  for (const row of visible) {
    facts.set(row.id, {
      compatibilityNotes: row.compatibilityNotes,
      returnsDays: row.returnsDays,
      warrantyDays: row.warrantyDays,
      coreChargeCents: row.coreChargeCents,
      donorMileageKm: row.donorMileageKm,
      damageNotes: row.damageNotes,
      version: row.version,
      updatedAt: row.updatedAt,
      partNumbers: numbers.filter((n) => n.listingSeq === row.seq).map(({ kind, number }) => ({ kind, number })),
      fitConfirmedBy: confirmedBy.get(row.id) ?? 0,
    });
  }
  return facts;
}
