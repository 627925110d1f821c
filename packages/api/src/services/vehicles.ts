import { readerOf, vehicleFacets, type DbOrTx } from '@carparts/db';
import { makeKey } from '@carparts/domain';
import { and, eq, gt, sql } from 'drizzle-orm';
import { prepared } from './prepared.ts';

type Options = { makes: { make: string; count: number }[] } | { models: { model: string; count: number }[] };

/**
 * The makes (or a make's models) that active listings are for, with counts, for the search filters: read from the
 * counts the database keeps per make and model, current to the last write in every process.
 */
export async function vehicleOptions(db: DbOrTx, make: string | undefined): Promise<Options> {
  const reader = readerOf(db);
  if (make) {
    const rows = await prepared(reader, 'vehicle-models', () =>
      reader
        .select({ model: vehicleFacets.model, count: vehicleFacets.activeListings })
        .from(vehicleFacets)
        .where(and(eq(vehicleFacets.makeKey, sql.placeholder('makeKey')), gt(vehicleFacets.activeListings, 0)))
        .orderBy(vehicleFacets.modelKey),
    ).all({ makeKey: makeKey(make) });
    return { models: rows };
  }
  const rows = await prepared(reader, 'vehicle-makes', () =>
    reader
      .select({ make: sql<string>`min(${vehicleFacets.make})`, count: sql<number>`sum(${vehicleFacets.activeListings})` })
      .from(vehicleFacets)
      .groupBy(vehicleFacets.makeKey)
      .having(sql`sum(${vehicleFacets.activeListings}) > 0`)
      .orderBy(vehicleFacets.makeKey),
  ).all();
  return { makes: rows };
}

/** Every make and model the catalogue has listings for: the suggestions of the sellers' vehicle fields. */
export async function knownVehicles(db: DbOrTx): Promise<{ make: string; model: string }[]> {
  const reader = readerOf(db);
  return prepared(reader, 'known-vehicles', () =>
    reader
      .select({ make: vehicleFacets.make, model: vehicleFacets.model })
      .from(vehicleFacets)
      .where(gt(vehicleFacets.activeListings, 0))
      .orderBy(vehicleFacets.makeKey, vehicleFacets.modelKey),
  ).all();
}
