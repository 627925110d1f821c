import { readdirSync } from 'node:fs';
import { inventoryPhotos } from '@carparts/db';
import { makeListing } from '@carparts/db/testing';
import { LIMITS } from '@carparts/domain';
import { eq } from 'drizzle-orm';
import exifr from 'exifr';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { servePhoto } from '../src/services/photos.ts';
import { callerFor, makeWorld, outcome, photoForm, signedIn, tinyPng, useTestApi } from './helpers.ts';

const env = useTestApi();

async function gpsJpeg() {
  return sharp({ create: { width: 400, height: 200, channels: 3, background: '#aa3322' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({ IFD0: { ImageDescription: 'taken-at-my-home' }, IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '51/1 30/1 0/1', GPSLongitudeRef: 'W', GPSLongitude: '0/1 7/1 0/1' } })
    .toBuffer();
}

describe('photos', () => {
  it('re-encodes uploads: no EXIF or GPS survives, the photo is upright, and it is served with safe headers', async () => {
    const w = await makeWorld(env);
    const input = await gpsJpeg();
    const before = await exifr.parse(input, { gps: true });
    expect(before?.latitude).toBeCloseTo(51.5);

    const photo = await w.seller.caller.photos.upload(await photoForm(w.listing.id, input, { caption: 'Front view', angle: 'front' }, '../../etc/passwd.jpg'));
    expect(photo).toMatchObject({ caption: 'Front view', angle: 'front', isPrimary: false });
    // orientation 6 means the camera was turned: 400×200 as stored, 200×400 as seen
    expect(photo.width).toBeLessThan(photo.height);
    expect(photo.imageUrl).toMatch(/^\/photos\/[a-z0-9]{24}\.webp$/);

    const response = await servePhoto(env.db, env.config, photo.imageUrl.slice('/photos/'.length), null);
    expect(response.status).toBe(200);
    expect(Object.fromEntries(response.headers)).toMatchObject({
      'content-type': 'image/webp',
      'x-content-type-options': 'nosniff',
      'content-security-policy': "default-src 'none'; sandbox",
    });
    const served = Buffer.from(await response.arrayBuffer());
    expect(await exifr.parse(served, { gps: true }).catch(() => undefined)).toBeFalsy();
    expect(served.includes(Buffer.from('taken-at-my-home'))).toBe(false);
    // the client's file name never reached the disk
    for (const file of readdirSync(env.config.photoDir)) expect(file).toMatch(/^[a-z0-9]{24}(-t)?\.webp$/);
  });

  it.each([
    ['HTML renamed .jpg', Buffer.from('<html><script>alert(1)</script></html>'), 'evil.jpg'],
    ['SVG with a script', Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'), 'x.svg'],
    ['GIF', Buffer.from('GIF89a\x01\x00\x01\x00\x00\x00\x00;', 'latin1'), 'x.gif'],
    ['PDF', Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF'), 'x.pdf'],
    ['truncated JPEG', Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46]), 'x.jpg'],
    ['zero bytes', Buffer.alloc(0), 'x.jpg'],
    ['no extension', Buffer.from('plain text'), 'README'],
  ])('refuses %s with BAD_REQUEST and stores nothing', async (_, bytes, name) => {
    const w = await makeWorld(env);
    const code = await outcome(async () => w.seller.caller.photos.upload(await photoForm(w.listing.id, bytes, {}, name)));
    expect(code).toBe('BAD_REQUEST');
    const rows = await env.db.select().from(inventoryPhotos).where(eq(inventoryPhotos.partListingId, w.listing.id));
    expect(rows).toHaveLength(1); // the world's own photo only
  });

  it('refuses a decompression bomb: a small PNG declaring an enormous canvas', async () => {
    const w = await makeWorld(env);
    const bomb = await sharp({ create: { width: 9000, height: 9000, channels: 3, background: '#000' } }).png({ compressionLevel: 9 }).toBuffer();
    expect(bomb.byteLength).toBeLessThan(2_000_000);
    await expect(w.seller.caller.photos.upload(await photoForm(w.listing.id, bomb))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('megapixels') });
  });

  it('refuses files over the size limit with PAYLOAD_TOO_LARGE', async () => {
    const w = await makeWorld(env);
    const big = Buffer.concat([await tinyPng(), Buffer.alloc(9 * 1024 * 1024)]);
    await expect(w.seller.caller.photos.upload(await photoForm(w.listing.id, big))).rejects.toMatchObject({ code: 'PAYLOAD_TOO_LARGE' });
  });

  it(`keeps exactly one primary photo and caps a listing at ${LIMITS.photosPerListing}`, async () => {
    const seller = await signedIn(env, 'seller');
    const listing = await makeListing(env.db, { sellerId: seller.user.id });
    const png = await tinyPng();
    const uploaded = [];
    for (let i = 0; i < LIMITS.photosPerListing; i++) uploaded.push(await seller.caller.photos.upload(await photoForm(listing.id, png)));
    expect(uploaded[0]?.isPrimary).toBe(true);
    expect(uploaded.slice(1).every((p) => !p.isPrimary)).toBe(true);
    // the listing's card shows its primary photo through every change of it
    const cardPhoto = async () => (await callerFor(env, null).listings.search({ sellerId: seller.user.id })).items.find((card) => card.id === listing.id)?.primaryPhoto;
    expect(await cardPhoto()).toEqual({ imageUrl: uploaded[0]!.imageUrl, thumbnailUrl: uploaded[0]!.thumbnailUrl, caption: uploaded[0]!.caption });
    await expect(seller.caller.photos.upload(await photoForm(listing.id, png))).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining(`${LIMITS.photosPerListing}`) });

    await seller.caller.photos.setPrimary({ photoId: uploaded[3]!.id });
    let photos = await callerFor(env, null).photos.list({ listingId: listing.id });
    expect(photos.filter((p) => p.isPrimary).map((p) => p.id)).toEqual([uploaded[3]!.id]);
    expect(photos[0]?.id).toBe(uploaded[3]!.id);
    expect((await cardPhoto())?.imageUrl).toBe(uploaded[3]!.imageUrl);
    // the listing's page reads its photos in its own statement: the same photos, in the same order, with the same types
    expect((await callerFor(env, null).listings.get({ id: listing.id })).photos).toEqual(photos.map(({ createdAt: _c, listingId: _l, ...photo }) => photo));

    // removing the primary promotes the oldest remaining photo
    await seller.caller.photos.remove({ photoId: uploaded[3]!.id });
    photos = await callerFor(env, null).photos.list({ listingId: listing.id });
    expect(photos).toHaveLength(LIMITS.photosPerListing - 1);
    expect(photos.filter((p) => p.isPrimary).map((p) => p.id)).toEqual([uploaded[0]!.id]);
    expect((await cardPhoto())?.imageUrl).toBe(uploaded[0]!.imageUrl);
    for (const photo of photos) await seller.caller.photos.remove({ photoId: photo.id });
    expect(await cardPhoto()).toBeNull();
  });

  it('another seller cannot remove my photo, and the file stays served', async () => {
    const w = await makeWorld(env);
    const photo = await w.seller.caller.photos.upload(await photoForm(w.listing.id, await tinyPng()));
    await expect(w.otherSeller.caller.photos.remove({ photoId: photo.id })).rejects.toMatchObject({ code: 'FORBIDDEN' });
    expect((await servePhoto(env.db, env.config, photo.imageUrl.slice(8), null)).status).toBe(200);
  });

  it('photos of a hidden listing are served to its seller and operators only; sold listings take no new photos', async () => {
    const w = await makeWorld(env);
    const photo = await w.seller.caller.photos.upload(await photoForm(w.listing.id, await tinyPng()));
    await w.seller.caller.listings.setStatus({ id: w.listing.id, status: 'withdrawn' });
    const file = photo.thumbnailUrl.slice('/photos/'.length);
    expect((await servePhoto(env.db, env.config, file, null)).status).toBe(404);
    expect((await servePhoto(env.db, env.config, file, w.otherSeller.user)).status).toBe(404);
    expect((await servePhoto(env.db, env.config, file, w.seller.user)).status).toBe(200);
    expect((await servePhoto(env.db, env.config, file, w.operator.user)).status).toBe(200);
    for (const name of ['../../etc/passwd', 'x.webp', `${'a'.repeat(24)}.svg`]) expect((await servePhoto(env.db, env.config, name, w.seller.user)).status).toBe(404);
    await expect(w.seller.caller.photos.upload(await photoForm(w.soldListing.id, await tinyPng()))).rejects.toMatchObject({ code: 'PRECONDITION_FAILED' });
  });

  it('rejects an upload form without a file or with unknown fields', async () => {
    const w = await makeWorld(env);
    const noFile = new FormData();
    noFile.set('listingId', w.listing.id);
    await expect(w.seller.caller.photos.upload(noFile)).rejects.toMatchObject({ code: 'BAD_REQUEST', message: expect.stringContaining('file') });
    const extra = await photoForm(w.listing.id, await tinyPng(), { uploadedBy: w.otherSeller.user.id });
    await expect(w.seller.caller.photos.upload(extra)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    await expect(w.seller.caller.photos.upload({ listingId: w.listing.id } as never)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});
