import { startTestApiHost, type TestApiHost } from '@carparts/server/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCarPartsClient, TRPCClientError } from '../src/index.ts';
import { runJourney } from '../examples/journey.ts';

let host: TestApiHost;
let base: string;

beforeAll(async () => {
  host = await startTestApiHost();
  ({ base } = host);
});
afterAll(() => host.close());

it('a script using only the typed client completes a whole trade, and every forbidden variant gets the right error', async () => {
  const lines: string[] = [];
  const result = await runJourney(base, (line) => lines.push(line));
  expect(result.photo).toMatchObject({ isPrimary: true, caption: 'Label side' });
  expect(result.found.items.map((i) => i.id)).toEqual([result.listing.id]);
  expect(result.found.items[0]?.primaryPhoto?.imageUrl).toBe(result.photo.imageUrl);
  expect(result.fitment).toMatchObject({ fitmentStatus: 'fits', vinLast8: 'E1234567' });
  expect(result.thread).toMatchObject({ status: 'replied', replies: [{ message: 'Yes, pulley included.' }] });
  expect(result.completed.status).toBe('completed');
  expect(result.rating).toMatchObject({ rating: 5, isVerifiedPurchase: true });
  expect(result.profile.ratings).toEqual({ average: 5, count: 1, verifiedCount: 1 });
  expect(result.me).toMatchObject({ id: result.purchase.buyerId, role: 'buyer', username: expect.stringMatching(/^driver-/) });
  expect(result.forbidden).toEqual({
    buyerCreatesListing: 'FORBIDDEN',
    anonymousReserves: 'UNAUTHORIZED',
    rivalReservesTheSamePart: 'CONFLICT',
    rivalReadsTheInquiry: 'NOT_FOUND',
    buyerCompletesOwnPurchase: 'FORBIDDEN',
    ratingBeforeCompletion: 'PRECONDITION_FAILED',
    badVin: 'BAD_REQUEST',
    anotherBuyerReprices: 'FORBIDDEN',
    rateTwice: 'CONFLICT',
    reserveSoldPart: 'CONFLICT',
  });
  const served = await fetch(`${base}${result.photo.imageUrl}`);
  expect(served.headers.get('content-type')).toBe('image/webp');
  expect(lines.length).toBeGreaterThan(5);
});

it('an over-size photo sent through the typed client comes back as a readable PAYLOAD_TOO_LARGE, not a broken connection', async () => {
  const anonymous = createCarPartsClient({ baseUrl: base });
  const { token } = await anonymous.auth.signUp.mutate({ username: 'big-photo-yard', email: 'big@example.test', password: 'a long yard passphrase', role: 'seller', displayName: 'Big Photo Yard', sessionIn: 'token' });
  const seller = createCarPartsClient({ baseUrl: base, token: token! });
  const listing = await seller.listings.create.mutate({ title: 'Bonnet, silver', partCategory: 'body_panels', condition: 'used_good', priceCents: 9_000, currency: 'USD', vehicleMake: 'Ford', vehicleModel: 'Focus' });
  const form = new FormData();
  form.set('listingId', listing.id);
  form.set('file', new Blob([new Uint8Array(9 * 1024 * 1024)], { type: 'image/jpeg' }), 'huge.jpg');
  const failure = await seller.photos.upload.mutate(form).then(
    () => null,
    (error: unknown) => error,
  );
  expect(failure).toBeInstanceOf(TRPCClientError);
  expect((failure as TRPCClientError<never>).data).toMatchObject({ code: 'PAYLOAD_TOO_LARGE', httpStatus: 413 });
  expect((failure as Error).message).toMatch(/at most 8MB/);
  // and the server is still serving
  await expect(anonymous.listings.get.query({ id: listing.id })).resolves.toMatchObject({ title: 'Bonnet, silver' });
});
