import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import {
  NOTIFICATION_KINDS,
  createInquiryInput,
  createSavedSearchInput,
  createListingInput,
  createRatingInput,
  fitmentCheckInput,
  fitmentReportInput,
  searchListingsInput,
  shippingAddressInput,
  signUpInput,
  townLabel,
  updateListingInput,
  vehicleInput,
} from '@carparts/domain';
import { GraphQLError } from 'graphql';
import type { RouterOutputs } from '../root.ts';
import type { GraphqlContext } from './context.ts';
import { ZodInputTypes } from './inputs.ts';

type Out = RouterOutputs;
type Card = Out['listings']['search']['items'][number];
type Detail = Out['listings']['get'];
type ListingSource = Card | Detail;
type SellerSource = { id: string; username: string; displayName: string; ratings?: Card['seller']['ratings'] };
type PhotoSource = Detail['photos'][number];
type PurchaseSource = Out['purchases']['reserve'] & { listing?: Card | null; counterpart?: Out['purchases']['mine']['items'][number]['counterpart'] };
type InquirySource = Out['inquiries']['mine']['items'][number] | Out['inquiries']['get'];
type FitmentCheckSource = Out['fitment']['mine']['items'][number];
type RatingSource = Out['ratings']['forSeller']['items'][number];
type MeSource = Out['auth']['me'];
type GarageSource = Out['garage']['list'][number];
type NotificationSource = Out['notifications']['list']['items'][number];
type SavedSearchSource = Out['savedSearches']['list']['items'][number];
type WatchedSource = Out['watchlist']['list']['items'][number];
type Page<T> = { items: T[]; nextCursor: string | null };

const builder = new SchemaBuilder<{
  Context: GraphqlContext;
  DefaultFieldNullability: false;
  Scalars: { DateTime: { Input: Date; Output: Date | string }; File: { Input: File; Output: never } };
}>({
  plugins: [ComplexityPlugin],
  defaultFieldNullability: false,
  // the limits are checked while validating a request (./limits.ts); the plugin supplies each field's cost
  complexity: { defaultComplexity: 1, defaultListMultiplier: 10 },
});
const inputs = new ZodInputTypes(builder as never);

builder.scalarType('DateTime', {
  description: 'An instant as an ISO 8601 string (UTC)',
  serialize: (value) => (value instanceof Date ? value.toISOString() : String(value)),
  parseValue: (value) => new Date(String(value)),
});
builder.scalarType('File', {
  description: 'A file sent as a part of a multipart request (the GraphQL multipart request spec)',
  serialize: () => {
    throw new GraphQLError('Files are only accepted, never returned');
  },
  parseValue: (value) => {
    // the server's own File class, which need not be the global one
    const file = value as File | null;
    if (typeof file?.arrayBuffer !== 'function' || typeof file.name !== 'string') throw new GraphQLError('Send the file as a part of a multipart request');
    return file;
  },
});

// ---------- listings, photos, sellers

const RatingSummary = builder.objectRef<NonNullable<Card['seller']['ratings']>>('RatingSummary').implement({
  fields: (t) => ({
    average: t.exposeFloat('average', { nullable: true, description: 'Average stars, 1–5; null before the first rating' }),
    count: t.exposeInt('count'),
    verifiedCount: t.exposeInt('verifiedCount', { description: 'Ratings from buyers of completed purchases' }),
  }),
});

const CoverageRow = builder.objectRef<Card['coverage'][number]>('CoverageRow').implement({
  description: 'A vehicle the part fits: make, model and a span of model years',
  fields: (t) => ({
    make: t.exposeString('make'),
    model: t.exposeString('model'),
    yearFrom: t.exposeInt('yearFrom', { nullable: true }),
    yearTo: t.exposeInt('yearTo', { nullable: true }),
    engine: t.exposeString('engine', { nullable: true }),
  }),
});

const Photo = builder.objectRef<PhotoSource | NonNullable<Card['primaryPhoto']>>('Photo').implement({
  fields: (t) => ({
    id: t.id({ nullable: true, resolve: (p) => ('id' in p ? p.id : null) }),
    imageUrl: t.exposeString('imageUrl'),
    thumbnailUrl: t.exposeString('thumbnailUrl'),
    caption: t.exposeString('caption', { nullable: true }),
    angle: t.string({ nullable: true, resolve: (p) => ('angle' in p ? p.angle : null) }),
    isPrimary: t.boolean({ resolve: (p) => ('isPrimary' in p ? p.isPrimary : true) }),
    width: t.int({ nullable: true, resolve: (p) => ('width' in p ? p.width : null) }),
    height: t.int({ nullable: true, resolve: (p) => ('height' in p ? p.height : null) }),
  }),
});

const PartNumber = builder.objectRef<Detail['partNumbers'][number]>('PartNumber').implement({
  fields: (t) => ({ kind: t.exposeString('kind', { description: 'oem or interchange' }), number: t.exposeString('number') }),
});

const PageInfo = builder.objectRef<{ nextCursor: string | null }>('PageInfo').implement({
  fields: (t) => ({
    hasNextPage: t.boolean({ resolve: (p) => p.nextCursor !== null }),
    endCursor: t.string({ nullable: true, description: 'Pass as `after` for the next page', resolve: (p) => p.nextCursor }),
  }),
});

/**
 * A Relay-style connection over one of the API's pages. The API pages with opaque keyset cursors, which exist after
 * a page rather than after each row: the last edge carries the cursor (the same as `pageInfo.endCursor`), the
 * others none.
 */
function connection<T>(name: string, node: Parameters<typeof builder.objectRef<T>>[0] extends string ? ReturnType<typeof builder.objectRef<T>> : never) {
  const Edge = builder.objectRef<{ node: T; cursor: string | null }>(`${name}Edge`).implement({
    fields: (t) => ({
      node: t.field({ type: node, resolve: (e) => e.node as never }),
      cursor: t.exposeString('cursor', { nullable: true }),
    }),
  });
  return builder.objectRef<Page<T>>(`${name}Connection`).implement({
    fields: (t) => ({
      edges: t.field({
        type: [Edge],
        // the page's own `first` already multiplies what is asked of each edge
        complexity: { field: 1, multiplier: 1 },
        resolve: (p) => p.items.map((item, i) => ({ node: item, cursor: i === p.items.length - 1 ? p.nextCursor : null })),
      }),
      pageInfo: t.field({ type: PageInfo, resolve: (p) => p }),
    }),
  });
}

const pageArgs = builder.args((t) => ({
  first: t.int({ defaultValue: 20, description: 'Page size, 1–50' }),
  after: t.string({ description: 'The `endCursor` of the page before' }),
}));
const paged = (args: { first?: number | null; after?: string | null }) => ({ limit: args.first ?? 20, ...(args.after ? { cursor: args.after } : {}) });
const pageCost = (args: { first?: number | null }) => ({ field: 2, multiplier: Math.max(1, args.first ?? 20) });

const Seller = builder.objectRef<SellerSource>('Seller');
const Listing = builder.objectRef<ListingSource>('Listing');
const Rating = builder.objectRef<RatingSource>('Rating');
const ListingConnection = connection<ListingSource>('Listing', Listing as never);
const RatingConnection = connection<RatingSource>('Rating', Rating as never);

/** What the listing page carries beyond a card: from the page itself, or batched for a page of cards. */
const factsOf = async (listing: ListingSource, ctx: GraphqlContext) =>
  'version' in listing ? { ...listing, fitConfirmedBy: listing.fitmentReports.confirmedBy } : ctx.loaders.facts.load(listing.id);

Listing.implement({
  description: 'A part for sale (the seed\'s PartListing)',
  fields: (t) => ({
    id: t.exposeID('id'),
    title: t.exposeString('title'),
    partCategory: t.exposeString('partCategory'),
    condition: t.exposeString('condition'),
    priceCents: t.exposeInt('priceCents', { description: 'Integer minor units of `currency`' }),
    currency: t.exposeString('currency'),
    status: t.exposeString('status'),
    vehicleMake: t.exposeString('vehicleMake', { nullable: true }),
    vehicleModel: t.exposeString('vehicleModel', { nullable: true }),
    vehicleYear: t.exposeInt('vehicleYear', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (l) => l.createdAt }),
    coverage: t.field({ type: [CoverageRow], resolve: (l) => l.coverage }),
    fit: t.string({
      nullable: true,
      description: 'fits, likely, does_not_fit or needs_review for the search\'s `fitFor` vehicle (or the signed-in buyer\'s active garage vehicle)',
      resolve: (l) => ('fit' in l ? l.fit : null),
    }),
    primaryPhoto: t.field({
      type: Photo,
      nullable: true,
      resolve: (l) => ('primaryPhoto' in l ? l.primaryPhoto : (l.photos.find((p) => p.isPrimary) ?? null)),
    }),
    compatibilityNotes: t.string({ nullable: true, resolve: async (l, _, ctx) => (await factsOf(l, ctx)).compatibilityNotes }),
    returnsDays: t.int({ description: 'Days within which the part may be returned; 0: no returns', resolve: async (l, _, ctx) => (await factsOf(l, ctx)).returnsDays }),
    warrantyDays: t.int({ description: 'Days of warranty; 0: none', resolve: async (l, _, ctx) => (await factsOf(l, ctx)).warrantyDays }),
    coreChargeCents: t.int({ nullable: true, description: 'Refunded when the old part is returned, in the listing\'s currency', resolve: async (l, _, ctx) => (await factsOf(l, ctx)).coreChargeCents }),
    donorMileageKm: t.int({ nullable: true, description: 'Mileage of the vehicle the part came from', resolve: async (l, _, ctx) => (await factsOf(l, ctx)).donorMileageKm }),
    damageNotes: t.string({ description: 'What is wrong with the part, beside its condition grade', resolve: async (l, _, ctx) => (await factsOf(l, ctx)).damageNotes }),
    version: t.int({ description: 'Send it back as `expectedVersion` when editing', resolve: async (l, _, ctx) => (await factsOf(l, ctx)).version }),
    partNumbers: t.field({ type: [PartNumber], resolve: async (l, _, ctx) => (await factsOf(l, ctx)).partNumbers }),
    fitConfirmedBy: t.int({ description: 'Buyers who reported after a completed purchase that it fitted', resolve: async (l, _, ctx) => (await factsOf(l, ctx)).fitConfirmedBy }),
    photos: t.field({ type: [Photo], complexity: 3, resolve: (l, _, ctx) => ('photos' in l ? l.photos : ctx.loaders.photos.load(l.id)) }),
    seller: t.field({ type: Seller, nullable: true, resolve: (l) => l.seller }),
    city: t.string({ nullable: true, description: 'The town the part is in', resolve: (l) => l.location?.city ?? null }),
    country: t.string({ nullable: true, description: 'ISO code of the country the part is in', resolve: (l) => l.location?.country ?? null }),
    lat: t.float({ nullable: true, description: 'Latitude of the town the part is in', resolve: (l) => l.location?.lat ?? null }),
    lon: t.float({ nullable: true, description: 'Longitude of the town the part is in', resolve: (l) => l.location?.lon ?? null }),
    distanceKm: t.float({ nullable: true, description: 'Kilometres from the search\'s `near` or `nearPlaceId`', resolve: (l) => ('distanceKm' in l ? l.distanceKm : null) }),
    pickupAvailable: t.boolean({ resolve: (l) => l.pickupAvailable }),
    shippingMode: t.string({ description: 'none, priced (see the zones) or quote (on request)', resolve: (l) => l.shippingMode }),
    freightOnly: t.boolean({ description: 'Too bulky for a parcel: ships by freight', resolve: (l) => l.freightOnly }),
    shippingToCents: t.int({ nullable: true, description: 'Shipping to the search\'s `shipsTo` country; null when quoted on request or not asked', resolve: (l) => ('shippingTo' in l ? (l.shippingTo?.priceCents ?? null) : null) }),
  }),
});

Seller.implement({
  description: 'What anyone may see of a seller (the seed\'s User, without email or phone)',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    ratingSummary: t.field({ type: RatingSummary, resolve: async (s, _, ctx) => s.ratings ?? (await ctx.loaders.seller.load(s.id)).ratings }),
    memberSince: t.field({ type: 'DateTime', resolve: async (s, _, ctx) => (await ctx.loaders.seller.load(s.id)).memberSince }),
    activeListings: t.int({ resolve: async (s, _, ctx) => (await ctx.loaders.seller.load(s.id)).activeListings }),
    completedSales: t.int({ description: 'Sales the seller completed on the marketplace', resolve: async (s, _, ctx) => (await ctx.loaders.seller.load(s.id)).completedSales }),
    medianResponseMinutes: t.int({ nullable: true, description: 'Median wait for a first answer over the last 100 answered questions', resolve: async (s, _, ctx) => (await ctx.loaders.seller.load(s.id)).medianResponseMinutes }),
    verifiedBusiness: t.boolean({ description: 'An operator confirmed this seller is the business it says it is', resolve: async (s, _, ctx) => (await ctx.loaders.seller.load(s.id)).verifiedBusiness }),
    responseRate: t.float({ nullable: true, complexity: 5, description: 'Share of the last 90 days\' questions answered', resolve: async (s, _, ctx) => (await ctx.loaders.profile.load(s.id)).responseRate }),
    listings: t.field({
      type: ListingConnection,
      args: pageArgs,
      complexity: pageCost,
      resolve: (s, args, ctx) => ctx.call((c) => c.listings.search({ sellerId: s.id, withCounts: false, ...paged(args) })),
    }),
    ratings: t.field({
      type: RatingConnection,
      args: pageArgs,
      complexity: pageCost,
      resolve: (s, args, ctx) => ctx.call((c) => c.ratings.forSeller({ sellerId: s.id, ...paged(args) })),
    }),
  }),
});

Rating.implement({
  description: 'A buyer\'s rating of a seller after a completed purchase (the seed\'s SellerRating)',
  fields: (t) => ({
    id: t.exposeID('id'),
    rating: t.exposeInt('rating'),
    reviewText: t.exposeString('reviewText', { nullable: true }),
    isVerifiedPurchase: t.exposeBoolean('isVerifiedPurchase'),
    buyerDisplayName: t.string({ resolve: (r) => String(r.buyerDisplayName ?? '') }),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
  }),
});

// ---------- the signed-in person's own records

const Counterpart = builder.objectRef<NonNullable<PurchaseSource['counterpart']>>('Counterpart').implement({
  description: 'The other party of a live purchase; the phone number is shown to the two parties only',
  fields: (t) => ({
    id: t.id({ resolve: (c) => String(c.id) }),
    displayName: t.string({ resolve: (c) => String(c.displayName ?? '') }),
    phoneNumber: t.string({ nullable: true, resolve: (c) => (c.phoneNumber as string | null) ?? null }),
  }),
});

const ShippingAddress = builder.objectRef<NonNullable<PurchaseSource['shipTo']>>('ShippingAddress').implement({
  description: 'Where a purchase ships: shown to its buyer, its seller and operators only',
  fields: (t) => ({
    name: t.exposeString('name'),
    line1: t.exposeString('line1'),
    line2: t.exposeString('line2', { nullable: true }),
    postalCode: t.exposeString('postalCode'),
    city: t.exposeString('city'),
    country: t.exposeString('country'),
  }),
});

const Purchase = builder.objectRef<PurchaseSource>('Purchase').implement({
  fields: (t) => ({
    fulfilment: t.exposeString('fulfilment', { description: 'pickup or shipping' }),
    shippingCents: t.exposeInt('shippingCents', { nullable: true, description: 'Null for pickup, or while the seller quotes shipping' }),
    coreChargeCents: t.exposeInt('coreChargeCents', { nullable: true }),
    totalCents: t.exposeInt('totalCents', { nullable: true, description: 'Part + core charge + shipping; null while shipping is to be quoted' }),
    shipTo: t.field({ type: ShippingAddress, nullable: true, resolve: (p) => p.shipTo }),
    nextSteps: t.stringList({ description: 'What the reader does next', resolve: (p) => Object.values(p.nextSteps).flat() }),
    id: t.exposeID('id'),
    status: t.exposeString('status', { description: 'reserved, completed, cancelled or expired' }),
    priceCents: t.exposeInt('priceCents'),
    currency: t.exposeString('currency'),
    listingId: t.exposeID('listingId'),
    expiresAt: t.field({ type: 'DateTime', resolve: (p) => p.expiresAt }),
    completedAt: t.field({ type: 'DateTime', nullable: true, resolve: (p) => p.completedAt ?? null }),
    createdAt: t.field({ type: 'DateTime', resolve: (p) => p.createdAt }),
    listing: t.field({ type: Listing, nullable: true, resolve: (p) => p.listing ?? null }),
    counterpart: t.field({ type: Counterpart, nullable: true, resolve: (p) => p.counterpart ?? null }),
  }),
});

const InquiryReply = builder.objectRef<InquirySource['replies'][number]>('InquiryReply').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    authorId: t.exposeID('authorId'),
    message: t.exposeString('message'),
    createdAt: t.field({ type: 'DateTime', resolve: (r) => r.createdAt }),
  }),
});

const Inquiry = builder.objectRef<InquirySource>('Inquiry').implement({
  description: 'A buyer\'s question about a listing and its replies (the seed\'s Inquiry)',
  fields: (t) => ({
    id: t.exposeID('id'),
    listingId: t.exposeID('listingId'),
    listingTitle: t.string({ resolve: (r) => String(r.listingTitle ?? '') }),
    message: t.exposeString('message'),
    status: t.exposeString('status', { description: 'open, replied or closed' }),
    buyerDisplayName: t.string({ resolve: (r) => String(r.buyerDisplayName ?? '') }),
    sellerDisplayName: t.string({ resolve: (r) => String(r.sellerDisplayName ?? '') }),
    replyCount: t.exposeInt('replyCount'),
    replies: t.field({ type: [InquiryReply], description: 'The latest replies (up to 10)', resolve: (i) => i.replies }),
    createdAt: t.field({ type: 'DateTime', resolve: (i) => i.createdAt }),
    updatedAt: t.field({ type: 'DateTime', resolve: (i) => i.updatedAt }),
  }),
});

const FitmentCheck = builder.objectRef<FitmentCheckSource | Out['fitment']['check']>('FitmentCheck').implement({
  description: 'A buyer\'s check of a listing against a vehicle (the seed\'s CompatibilityLog)',
  fields: (t) => ({
    id: t.exposeID('id'),
    listingId: t.exposeID('listingId'),
    vehicleMake: t.exposeString('vehicleMake'),
    vehicleModel: t.exposeString('vehicleModel'),
    vehicleYear: t.exposeInt('vehicleYear'),
    vinLast8: t.exposeString('vinLast8', { nullable: true }),
    fitmentStatus: t.exposeString('fitmentStatus', { description: 'fits, likely, does_not_fit or needs_review' }),
    notes: t.exposeString('notes', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (f) => f.createdAt }),
  }),
});

const GarageVehicle = builder.objectRef<GarageSource>('GarageVehicle').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name'),
    make: t.exposeString('make'),
    model: t.exposeString('model'),
    year: t.exposeInt('year'),
    engine: t.exposeString('engine', { nullable: true }),
    active: t.exposeBoolean('active'),
    town: t.string({ nullable: true, description: 'Where the vehicle is ("Town, Country"), when its owner said', resolve: (v) => (v.location ? townLabel(v.location) : null) }),
    placeId: t.int({ nullable: true, description: 'That town, as `listings(where: { nearPlaceId })` takes it', resolve: (v) => v.location?.placeId ?? null }),
  }),
});

const Notification = builder.objectRef<NotificationSource>('Notification').implement({
  description: 'Something that concerns the signed-in person, in words, with the storefront page to act on it',
  fields: (t) => ({
    id: t.exposeID('id'),
    kind: t.exposeString('kind', { description: `One of: ${NOTIFICATION_KINDS.join(', ')}` }),
    text: t.exposeString('text'),
    path: t.exposeString('path'),
    listingId: t.exposeID('listingId', { nullable: true }),
    createdAt: t.field({ type: 'DateTime', resolve: (n) => n.createdAt }),
    readAt: t.field({ type: 'DateTime', nullable: true, resolve: (n) => n.readAt }),
  }),
});

const NotificationPreference = builder.objectRef<{ kind: string; channel: string }>('NotificationPreference').implement({
  fields: (t) => ({ kind: t.exposeString('kind'), channel: t.exposeString('channel', { description: 'email (in the app and by email), in_app or off' }) }),
});
const preferenceList = (preferences: Record<string, string>) => Object.entries(preferences).map(([kind, channel]) => ({ kind, channel }));

const SavedSearch = builder.objectRef<SavedSearchSource>('SavedSearch').implement({
  description: 'A search its person is told about (at most daily) when new listings match it',
  fields: (t) => ({
    id: t.exposeID('id'),
    name: t.exposeString('name', { nullable: true }),
    filters: t.string({ description: 'The saved filters, as the JSON of a `SavedSearchInput.query`', resolve: (s) => JSON.stringify(s.query) }),
    path: t.exposeString('path', { description: 'The storefront page of the search' }),
    createdAt: t.field({ type: 'DateTime', resolve: (s) => s.createdAt }),
  }),
});

const WatchedListing = builder.objectRef<WatchedSource>('WatchedListing').implement({
  description: 'A listing its person watches: told when it drops in price, is reserved or is sold',
  fields: (t) => ({
    listingId: t.exposeID('listingId'),
    watchedAt: t.field({ type: 'DateTime', resolve: (w) => w.watchedAt }),
    available: t.exposeBoolean('available', { description: 'False when the listing is no longer shown to shoppers' }),
    listing: t.field({ type: Listing, nullable: true, resolve: (w) => w.listing }),
  }),
});

const PurchaseConnection = connection<PurchaseSource>('Purchase', Purchase as never);
const InquiryConnection = connection<InquirySource>('Inquiry', Inquiry as never);
const NotificationConnection = connection<NotificationSource>('Notification', Notification as never);
const FitmentCheckConnection = connection<FitmentCheckSource>('FitmentCheck', FitmentCheck as never);

const Me = builder.objectRef<MeSource>('Me').implement({
  description: 'The signed-in account: the only place its email and phone number appear',
  fields: (t) => ({
    id: t.exposeID('id'),
    username: t.exposeString('username'),
    displayName: t.exposeString('displayName'),
    role: t.exposeString('role'),
    email: t.exposeString('email'),
    emailConfirmed: t.exposeBoolean('emailConfirmed', { description: 'Whether the owner opened the link sent to the address; until then it receives no other email' }),
    phoneNumber: t.exposeString('phoneNumber', { nullable: true }),
    memberSince: t.field({ type: 'DateTime', resolve: (m) => m.memberSince }),
    garage: t.field({ type: [GarageVehicle], resolve: (_, __, ctx) => ctx.call((c) => c.garage.list()) }),
    notifications: t.field({
      type: NotificationConnection,
      args: { ...pageArgs, unreadOnly: t.arg.boolean() },
      complexity: pageCost,
      resolve: (_, args, ctx) => ctx.call((c) => c.notifications.list({ ...paged(args), unreadOnly: args.unreadOnly ?? false })),
    }),
    unreadNotificationCount: t.int({ resolve: async (_, __, ctx) => (await ctx.call((c) => c.notifications.unreadCount())).unreadCount }),
    notificationPreferences: t.field({ type: [NotificationPreference], resolve: async (_, __, ctx) => preferenceList(await ctx.call((c) => c.notifications.preferences())) }),
    savedSearches: t.field({ type: [SavedSearch], resolve: async (_, __, ctx) => (await ctx.call((c) => c.savedSearches.list())).items }),
    watchlist: t.field({ type: [WatchedListing], resolve: async (_, __, ctx) => (await ctx.call((c) => c.watchlist.list({}))).items }),
    purchases: t.field({
      type: PurchaseConnection,
      args: { ...pageArgs, status: t.arg.string({ description: 'reserved, completed, cancelled or expired' }) },
      complexity: pageCost,
      resolve: (_, args, ctx) => ctx.call((c) => c.purchases.mine({ ...paged(args), ...(args.status ? { status: args.status as never } : {}) })),
    }),
    inquiries: t.field({
      type: InquiryConnection,
      args: { ...pageArgs, as: t.arg.string({ description: 'buyer (default) or seller' }) },
      complexity: pageCost,
      resolve: (_, args, ctx) => ctx.call((c) => c.inquiries.mine({ ...paged(args), as: (args.as ?? 'buyer') as 'buyer' })),
    }),
    fitmentChecks: t.field({
      type: FitmentCheckConnection,
      args: pageArgs,
      complexity: pageCost,
      resolve: (_, args, ctx) => ctx.call((c) => c.fitment.mine(paged(args))),
    }),
    listings: t.field({
      type: ListingConnection,
      args: pageArgs,
      complexity: pageCost,
      description: 'A seller\'s own listings, hidden ones included',
      resolve: (_, args, ctx) => ctx.call((c) => c.listings.mine(paged(args))),
    }),
  }),
});

const Session = builder.objectRef<Out['auth']['signIn']>('Session').implement({
  fields: (t) => ({
    token: t.string({ description: 'Send as `Authorization: Bearer <token>`', resolve: (s) => s.token ?? '' }),
    expiresAt: t.field({ type: 'DateTime', resolve: (s) => s.expiresAt }),
    user: t.field({ type: Me, resolve: (s) => s.user as MeSource }),
  }),
});

const ListingStatusChange = builder.objectRef<Out['listings']['setStatus']>('ListingStatusChange').implement({
  fields: (t) => ({
    id: t.exposeID('id'),
    status: t.exposeString('status'),
    version: t.exposeInt('version'),
    updatedAt: t.field({ type: 'DateTime', resolve: (s) => s.updatedAt }),
  }),
});

// ---------- roots

const ListingFilter = inputs.object('ListingFilter', searchListingsInput, ['sort', 'fitFor', 'withCounts', 'cursor', 'limit']);
const VehicleInput = inputs.object('VehicleInput', vehicleInput);
const ShippingAddressInput = inputs.object('ShippingAddressInput', shippingAddressInput);

const Place = builder.objectRef<Out['places']['get']>('Place').implement({
  description: 'A town of the offline gazetteer; its `placeId` is what a location and `nearPlaceId` take',
  fields: (t) => ({
    placeId: t.exposeInt('placeId'),
    name: t.exposeString('name'),
    country: t.exposeString('country', { description: 'ISO 3166 code' }),
    label: t.exposeString('label', { description: '"Lyon, France"; the region or size tells towns of one name apart' }),
    lat: t.exposeFloat('lat'),
    lon: t.exposeFloat('lon'),
    population: t.exposeInt('population'),
  }),
});

builder.queryType({
  fields: (t) => ({
    places: t.field({
      type: [Place],
      description: 'Towns whose name starts with `q`, the largest first',
      args: { q: t.arg.string({ required: true }), country: t.arg.string(), limit: t.arg.int() },
      resolve: (_, args, ctx) =>
        ctx.call((c) => c.places.search({ q: args.q, ...(args.country != null ? { country: args.country } : {}), ...(args.limit != null ? { limit: args.limit } : {}) })),
    }),
    place: t.field({
      type: Place,
      nullable: true,
      args: { placeId: t.arg.int({ required: true }) },
      resolve: (_, args, ctx) => ctx.call((c) => c.places.get({ placeId: args.placeId })),
    }),
    listings: t.field({
      type: ListingConnection,
      description: 'Search listings with the filters of the storefront',
      args: {
        where: t.arg({ type: ListingFilter as never }),
        sort: t.arg.string({ description: 'newest (default), price_asc, price_desc, relevance (with q), distance (with nearPlaceId or near)' }),
        fitFor: t.arg({ type: VehicleInput as never, description: 'The vehicle each listing\'s `fit` is for' }),
        ...pageArgs,
      },
      complexity: pageCost,
      resolve: (_, args, ctx) => {
        const fitFor = args.fitFor as { vehicleMake: string; vehicleModel: string; vehicleYear: number } | null | undefined;
        return ctx.call((c) =>
          c.listings.search({
            ...((args.where as object | null) ?? {}),
            ...(args.sort ? { sort: args.sort as never } : {}),
            ...(fitFor ? { fitFor: { vehicleMake: fitFor.vehicleMake, vehicleModel: fitFor.vehicleModel, vehicleYear: fitFor.vehicleYear } } : {}),
            withCounts: false,
            ...paged(args),
          }),
        );
      },
    }),
    listing: t.field({
      type: Listing,
      nullable: true,
      args: { id: t.arg.id({ required: true }) },
      resolve: (_, args, ctx) => ctx.call((c) => c.listings.get({ id: String(args.id) })),
    }),
    seller: t.field({
      type: Seller,
      nullable: true,
      args: { id: t.arg.id({ required: true }) },
      resolve: (_, args, ctx) => ctx.call((c) => c.users.profile({ userId: String(args.id) })),
    }),
    inquiry: t.field({
      type: Inquiry,
      nullable: true,
      description: 'One conversation, for its buyer, its seller and operators',
      args: { id: t.arg.id({ required: true }) },
      resolve: (_, args, ctx) => ctx.call((c) => c.inquiries.get({ inquiryId: String(args.id) })),
    }),
    me: t.field({ type: Me, nullable: true, description: 'The signed-in account; an UNAUTHORIZED error when nobody is signed in', resolve: (_, __, ctx) => ctx.call((c) => c.auth.me()) }),
  }),
});

const SignUpInput = inputs.object('SignUpInput', signUpInput);
const SavedSearchInput = inputs.object('SavedSearchInput', createSavedSearchInput);
const CreateListingInput = inputs.object('CreateListingInput', createListingInput);
const UpdateListingInput = inputs.object('UpdateListingInput', updateListingInput);
const FitmentCheckInput = inputs.object('FitmentCheckInput', fitmentCheckInput);
const FitmentReportInput = inputs.object('FitmentReportInput', fitmentReportInput);
const RatingInput = inputs.object('RatingInput', createRatingInput);
const InquiryInput = inputs.object('InquiryInput', createInquiryInput);

const input = <T>(args: { input: unknown }) => args.input as T;

builder.mutationType({
  fields: (t) => ({
    signUp: t.field({ type: Session, args: { input: t.arg({ type: SignUpInput as never, required: true }) }, resolve: (_, args, ctx) => ctx.call((c) => c.auth.signUp({ ...input<object>(args), sessionIn: 'token' } as never)) }),
    signIn: t.field({
      type: Session,
      args: { username: t.arg.string({ required: true }), password: t.arg.string({ required: true }) },
      resolve: (_, args, ctx) => ctx.call((c) => c.auth.signIn({ username: args.username, password: args.password, sessionIn: 'token' })),
    }),
    signOut: t.boolean({ resolve: async (_, __, ctx) => (await ctx.call((c) => c.auth.signOut()), true) }),
    markNotificationsRead: t.int({
      description: 'Marks notifications read (by id, a conversation\'s, or all of them); answers the unread count left',
      args: { ids: t.arg.idList(), inquiryId: t.arg.id(), all: t.arg.boolean() },
      resolve: async (_, args, ctx) => {
        const which = args.ids ? { ids: args.ids.map(String) } : args.inquiryId ? { inquiryId: String(args.inquiryId) } : args.all ? { all: true as const } : {};
        return (await ctx.call((c) => c.notifications.markRead(which as never))).unreadCount;
      },
    }),
    setNotificationPreference: t.field({
      type: [NotificationPreference],
      description: 'How one kind of notification reaches me: email, in_app or off; answers every kind\'s choice',
      args: { kind: t.arg.string({ required: true }), channel: t.arg.string({ required: true }) },
      resolve: async (_, args, ctx) => preferenceList(await ctx.call((c) => c.notifications.setPreferences({ [args.kind]: args.channel } as never))),
    }),
    saveSearch: t.field({ type: SavedSearch, args: { input: t.arg({ type: SavedSearchInput as never, required: true }) }, resolve: (_, args, ctx) => ctx.call((c) => c.savedSearches.create(input(args))) }),
    removeSavedSearch: t.boolean({ args: { id: t.arg.id({ required: true }) }, resolve: async (_, args, ctx) => (await ctx.call((c) => c.savedSearches.remove({ id: String(args.id) }))).removed }),
    watchListing: t.boolean({ args: { listingId: t.arg.id({ required: true }) }, resolve: async (_, args, ctx) => (await ctx.call((c) => c.watchlist.add({ listingId: String(args.listingId) })), true) }),
    unwatchListing: t.boolean({ args: { listingId: t.arg.id({ required: true }) }, resolve: async (_, args, ctx) => (await ctx.call((c) => c.watchlist.remove({ listingId: String(args.listingId) })), true) }),
    requestEmailConfirmation: t.boolean({
      description: 'Sends the link that confirms the email address (again); true when the address is already confirmed',
      resolve: async (_, __, ctx) => (await ctx.call((c) => c.auth.requestEmailConfirmation())).emailConfirmed,
    }),
    confirmEmail: t.boolean({
      description: 'Confirms an email address by the token of the link sent to it; no sign-in needed',
      args: { token: t.arg.string({ required: true }) },
      resolve: async (_, args, ctx) => (await ctx.call((c) => c.auth.confirmEmail({ token: args.token }))).emailConfirmed,
    }),
    createListing: t.field({ type: Listing, args: { input: t.arg({ type: CreateListingInput as never, required: true }) }, resolve: (_, args, ctx) => ctx.call((c) => c.listings.create(input(args))) }),
    updateListing: t.field({ type: Listing, args: { input: t.arg({ type: UpdateListingInput as never, required: true }) }, resolve: (_, args, ctx) => ctx.call((c) => c.listings.update(input(args))) }),
    setListingStatus: t.field({
      type: ListingStatusChange,
      args: { id: t.arg.id({ required: true }), status: t.arg.string({ required: true, description: 'active or withdrawn' }) },
      resolve: (_, args, ctx) => ctx.call((c) => c.listings.setStatus({ id: String(args.id), status: args.status as 'active' })),
    }),
    uploadPhoto: t.field({
      type: Photo,
      description: 'A multipart request (the GraphQL multipart request spec) with the image as `file`',
      args: {
        listingId: t.arg.id({ required: true }),
        file: t.arg({ type: 'File', required: true }),
        caption: t.arg.string(),
        angle: t.arg.string(),
        isPrimary: t.arg.boolean(),
      },
      resolve: async (_, args, ctx) => {
        const form = new FormData();
        form.set('listingId', String(args.listingId));
        form.set('file', new File([await args.file.arrayBuffer()], args.file.name, { type: args.file.type }));
        if (args.caption != null) form.set('caption', args.caption);
        if (args.angle != null) form.set('angle', args.angle);
        if (args.isPrimary != null) form.set('isPrimary', String(args.isPrimary));
        return ctx.call((c) => c.photos.upload(form));
      },
    }),
    removePhoto: t.boolean({ args: { photoId: t.arg.id({ required: true }) }, resolve: async (_, args, ctx) => (await ctx.call((c) => c.photos.remove({ photoId: String(args.photoId) })), true) }),
    reserve: t.field({
      type: Purchase,
      args: { listingId: t.arg.id({ required: true }), fulfilment: t.arg.string({ description: 'pickup (the default where offered) or shipping' }), shipTo: t.arg({ type: ShippingAddressInput }) },
      resolve: (_, args, ctx) =>
        ctx.call((c) =>
          c.purchases.reserve({ listingId: String(args.listingId), ...(args.fulfilment != null ? { fulfilment: args.fulfilment as never } : {}), ...(args.shipTo != null ? { shipTo: args.shipTo as never } : {}) }),
        ),
    }),
    cancelPurchase: t.field({
      type: Purchase,
      args: { purchaseId: t.arg.id({ required: true }), reason: t.arg.string() },
      resolve: (_, args, ctx) => ctx.call((c) => c.purchases.cancel({ purchaseId: String(args.purchaseId), ...(args.reason != null ? { reason: args.reason } : {}) })),
    }),
    completePurchase: t.field({ type: Purchase, args: { purchaseId: t.arg.id({ required: true }) }, resolve: (_, args, ctx) => ctx.call((c) => c.purchases.complete({ purchaseId: String(args.purchaseId) })) }),
    checkFitment: t.field({ type: FitmentCheck, args: { input: t.arg({ type: FitmentCheckInput as never, required: true }) }, resolve: (_, args, ctx) => ctx.call((c) => c.fitment.check(input(args))) }),
    reportFitment: t.boolean({
      description: 'After a completed purchase, once: whether the part fitted',
      args: { input: t.arg({ type: FitmentReportInput as never, required: true }) },
      resolve: async (_, args, ctx) => (await ctx.call((c) => c.fitment.report(input(args))), true),
    }),
    askSeller: t.field({
      type: Inquiry,
      args: { input: t.arg({ type: InquiryInput as never, required: true }) },
      resolve: (_, args, ctx) => ctx.call(async (c) => c.inquiries.get({ inquiryId: (await c.inquiries.create(input(args))).id })),
    }),
    replyToInquiry: t.field({
      type: Inquiry,
      args: { inquiryId: t.arg.id({ required: true }), message: t.arg.string({ required: true }) },
      resolve: (_, args, ctx) =>
        ctx.call(async (c) => c.inquiries.get({ inquiryId: (await c.inquiries.reply({ inquiryId: String(args.inquiryId), message: args.message })).inquiry.id })),
    }),
    closeInquiry: t.field({
      type: Inquiry,
      args: { inquiryId: t.arg.id({ required: true }) },
      resolve: (_, args, ctx) => ctx.call(async (c) => c.inquiries.get({ inquiryId: (await c.inquiries.close({ inquiryId: String(args.inquiryId) })).id })),
    }),
    rateSeller: t.field({ type: Rating, args: { input: t.arg({ type: RatingInput as never, required: true }) }, resolve: (_, args, ctx) => ctx.call((c) => c.ratings.create(input(args))) }),
  }),
});

export const graphqlSchema = builder.toSchema();
