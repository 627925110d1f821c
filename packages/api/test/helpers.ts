import { join } from 'node:path';
import { createSession, hashPassword } from '@carparts/auth';
import { compatibilityLogs, fitmentReports, garageVehicles, inquiries, inventoryPhotos, newId, purchases, savedSearches, type Db } from '@carparts/db';
import { createTestDb, makeListing, makeUser, type TestDb } from '@carparts/db/testing';
import type { Role } from '@carparts/domain';
import { TRPCError } from '@trpc/server';
import sharp from 'sharp';
import { afterAll, beforeAll } from 'vitest';
import { noCookies, type ApiConfig, type ApiContext } from '../src/context.ts';
import { createCaller } from '../src/root.ts';

export type User = Awaited<ReturnType<typeof makeUser>>;

/** A migrated temp-file database, a config that writes photos beside it, and a clock tests can move. */
export function useTestApi() {
  const env = {} as {
    t: TestDb;
    db: Db;
    config: ApiConfig;
    clock: { offsetMs: number };
    now: () => Date;
  };
  beforeAll(async () => {
    env.t = await createTestDb();
    env.db = env.t.db;
    env.config = { reservationTtlMs: 48 * 3_600_000, photoDir: join(env.t.dir, 'photos'), allowedOrigins: [], secureCookies: false, trustedProxies: 0 };
    env.clock = { offsetMs: 0 };
    env.now = () => new Date(Date.now() + env.clock.offsetMs);
  });
  afterAll(() => env.t?.close());
  return env;
}

export type TestEnv = ReturnType<typeof useTestApi>;

export function contextFor(env: TestEnv, user: User | null, session: ApiContext['session'] = null): ApiContext {
  return {
    db: env.db,
    config: env.config,
    user: user && { id: user.id, username: user.username, role: user.role, displayName: user.displayName, status: user.status },
    session: user ? (session ?? { id: 'test', userId: user.id, createdAt: env.now(), lastVerifiedAt: env.now(), expiresAt: new Date(env.now().getTime() + 3_600_000) }) : null,
    cookies: noCookies,
    now: env.now,
    meta: { transport: 'internal', authVia: null, origin: null, requestOrigin: null, clientAddress: '127.0.0.1', requestId: newId() },
  };
}

export const callerFor = (env: TestEnv, user: User | null) => createCaller(contextFor(env, user));

/** One procedure of a caller by its dotted name (`listings.search`), for tests that go over every procedure. */
export function procedureOf(caller: ReturnType<typeof createCaller>, path: string): (input: unknown) => Promise<unknown> {
  return path.split('.').reduce<unknown>((node, key) => (node as Record<string, unknown>)[key], caller) as (input: unknown) => Promise<unknown>;
}

/** A user with a real session row, as a signed-in request would have. */
export async function signedIn(env: TestEnv, role: Role, overrides: Parameters<typeof makeUser>[1] = {}) {
  const user = await makeUser(env.db, { role, phoneNumber: `+1 555 ${Math.floor(1e6 + Math.random() * 8e6)}`, ...overrides });
  const { session, token } = await createSession(env.db, user, env.now());
  return { user, token, caller: createCaller(contextFor(env, user, session)) };
}

/** The tRPC code a call fails with, or 'OK'. */
export async function outcome(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCError) return error.code;
    throw error;
  }
}

let pngCache: Buffer | undefined;
export async function tinyPng(): Promise<Buffer> {
  pngCache ??= await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } }).png().toBuffer();
  return pngCache;
}

export async function photoForm(listingId: string | undefined, file: Blob | Buffer, fields: Record<string, string> = {}, fileName = 'photo.png') {
  const form = new FormData();
  if (listingId !== undefined) form.set('listingId', listingId);
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  form.set('file', file instanceof Blob ? file : new Blob([new Uint8Array(file)]), fileName);
  return form;
}

/** The password of every account a world is made of (hashed once per test file: argon2 is slow on purpose). */
export const WORLD_PASSWORD = 'world password 123';
let worldPasswordHash: Promise<string> | undefined;

/**
 * A small marketplace: two sellers, two buyers and an operator; a public listing, a spare one to reserve, a live
 * reservation, a completed sale, an inquiry, a fitment log with a VIN fragment and a photo — all of the first seller
 * and the first buyer.
 */
export async function makeWorld(env: TestEnv) {
  const passwordHash = await (worldPasswordHash ??= hashPassword(WORLD_PASSWORD));
  const [seller, otherSeller, buyer, otherBuyer, operator] = await Promise.all([
    signedIn(env, 'seller', { passwordHash }),
    signedIn(env, 'seller', { passwordHash }),
    signedIn(env, 'buyer', { passwordHash }),
    signedIn(env, 'buyer', { passwordHash }),
    signedIn(env, 'operator', { passwordHash }),
  ]);
  const now = env.now();
  const [listing, spare, reservedListing, soldListing, reportedListing] = await Promise.all([
    makeListing(env.db, { sellerId: seller.user.id, vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2014 }),
    makeListing(env.db, { sellerId: seller.user.id }),
    makeListing(env.db, { sellerId: seller.user.id, status: 'reserved' }),
    makeListing(env.db, { sellerId: seller.user.id, status: 'sold' }),
    makeListing(env.db, { sellerId: seller.user.id, status: 'sold' }),
  ]);
  const [[reservation], [sale], [inquiry], [fitmentLog], [photo]] = await Promise.all([
    // shipped to an address that only this buyer, this seller and operators may ever see
    env.db
      .insert(purchases)
      .values({
        partListingId: reservedListing.id,
        buyerId: buyer.user.id,
        sellerId: seller.user.id,
        priceCents: 5_000,
        currency: 'USD',
        status: 'reserved',
        expiresAt: new Date(now.getTime() + 3_600_000),
        fulfilment: 'shipping',
        shippingCents: 1_500,
        shipToName: 'World Buyer',
        shipToLine1: `${newId().slice(0, 8)} Private Lane`,
        shipToPostalCode: '10115',
        shipToCity: 'Berlin',
        shipToCountry: 'DE',
      })
      .returning(),
    env.db.insert(purchases).values({ partListingId: soldListing.id, buyerId: buyer.user.id, sellerId: seller.user.id, priceCents: 5_000, currency: 'USD', status: 'completed', expiresAt: now, completedAt: now }).returning(),
    env.db.insert(inquiries).values({ buyerId: buyer.user.id, sellerId: seller.user.id, partListingId: listing.id, message: 'Still available?' }).returning(),
    env.db.insert(compatibilityLogs).values({ buyerId: buyer.user.id, partListingId: listing.id, vinLast8: `E${newId().slice(0, 7).toUpperCase().replace(/[IOQ]/g, '7')}`, vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2014, fitmentStatus: 'fits', notes: 'Matches' }).returning(),
    env.db.insert(inventoryPhotos).values({ partListingId: listing.id, uploadedBy: seller.user.id, storageKey: newId(), imageUrl: '/photos/x.webp', thumbnailUrl: '/photos/x-t.webp', isPrimary: true, width: 10, height: 10, bytes: 10 }).returning(),
  ]);
  // another buyer's completed purchase, reported as not fitting a vehicle the seller claimed: an open contradiction
  const [otherSale] = await env.db.insert(purchases).values({ partListingId: reportedListing.id, buyerId: otherBuyer.user.id, sellerId: seller.user.id, priceCents: 5_000, currency: 'USD', status: 'completed', expiresAt: now, completedAt: now }).returning();
  const [[fitmentReport], [garageVehicle]] = await Promise.all([
    env.db.insert(fitmentReports).values({ purchaseId: otherSale!.id, partListingId: reportedListing.id, buyerId: otherBuyer.user.id, sellerId: seller.user.id, vehicleMake: 'Toyota', vehicleModel: 'Corolla', makeKey: 'toyota', modelKey: 'corolla', vehicleYear: 2012, fit: false, claimed: true, note: 'Plug differs' }).returning(),
    env.db.insert(garageVehicles).values({ userId: buyer.user.id, name: 'Daily driver', make: 'Volkswagen', model: 'Golf', year: 2014, active: true }).returning(),
  ]);
  const [savedSearch] = await env.db
    .insert(savedSearches)
    .values({ userId: buyer.user.id, name: 'Golf parts', query: { make: 'Volkswagen', model: 'Golf' }, createdAt: now, checkedUpTo: now, nextCheckAt: new Date(now.getTime() + 86_400_000) })
    .returning();
  return { seller, otherSeller, buyer, otherBuyer, operator, listing, spare, reservedListing, soldListing, reservation: reservation!, sale: sale!, inquiry: inquiry!, fitmentLog: fitmentLog!, photo: photo!, fitmentReport: fitmentReport!, garageVehicle: garageVehicle!, savedSearch: savedSearch! };
}
export type World = Awaited<ReturnType<typeof makeWorld>>;
