import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SessionUser } from '@carparts/auth';
import { inventoryPhotos, newId, partListings, readerOf, users, type Db } from '@carparts/db';
import { DomainError, LIMITS, assertPhotosEditable, canSeeListing, isPublicListing } from '@carparts/domain';
import { and, asc, count, desc, eq, inArray } from 'drizzle-orm';
import type { ApiConfig } from '../context.ts';
import { listingOwnedBy, visibleListing, visibleListingsAmong } from './listing-rows.ts';
import { assertPhotoSize, parseUploadForm, photoFiles, photoUrl, processPhoto, removeFiles } from './photo-files.ts';

type Actor = Pick<SessionUser, 'id' | 'role'>;

type PhotoRow = typeof inventoryPhotos.$inferSelect;
export function photoView(p: PhotoRow) {
  return {
    id: p.id,
    listingId: p.partListingId,
    imageUrl: p.imageUrl,
    thumbnailUrl: p.thumbnailUrl,
    caption: p.caption,
    angle: p.angle,
    isPrimary: p.isPrimary,
    width: p.width,
    height: p.height,
    createdAt: p.createdAt,
  };
}

/** The seller's own listing with this stock number (photos that follow an inventory import). */
async function listingIdOfStockNumber(db: Db, seller: Actor, stockNumber: string): Promise<string> {
  const [row] = await db
    .select({ id: partListings.id })
    .from(partListings)
    .where(and(eq(partListings.sellerId, seller.id), eq(partListings.stockNumber, stockNumber)));
  if (!row) throw new DomainError('NOT_FOUND', `No listing of yours has the stock number ${stockNumber}`, { stockNumber: ['No listing of yours has this stock number'] });
  return row.id;
}

export async function uploadPhoto(db: Db, config: ApiConfig, seller: Actor, form: FormData, now: Date) {
  const { listingId, stockNumber, caption, angle, isPrimary, file } = parseUploadForm(form);
  const listing = await listingOwnedBy(db, listingId ?? (await listingIdOfStockNumber(db, seller, stockNumber!)), seller);
  assertPhotosEditable(listing.status);
  assertPhotoSize(file);
  const image = await processPhoto(new Uint8Array(await file.arrayBuffer()));

  const key = newId();
  const [fullPath, thumbPath] = photoFiles(config.photoDir, key);
  await mkdir(config.photoDir, { recursive: true });
  await writeFile(fullPath, image.full, { flag: 'wx' });
  await writeFile(thumbPath, image.thumb, { flag: 'wx' });
  try {
    return await db.transaction(async (tx) => {
      const current = await tx.query.partListings.findFirst({ where: eq(partListings.id, listing.id) });
      assertPhotosEditable(current?.status ?? 'removed');
      const [existing] = await tx.select({ n: count() }).from(inventoryPhotos).where(eq(inventoryPhotos.partListingId, listing.id));
      const n = existing?.n ?? 0;
      if (n >= LIMITS.photosPerListing) {
        throw new DomainError('BAD_REQUEST', `A listing can have at most ${LIMITS.photosPerListing} photos`);
      }
      const makePrimary = isPrimary || n === 0;
      if (makePrimary) {
        await tx.update(inventoryPhotos).set({ isPrimary: false, updatedAt: now }).where(eq(inventoryPhotos.partListingId, listing.id));
      }
      const [row] = await tx
        .insert(inventoryPhotos)
        .values({
          partListingId: listing.id,
          uploadedBy: seller.id,
          storageKey: key,
          imageUrl: photoUrl(key),
          thumbnailUrl: photoUrl(key, true),
          caption: caption ?? null,
          angle: angle ?? null,
          isPrimary: makePrimary,
          width: image.width,
          height: image.height,
          bytes: image.full.byteLength,
          createdAt: now,
          updatedAt: now,
        })
        .returning();
      return photoView(row!);
    });
  } catch (error) {
    await removeFiles(config.photoDir, key);
    throw error;
  }
}

/** A photo and its listing, when the seller owns the listing (FORBIDDEN for a public one that is not theirs). */
async function ownedPhoto(db: Db, seller: Actor, photoId: string) {
  const photo = await db.query.inventoryPhotos.findFirst({ where: eq(inventoryPhotos.id, photoId) });
  if (!photo) throw new DomainError('NOT_FOUND', 'Photo not found');
  const listing = await listingOwnedBy(db, photo.partListingId, seller).catch((error: DomainError) => {
    throw error.code === 'NOT_FOUND' ? new DomainError('NOT_FOUND', 'Photo not found') : error;
  });
  assertPhotosEditable(listing.status);
  return photo;
}

export async function removePhoto(db: Db, config: ApiConfig, seller: Actor, photoId: string, now: Date) {
  const photo = await ownedPhoto(db, seller, photoId);
  await db.transaction(async (tx) => {
    await tx.delete(inventoryPhotos).where(eq(inventoryPhotos.id, photo.id));
    if (photo.isPrimary) {
      const [next] = await tx
        .select({ id: inventoryPhotos.id })
        .from(inventoryPhotos)
        .where(eq(inventoryPhotos.partListingId, photo.partListingId))
        .orderBy(asc(inventoryPhotos.createdAt))
        .limit(1);
      if (next) await tx.update(inventoryPhotos).set({ isPrimary: true, updatedAt: now }).where(eq(inventoryPhotos.id, next.id));
    }
  });
  await removeFiles(config.photoDir, photo.storageKey);
  return { id: photo.id, removed: true as const };
}

export async function setPrimaryPhoto(db: Db, seller: Actor, photoId: string, now: Date) {
  const photo = await ownedPhoto(db, seller, photoId);
  return db.transaction(async (tx) => {
    await tx
      .update(inventoryPhotos)
      .set({ isPrimary: false, updatedAt: now })
      .where(and(eq(inventoryPhotos.partListingId, photo.partListingId), eq(inventoryPhotos.isPrimary, true)));
    const [row] = await tx.update(inventoryPhotos).set({ isPrimary: true, updatedAt: now }).where(eq(inventoryPhotos.id, photo.id)).returning();
    return photoView(row!);
  });
}

export async function updatePhoto(db: Db, seller: Actor, input: { photoId: string; caption?: string | null; angle?: PhotoRow['angle'] }, now: Date) {
  const photo = await ownedPhoto(db, seller, input.photoId);
  const [row] = await db
    .update(inventoryPhotos)
    .set({
      caption: input.caption === undefined ? photo.caption : input.caption,
      angle: input.angle === undefined ? photo.angle : input.angle,
      updatedAt: now,
    })
    .where(eq(inventoryPhotos.id, photo.id))
    .returning();
  return photoView(row!);
}

const PHOTO_ORDER = [desc(inventoryPhotos.isPrimary), asc(inventoryPhotos.createdAt)] as const;

export async function listPhotos(db: Db, viewer: Actor | null, listingId: string) {
  const listing = await visibleListing(db, listingId, viewer);
  const rows = await db
    .select()
    .from(inventoryPhotos)
    .where(eq(inventoryPhotos.partListingId, listing.id))
    .orderBy(...PHOTO_ORDER);
  return rows.map(photoView);
}

/**
 * The photos of many listings in two statements, for a page of results whose photos are asked for at once: the
 * listings the viewer may not see get none, by the same rule as {@link listPhotos}.
 */
export async function photosOfListings(db: Db, viewer: Actor | null, listingIds: readonly string[]): Promise<Map<string, ReturnType<typeof photoView>[]>> {
  const byListing = new Map(listingIds.map((id) => [id, [] as ReturnType<typeof photoView>[]]));
  if (listingIds.length === 0) return byListing;
  const visible = (await visibleListingsAmong(db, viewer, listingIds)).map((l) => l.id);
  if (visible.length === 0) return byListing;
  const rows = await readerOf(db).select().from(inventoryPhotos).where(inArray(inventoryPhotos.partListingId, visible)).orderBy(...PHOTO_ORDER);
  for (const row of rows) byListing.get(row.partListingId)?.push(photoView(row));
  return byListing;
}

const PHOTO_FILE = /^([a-z0-9]{24})(-t)?\.webp$/;
export const PUBLIC_PHOTO_MAX_AGE_S = 60;

/**
 * Serves `/photos/<key>.webp`: only for listings the viewer may see (a random key is not authorisation), with headers
 * that stop a browser from treating the bytes as anything but an image.
 */
export async function servePhoto(db: Db, config: ApiConfig, fileName: string, viewer: Actor | null): Promise<Response> {
  const notFound = () => new Response('Not found', { status: 404, headers: { 'content-type': 'text/plain; charset=utf-8', 'x-content-type-options': 'nosniff' } });
  const match = PHOTO_FILE.exec(fileName);
  if (!match) return notFound();
  const [, key, thumb] = match as unknown as [string, string, string | undefined];
  const [found] = await db
    .select({ status: partListings.status, sellerId: partListings.sellerId, sellerStatus: users.status })
    .from(inventoryPhotos)
    .innerJoin(partListings, eq(partListings.id, inventoryPhotos.partListingId))
    .innerJoin(users, eq(users.id, partListings.sellerId))
    .where(eq(inventoryPhotos.storageKey, key));
  const row = found && { status: found.status, sellerId: found.sellerId, sellerSuspended: found.sellerStatus === 'suspended' };
  if (!row || !canSeeListing(row, viewer)) return notFound();
  const body = await readFile(join(config.photoDir, `${key}${thumb ?? ''}.webp`)).catch(() => null);
  if (!body) return notFound();
  const isPublic = isPublicListing(row);
  return new Response(new Uint8Array(body), {
    headers: {
      'content-type': 'image/webp',
      'content-length': String(body.byteLength),
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
      'content-disposition': `inline; filename="${key}.webp"`,
      // a takedown or withdrawal must reach shared caches within a minute
      'cache-control': isPublic ? `public, max-age=${PUBLIC_PHOTO_MAX_AGE_S}` : 'private, no-store',
    },
  });
}
