import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { makeKey, modelKey, type CreateListingInput, type Role } from '@carparts/domain';
import { eq } from 'drizzle-orm';
import { closeDb, openDb, type Db } from './client.ts';
import { partListings } from './schema/listings.ts';
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

/** An account that cannot sign in (its hash matches no password); for sign-in tests use the auth package. */
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
      ...overrides,
    })
    .returning();
  return row!;
}

export async function makeListing(
  db: Db,
  overrides: Partial<CreateListingInput> & { sellerId: string; status?: typeof partListings.$inferInsert.status },
) {
  const make = overrides.vehicleMake ?? 'Toyota';
  const model = overrides.vehicleModel ?? 'Corolla';
  const [row] = await db
    .insert(partListings)
    .values({
      title: 'Alternator 90A, tested',
      partCategory: 'electrical',
      condition: 'used_good',
      priceCents: 5_000,
      currency: 'USD',
      vehicleYear: 2012,
      compatibilityNotes: '',
      ...overrides,
      vehicleMake: make,
      vehicleModel: model,
      makeKey: makeKey(make),
      modelKey: modelKey(model),
    })
    .returning();
  return row!;
}

export async function findListing(db: Db, id: string) {
  return db.query.partListings.findFirst({ where: eq(partListings.id, id) });
}
