/**
 * A whole trade scripted against the API with nothing but @carparts/client: two accounts, a listing with a photo,
 * search, fitment, a question, a reservation, the sale and the rating — and the forbidden variants of those steps.
 *
 *   pnpm start                                   # in one terminal
 *   pnpm --filter @carparts/client journey       # in another (BASE_URL defaults to http://127.0.0.1:3000)
 */
import { createCarPartsClient, signedInClient, TRPCClientError, type CarPartsClient } from '../src/index.ts';

/** A 1×1 PNG, so the script needs no image library. */
const PIXEL_PNG = Uint8Array.from(
  atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=='),
  (c) => c.charCodeAt(0),
);

async function codeOf(call: () => Promise<unknown>): Promise<string> {
  try {
    await call();
    return 'OK';
  } catch (error) {
    if (error instanceof TRPCClientError) return (error.data as { code?: string } | undefined)?.code ?? error.message;
    throw error;
  }
}

export async function runJourney(baseUrl: string, log: (line: string) => void = console.log) {
  const tag = Date.now().toString(36);
  const anonymous = createCarPartsClient({ baseUrl });
  const account = async (role: 'buyer' | 'seller', name: string) => {
    const { token, user } = await anonymous.auth.signUp.mutate({
      username: `${name}-${tag}`,
      email: `${name}-${tag}@example.com`,
      password: `a long passphrase for ${name}`,
      role,
      displayName: name,
      sessionIn: 'token',
    });
    return { user, client: createCarPartsClient({ baseUrl, token: token! }) as CarPartsClient };
  };

  const seller = await account('seller', 'yard');
  const buyer = await account('buyer', 'driver');
  const rival = await account('buyer', 'rival');
  log(`signed up ${seller.user.username} (seller), ${buyer.user.username} and ${rival.user.username} (buyers)`);

  const word = `zq${tag}`;
  const listing = await seller.client.listings.create.mutate({
    title: `Alternator ${word}`,
    partCategory: 'electrical',
    condition: 'used_good',
    priceCents: 7_500,
    currency: 'USD',
    vehicleMake: 'VW',
    vehicleModel: 'Golf',
    vehicleYear: 2014,
    compatibilityNotes: 'Bosch 140A, tested on the bench.',
  });
  log(`listed ${listing.title} for ${listing.priceCents / 100} ${listing.currency}`);

  const form = new FormData();
  form.set('listingId', listing.id);
  form.set('caption', 'Label side');
  form.set('file', new Blob([PIXEL_PNG], { type: 'image/png' }), 'alternator.png');
  const photo = await seller.client.photos.upload.mutate(form);
  log(`uploaded a photo: ${photo.imageUrl} (primary: ${photo.isPrimary})`);

  const found = await anonymous.listings.search.query({ q: word });
  log(`search for "${word}" found ${found.items.length} listing(s)`);

  const fitment = await buyer.client.fitment.check.mutate({ listingId: listing.id, vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2014, vinLast8: 'E1234567' });
  log(`fitment: ${fitment.fitmentStatus} — ${fitment.notes}`);

  const inquiry = await buyer.client.inquiries.create.mutate({ listingId: listing.id, message: 'Does it come with the pulley?' });
  await seller.client.inquiries.reply.mutate({ inquiryId: inquiry.id, message: 'Yes, pulley included.' });
  const thread = await buyer.client.inquiries.get.query({ inquiryId: inquiry.id });
  log(`inquiry ${thread.status}: "${thread.message}" → "${thread.replies[0]?.message}"`);

  const purchase = await buyer.client.purchases.reserve.mutate({ listingId: listing.id });
  log(`reserved until ${purchase.expiresAt.toISOString()}`);
  const forbidden = {
    buyerCreatesListing: await codeOf(() => buyer.client.listings.create.mutate({ title: 'Nope', partCategory: 'other', condition: 'new', priceCents: 1, currency: 'USD', vehicleMake: 'Ford', vehicleModel: 'Focus' })),
    anonymousReserves: await codeOf(() => anonymous.purchases.reserve.mutate({ listingId: listing.id })),
    rivalReservesTheSamePart: await codeOf(() => rival.client.purchases.reserve.mutate({ listingId: listing.id })),
    rivalReadsTheInquiry: await codeOf(() => rival.client.inquiries.get.query({ inquiryId: inquiry.id })),
    buyerCompletesOwnPurchase: await codeOf(() => buyer.client.purchases.complete.mutate({ purchaseId: purchase.id })),
    ratingBeforeCompletion: await codeOf(() => buyer.client.ratings.create.mutate({ purchaseId: purchase.id, rating: 5 })),
    badVin: await codeOf(() => buyer.client.fitment.check.mutate({ listingId: listing.id, vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2014, vinLast8: 'IOQ12345' })),
    anotherBuyerReprices: await codeOf(() => rival.client.listings.update.mutate({ id: listing.id, expectedVersion: 1, priceCents: 1 })),
  };

  const completed = await seller.client.purchases.complete.mutate({ purchaseId: purchase.id });
  log(`sale ${completed.status}`);
  const rating = await buyer.client.ratings.create.mutate({ purchaseId: purchase.id, rating: 5, reviewText: 'Fast and friendly' });
  const profile = await anonymous.users.profile.query({ userId: seller.user.id });
  log(`rated ${rating.rating}★ (verified: ${rating.isVerifiedPurchase}); seller average ${profile.ratings.average} from ${profile.ratings.count}`);
  const afterwards = {
    rateTwice: await codeOf(() => buyer.client.ratings.create.mutate({ purchaseId: purchase.id, rating: 1 })),
    reserveSoldPart: await codeOf(() => rival.client.purchases.reserve.mutate({ listingId: listing.id })),
  };
  log(`forbidden variants: ${JSON.stringify({ ...forbidden, ...afterwards })}`);

  // a tool that only knows a username and password
  const again = await signedInClient({ baseUrl }, { username: buyer.user.username, password: 'a long passphrase for driver' });
  const me = await again.client.auth.me.query();
  log(`signed in again as ${me.username}`);

  return { listing, photo, found, fitment, thread, purchase, completed, rating, profile, me, forbidden: { ...forbidden, ...afterwards } };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  await runJourney(process.env.BASE_URL ?? 'http://127.0.0.1:3000');
}
