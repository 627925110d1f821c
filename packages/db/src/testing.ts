import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeKey, modelKey, primaryVehicle, type CoverageRow, type CreateListingInput, type PartNumberKind, type Role } from '@carparts/domain';
import { eq } from 'drizzle-orm';
import { closeDb, openDb, type Db } from './client.ts';
import { coverageRowValues, partNumberValues } from './coverage.ts';
import { listingCoverage, listingPartNumbers, partListings } from './schema/listings.ts';
import { users } from './schema/users.ts';

export interface TestDb {
  db: Db;
  url: string;
  dir: string;
  close(): void;
}

/** A migrated database in a fresh temp folder: one per test file (never `:memory:`, which libSQL drops after a transaction). */
export async function createTestDb(): Promise<TestDb> {
  const dir = mkdtempSync(join(tmpdir(), 'carparts-test-'));
  const url = pathToFileURL(join(dir, 'test.db')).href;
  const db = await openDb(url);
  return {
    db,
    url,
    dir,
    close() {
      closeDb(db);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * An account that cannot sign in (its hash matches no password), its email address confirmed unless an override says
 * otherwise; for sign-in tests use the auth package.
 */
export async function makeUser(db: Db, overrides: Partial<typeof users.$inferInsert> & { role?: Role } = {}) {
  const name = `user${unique()}`;
  const [row] = await db
    .insert(users)
    .values({
      username: name,
      email: `${name}@example.test`,
      passwordHash: '!unusable',
      role: 'buyer',
      displayName: `User ${name}`,
      emailConfirmedAt: new Date(),
      ...overrides,
    })
    .returning();
  return row!;
}

/** A listing written as the API writes one: the listing row, its coverage rows (one from its vehicle fields by default) and part numbers. */
export async function makeListing(
  db: Db,
  overrides: Partial<Omit<CreateListingInput, 'coverage' | 'partNumbers' | 'site' | 'shipCountries'>> &
    Partial<Pick<typeof partListings.$inferInsert, 'shipCountries' | 'ownSite' | 'placeId' | 'city' | 'country' | 'postalCode' | 'lat' | 'lon'>> & {
    sellerId: string;
    status?: typeof partListings.$inferInsert.status;
    coverage?: CoverageRow[];
    partNumbers?: { kind: PartNumberKind; number: string }[];
  },
) {
  const { coverage: givenCoverage, partNumbers = [], ...fields } = overrides;
  const coverage: CoverageRow[] = givenCoverage ?? [
    {
      make: fields.vehicleMake ?? 'Toyota',
      model: fields.vehicleModel ?? 'Corolla',
      yearFrom: fields.vehicleYear === undefined ? 2012 : fields.vehicleYear,
      yearTo: fields.vehicleYear === undefined ? 2012 : fields.vehicleYear,
    },
  ];
  const primary = primaryVehicle(coverage);
  return db.transaction(async (tx) => {
    const [row] = await tx
      .insert(partListings)
      .values({
        title: 'Alternator 90A, tested',
        partCategory: 'electrical',
        condition: 'used_good',
        priceCents: 5_000,
        currency: 'USD',
        compatibilityNotes: '',
        ...fields,
        ...primary,
        makeKey: makeKey(primary.vehicleMake),
        modelKey: modelKey(primary.vehicleModel),
      })
      .returning();
    await tx.insert(listingCoverage).values(coverageRowValues(row!.seq, coverage));
    if (partNumbers.length) await tx.insert(listingPartNumbers).values(partNumberValues(row!.seq, partNumbers));
    return row!;
  });
}

export async function findListing(db: Db, id: string) {
  return db.query.partListings.findFirst({ where: eq(partListings.id, id) });
}
