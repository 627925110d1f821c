import type { World } from './helpers.ts';
import { photoForm, tinyPng, WORLD_PASSWORD } from './helpers.ts';

/**
 * The authorization matrix: every procedure × every point of view (object- and function-level authorization, and no
 * data beyond what that viewer may see), with the exact code
 * expected. A procedure added to the router without a row here fails the completeness test.
 */
export type Actor = 'anon' | 'buyer' | 'otherBuyer' | 'seller' | 'otherSeller' | 'operator';
type Code = 'OK' | 'UNAUTHORIZED' | 'FORBIDDEN' | 'NOT_FOUND' | 'BAD_REQUEST';
type Row = { input: (w: World) => unknown | Promise<unknown>; expect: Record<Actor, Code> };

export const ACTORS: Actor[] = ['anon', 'buyer', 'otherBuyer', 'seller', 'otherSeller', 'operator'];
const all = (code: Code): Record<Actor, Code> => Object.fromEntries(ACTORS.map((a) => [a, code])) as Record<Actor, Code>;
const authed = (overrides: Partial<Record<Actor, Code>> = {}) => ({ ...all('OK'), anon: 'UNAUTHORIZED' as const, ...overrides });
const only = (roles: ('buyer' | 'seller' | 'operator')[], overrides: Partial<Record<Actor, Code>> = {}): Record<Actor, Code> => {
  const roleOf: Record<Actor, string> = { anon: '', buyer: 'buyer', otherBuyer: 'buyer', seller: 'seller', otherSeller: 'seller', operator: 'operator' };
  const base = Object.fromEntries(ACTORS.map((a) => [a, a === 'anon' ? 'UNAUTHORIZED' : roles.includes(roleOf[a] as never) ? 'OK' : 'FORBIDDEN'])) as Record<Actor, Code>;
  return { ...base, ...overrides };
};

export const KNOWN_PASSWORD = 'matrix password 123';
let unique = 0;
const vehicle = { vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2014 };

export const MATRIX: Record<string, Row> = {
  'auth.signUp': { input: () => ({ username: `new${Date.now()}${unique++}`, email: `n${Date.now()}${unique++}@example.test`, password: 'a fine long password', role: 'buyer', displayName: 'New' }), expect: all('OK') },
  'auth.signIn': { input: () => ({ username: 'matrix-known', password: KNOWN_PASSWORD }), expect: all('OK') },
  'auth.signOut': { input: () => undefined, expect: all('OK') },
  'auth.me': { input: () => undefined, expect: authed() },
  'auth.requestEmailConfirmation': { input: () => undefined, expect: authed() },
  // a link's token is the authority: one nobody was sent confirms nothing, whoever opens it
  'auth.confirmEmail': { input: () => ({ token: 'q3Xl6m2Jm0vQwZKc7b4yF0aR1sE8tU9iO2pL5kH3gDw' }), expect: all('NOT_FOUND') },
  // with the caller's own, correct password: the row tests who may call it, not the password check
  'auth.changePassword': { input: () => ({ currentPassword: WORLD_PASSWORD, newPassword: 'another long password' }), expect: authed() },
  'auth.updateProfile': { input: () => ({ displayName: 'Renamed' }), expect: authed() },
  'auth.setVehicle': { input: () => ({ vehicle }), expect: authed() },
  'users.profile': { input: (w) => ({ userId: w.seller.user.id }), expect: all('OK') },
  'places.search': { input: () => ({ q: 'lyon' }), expect: all('OK') },
  'places.get': { input: () => ({ placeId: 2996944 }), expect: all('OK') },
  'listings.search': { input: () => ({ make: 'VW' }), expect: all('OK') },
  'listings.get': { input: (w) => ({ id: w.listing.id }), expect: all('OK') },
  'listings.vehicleOptions': { input: () => ({}), expect: all('OK') },
  'listings.knownVehicles': { input: () => undefined, expect: all('OK') },
  'listings.create': {
    input: () => ({ title: 'Brake caliper', partCategory: 'brakes', condition: 'used_good', priceCents: 1000, currency: 'USD', vehicleMake: 'Ford', vehicleModel: 'Focus' }),
    expect: only(['seller']),
  },
  'listings.update': { input: (w) => ({ id: w.listing.id, expectedVersion: 1, priceCents: 1 }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'listings.setStatus': { input: (w) => ({ id: w.listing.id, status: 'withdrawn' }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'listings.importCsv': { input: () => ({ csv: 'stock_number,title,category,condition,price,currency,make,model,year_from\nM-1,Brake caliper,brakes,used_good,10.00,USD,Ford,Focus,2012', dryRun: true }), expect: only(['seller']) },
  'listings.importProgress': { input: () => ({}), expect: only(['seller']) },
  'listings.exportCsv': { input: () => undefined, expect: only(['seller']) },
  'listings.mine': { input: () => ({}), expect: only(['seller']) },
  'purchases.reserve': { input: (w) => ({ listingId: w.spare.id }), expect: only(['buyer']) },
  'purchases.cancel': { input: (w) => ({ purchaseId: w.reservation.id }), expect: authed({ otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'purchases.complete': { input: (w) => ({ purchaseId: w.reservation.id }), expect: only(['seller'], { otherSeller: 'NOT_FOUND' }) },
  'purchases.mine': { input: () => ({}), expect: authed() },
  'fitment.check': { input: (w) => ({ listingId: w.listing.id, ...vehicle, vinLast8: 'E1234567' }), expect: only(['buyer']) },
  'fitment.preview': { input: (w) => ({ listingId: w.listing.id, ...vehicle }), expect: all('OK') },
  'fitment.mine': { input: () => ({}), expect: only(['buyer']) },
  'fitment.report': { input: (w) => ({ purchaseId: w.sale.id, fit: true, vehicle: { make: 'Toyota', model: 'Corolla', year: 2012 } }), expect: only(['buyer'], { otherBuyer: 'NOT_FOUND' }) },
  'fitment.myReports': { input: () => undefined, expect: only(['buyer']) },
  'fitment.reportsOnMyListings': { input: () => undefined, expect: only(['seller']) },
  'garage.list': { input: () => undefined, expect: authed() },
  'garage.add': { input: () => ({ name: 'Weekend car', make: 'Mazda', model: 'MX-5', year: 1995 }), expect: authed() },
  'garage.update': { input: (w) => ({ id: w.garageVehicle.id, name: 'Renamed' }), expect: authed({ otherBuyer: 'NOT_FOUND', seller: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'garage.remove': { input: (w) => ({ id: w.garageVehicle.id }), expect: authed({ otherBuyer: 'NOT_FOUND', seller: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'garage.setActive': { input: (w) => ({ id: w.garageVehicle.id }), expect: authed({ otherBuyer: 'NOT_FOUND', seller: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'photos.upload': { input: async (w) => photoForm(w.listing.id, await tinyPng()), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'photos.remove': { input: (w) => ({ photoId: w.photo.id }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'photos.setPrimary': { input: (w) => ({ photoId: w.photo.id }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'photos.update': { input: (w) => ({ photoId: w.photo.id, caption: 'Front view' }), expect: only(['seller'], { otherSeller: 'FORBIDDEN' }) },
  'photos.list': { input: (w) => ({ listingId: w.listing.id }), expect: all('OK') },
  'ratings.create': { input: (w) => ({ purchaseId: w.sale.id, rating: 5 }), expect: only(['buyer'], { otherBuyer: 'NOT_FOUND' }) },
  'ratings.forSeller': { input: (w) => ({ sellerId: w.seller.user.id }), expect: all('OK') },
  'inquiries.create': { input: (w) => ({ listingId: w.listing.id, message: 'Does it fit a 2015?' }), expect: only(['buyer']) },
  'inquiries.reply': { input: (w) => ({ inquiryId: w.inquiry.id, message: 'Yes' }), expect: authed({ otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'inquiries.close': { input: (w) => ({ inquiryId: w.inquiry.id }), expect: authed({ otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'inquiries.get': { input: (w) => ({ inquiryId: w.inquiry.id }), expect: authed({ otherBuyer: 'NOT_FOUND', otherSeller: 'NOT_FOUND' }) },
  'inquiries.mine': { input: () => ({}), expect: authed() },
  'console.listings': { input: () => ({}), expect: only(['operator']) },
  'console.listing': { input: (w) => ({ id: w.listing.id }), expect: only(['operator']) },
  'console.moderateListing': { input: (w) => ({ id: w.listing.id, action: 'remove', reason: 'Counterfeit part' }), expect: only(['operator']) },
  'console.inquiries': { input: () => ({ status: 'open' }), expect: only(['operator']) },
  'console.inquiry': { input: (w) => ({ inquiryId: w.inquiry.id }), expect: only(['operator']) },
  'console.closeInquiry': { input: (w) => ({ inquiryId: w.inquiry.id, reason: 'Abusive language' }), expect: only(['operator']) },
  'console.fitmentLogs': { input: () => ({ fitmentStatus: ['needs_review'] }), expect: only(['operator']) },
  'console.fitmentProblems': { input: () => ({}), expect: only(['operator']) },
  'console.reviewFitmentLog': { input: (w) => ({ logId: w.fitmentLog.id, note: 'Vehicle data checked' }), expect: only(['operator']) },
  'console.fitmentReports': { input: () => ({ status: 'open' }), expect: only(['operator']) },
  'console.resolveFitmentReport': { input: (w) => ({ reportId: w.fitmentReport.id, note: 'Seller confirmed a facelift variant' }), expect: only(['operator']) },
  'console.users': { input: () => ({ q: 'user' }), expect: only(['operator']) },
  'console.user': { input: (w) => ({ userId: w.buyer.user.id }), expect: only(['operator']) },
  'console.setUserRole': { input: (w) => ({ userId: w.otherBuyer.user.id, role: 'seller', reason: 'Registered a business' }), expect: only(['operator']) },
  'console.verifySeller': { input: (w) => ({ userId: w.seller.user.id, verified: true, reason: 'Trade register entry checked' }), expect: only(['operator']) },
  'console.suspendUser': { input: (w) => ({ userId: w.otherBuyer.user.id, reason: 'Spam inquiries' }), expect: only(['operator']) },
  'console.auditLog': { input: () => ({}), expect: only(['operator']) },
  'console.stats': { input: () => ({ window: 'week' }), expect: only(['operator']) },
  'notifications.list': { input: () => ({}), expect: authed() },
  'notifications.unreadCount': { input: () => undefined, expect: authed() },
  // another person's ids are not the caller's to mark: only one's own change (tested with the notifications)
  'notifications.markRead': { input: () => ({ all: true }), expect: authed() },
  'notifications.preferences': { input: () => undefined, expect: authed() },
  'notifications.setPreferences': { input: () => ({ rating: 'off' }), expect: authed() },
  // the token is the authority, whoever sends it: a token that names nobody is not found for everyone
  'notifications.unsubscribe': { input: () => ({ token: 'x'.repeat(32), kind: 'all' }), expect: all('NOT_FOUND') },
  'savedSearches.list': { input: () => undefined, expect: authed() },
  'savedSearches.create': { input: () => ({ query: { q: 'alternator', make: 'VW' } }), expect: authed() },
  'savedSearches.remove': { input: (w) => ({ id: w.savedSearch.id }), expect: authed({ otherBuyer: 'NOT_FOUND', seller: 'NOT_FOUND', otherSeller: 'NOT_FOUND', operator: 'NOT_FOUND' }) },
  'watchlist.list': { input: () => ({}), expect: authed() },
  // a seller's own listing is not theirs to watch; a listing one may see is anyone else's
  'watchlist.add': { input: (w) => ({ listingId: w.listing.id }), expect: authed({ seller: 'BAD_REQUEST' }) },
  'watchlist.remove': { input: (w) => ({ listingId: w.listing.id }), expect: authed() },
  'live.listing': { input: (w) => ({ id: w.listing.id }), expect: all('OK') },
  'live.listings': { input: (w) => ({ ids: [w.listing.id, w.spare.id] }), expect: all('OK') },
  'live.mine': { input: () => ({}), expect: authed() },
  'live.console': { input: () => ({}), expect: only(['operator']) },
};

/** The procedures whose answer is a stream: a call succeeds when the stream opens, and is then closed. */
export const isSubscription = (path: string) => path.startsWith('live.');

/** Values that must never appear in a response to someone who is not entitled to them. */
export function secretsFor(w: World, actor: Actor, path: string) {
  const people = [w.seller, w.otherSeller, w.buyer, w.otherBuyer, w.operator];
  const self = actor === 'anon' ? null : w[actor].user;
  const operatorConsole = actor === 'operator' && path.startsWith('console.');
  const secrets: string[] = [];
  for (const p of people) {
    if (p.user.id === self?.id || operatorConsole) continue;
    secrets.push(p.user.email);
    // a live purchase shows the counterparty's phone to the other party, and only that
    const counterparty = path === 'purchases.mine' && ((actor === 'buyer' && p === w.seller) || (actor === 'seller' && p === w.buyer));
    if (p.user.phoneNumber && !counterparty) secrets.push(p.user.phoneNumber);
    secrets.push(p.token, p.token.split('.')[1]!);
  }
  if (!operatorConsole && !(actor === 'buyer' && path.startsWith('fitment.'))) secrets.push(w.fitmentLog.vinLast8!);
  // a shipping address: its buyer and seller see it with their purchases, operators in the console
  if (!operatorConsole && !((actor === 'buyer' || actor === 'seller') && path.startsWith('purchases.'))) secrets.push(w.reservation.shipToLine1!);
  return secrets;
}
