import { CONDITION_CODES, FITMENT_STATUSES, INQUIRY_STATUSES, LISTING_STATUSES, PART_CATEGORY_CODES, PURCHASE_STATUSES, ROLES } from '@carparts/domain';
import { z } from 'zod';
import type { ProcedurePath } from './routes.ts';

/**
 * What the main operations answer, for readers of the OpenAPI document. The answers come from the same services as
 * tRPC's; a test holds real REST answers against these schemas, so the document cannot drift from them unseen.
 */

const time = z.iso.datetime().meta({ description: 'ISO 8601, UTC' });
const money = { priceCents: z.int().meta({ description: 'Integer minor units of `currency` (8900 USD is $89.00)' }), currency: z.string().length(3).meta({ example: 'USD' }) };
const page = <T extends z.ZodType>(item: T, id: string) =>
  z.object({ items: z.array(item), nextCursor: z.string().nullable().meta({ description: 'Pass back as `cursor` for the next page; null on the last one' }) }).meta({ id });

export const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.int(),
    code: z.string().meta({ description: 'The error code every door shares: BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT, PRECONDITION_FAILED, PAYLOAD_TOO_LARGE, TOO_MANY_REQUESTS' }),
    detail: z.string(),
    fieldErrors: z.record(z.string(), z.array(z.string())).nullable(),
  })
  .meta({
    id: 'Problem',
    example: { type: 'about:blank', title: 'Bad Request', status: 400, code: 'BAD_REQUEST', detail: 'title: Must be at most 120 characters', fieldErrors: { title: ['Must be at most 120 characters'] } },
  });

const ratingSummary = z.object({ average: z.number().nullable(), count: z.int(), verifiedCount: z.int() }).meta({ id: 'RatingSummary' });
const coverageRow = z
  .object({ make: z.string(), model: z.string(), yearFrom: z.int().nullable(), yearTo: z.int().nullable(), engine: z.string().nullable() })
  .meta({ id: 'CoverageRow', example: { make: 'Volkswagen', model: 'Golf', yearFrom: 2012, yearTo: 2016, engine: '2.0 TDI' } });
const fit = z
  .object({ status: z.enum(FITMENT_STATUSES), notes: z.string() })
  .nullable()
  .meta({ description: 'The verdict for `fitFor` (or the signed-in buyer\'s active garage vehicle); null without a vehicle' });

const listingFields = {
  id: z.string(),
  title: z.string(),
  partCategory: z.enum(PART_CATEGORY_CODES),
  condition: z.enum(CONDITION_CODES),
  ...money,
  vehicleMake: z.string().nullable(),
  vehicleModel: z.string().nullable(),
  vehicleYear: z.int().nullable(),
  status: z.enum(LISTING_STATUSES),
  createdAt: time,
  coverage: z.array(coverageRow),
};

export const listingCard = z
  .object({
    ...listingFields,
    seller: z.object({ id: z.string(), username: z.string(), displayName: z.string(), ratings: ratingSummary }),
    primaryPhoto: z.object({ imageUrl: z.string(), thumbnailUrl: z.string(), caption: z.string().nullable() }).nullable(),
    fit,
    location: z.object({ city: z.string(), country: z.string(), lat: z.number(), lon: z.number() }).nullable().meta({ description: 'The town the part is in (its coordinates are the town\'s); null when the seller gave none' }),
    distanceKm: z.number().nullable().meta({ description: 'Kilometres from the search\'s `near` or `nearPlaceId`; null without one' }),
    pickupAvailable: z.boolean(),
    shippingMode: z.enum(['none', 'priced', 'quote']),
    freightOnly: z.boolean(),
    shippingTo: z
      .object({ zone: z.enum(['domestic', 'listed', 'worldwide', 'quote']), priceCents: z.int().nullable() })
      .nullable()
      .meta({ description: 'Shipping to the search\'s `shipsTo` country (null price: quoted on request); null when not asked' }),
  })
  .meta({ id: 'ListingCard' });

const searchPage = page(listingCard, 'SearchPage').extend({
  sort: z.string(),
  priceCurrency: z.string().nullable().meta({ description: 'The currency a price filter or sort applied within; listings in others were left out' }),
  categoryCounts: z.record(z.string(), z.int()).nullable().meta({ description: 'Matches per part category (with `withCounts`, the default)' }),
  categoryCountsComplete: z.boolean().nullable(),
});

export const photo = z
  .object({
    id: z.string(),
    listingId: z.string(),
    imageUrl: z.string(),
    thumbnailUrl: z.string(),
    caption: z.string().nullable(),
    angle: z.string().nullable(),
    isPrimary: z.boolean(),
    width: z.int(),
    height: z.int(),
    createdAt: time,
  })
  .meta({ id: 'Photo' });

const sellerProfile = z
  .object({
    id: z.string(),
    username: z.string(),
    displayName: z.string(),
    role: z.string(),
    memberSince: time,
    ratings: ratingSummary,
    responseRate: z.number().nullable(),
    activeListings: z.int(),
    completedSales: z.int().meta({ description: 'Sales the seller completed on the marketplace' }),
    medianResponseMinutes: z.int().nullable().meta({ description: 'Median wait for a first answer over the last 100 answered questions; null before any' }),
    verifiedBusiness: z.boolean().meta({ description: 'An operator confirmed this seller is the business it says it is' }),
    fitmentRecord: z.object({ reports: z.int(), confirmed: z.int(), confirmedShare: z.number().nullable() }),
    location: z.object({ city: z.string(), country: z.string() }).nullable().meta({ description: 'The seller\'s town; never a postal code or an address' }),
  })
  .meta({ id: 'SellerProfile' });

export const listingDetail = z
  .object({
    ...listingFields,
    compatibilityNotes: z.string().nullable(),
    returnsDays: z.union([z.literal(0), z.literal(14), z.literal(30)]).meta({ description: 'Days within which the part may be returned; 0: no returns' }),
    warrantyDays: z.union([z.literal(0), z.literal(30), z.literal(90), z.literal(365)]).meta({ description: 'Days of warranty; 0: none' }),
    coreChargeCents: z.int().nullable().meta({ description: 'Charged on top of the price for a rebuildable part and refunded when the old part is returned, in the listing\'s currency' }),
    donorMileageKm: z.int().nullable().meta({ description: 'Mileage of the vehicle the part came from, in kilometres' }),
    damageNotes: z.string().meta({ description: 'What is wrong with the part, beside its condition grade' }),
    version: z.int().meta({ description: 'Send it back as `expectedVersion` when editing' }),
    updatedAt: time,
    partNumbers: z.array(z.object({ kind: z.enum(['oem', 'interchange']), number: z.string() })),
    fitmentReports: z.object({ confirmedBy: z.int(), openContradictions: z.int() }).meta({ description: 'What buyers reported after their purchases' }),
    seller: sellerProfile,
    photos: z.array(photo.omit({ listingId: true, createdAt: true })),
    isMine: z.boolean(),
    location: z
      .object({ placeId: z.int().nullable(), city: z.string(), country: z.string(), postalCode: z.string().nullable(), lat: z.number(), lon: z.number(), ownSite: z.boolean() })
      .nullable()
      .meta({ description: 'Where the part is: the seller\'s location, or a site of the listing\'s own' }),
    pickupAvailable: z.boolean(),
    pickupNotes: z.string(),
    shippingMode: z.enum(['none', 'priced', 'quote']),
    shipDomesticCents: z.int().nullable(),
    shipCountries: z.array(z.string()),
    shipCountriesCents: z.int().nullable(),
    shipWorldwideCents: z.int().nullable(),
    shippingZones: z.array(z.object({ label: z.string(), priceCents: z.int() })),
    freightOnly: z.boolean(),
    handlingDays: z.int(),
  })
  .meta({ id: 'Listing' });

const counterpart = z.object({ id: z.string(), displayName: z.string(), username: z.string(), phoneNumber: z.string().nullable() }).nullable();
export const purchase = z
  .object({
    id: z.string(),
    listingId: z.string(),
    buyerId: z.string(),
    sellerId: z.string(),
    ...money,
    status: z.enum(PURCHASE_STATUSES),
    expiresAt: time,
    completedAt: time.nullable(),
    cancelledAt: time.nullable(),
    createdAt: time,
    fulfilment: z.enum(['pickup', 'shipping']),
    shippingCents: z.int().nullable(),
    coreChargeCents: z.int().nullable(),
    totalCents: z.int().nullable().meta({ description: 'Part + core charge + shipping; null while shipping is to be quoted' }),
    handlingDays: z.int(),
    shipTo: z
      .object({ name: z.string(), line1: z.string(), line2: z.string().nullable(), postalCode: z.string(), city: z.string(), country: z.string() })
      .nullable()
      .meta({ description: 'Shown to the buyer, that seller and operators only' }),
    nextSteps: z.object({ buyer: z.array(z.string()).optional(), seller: z.array(z.string()).optional() }).meta({ description: 'What the reader does next' }),
  })
  .meta({ id: 'Purchase' });

const inquiryFields = {
  id: z.string(),
  listingId: z.string(),
  buyerId: z.string(),
  sellerId: z.string(),
  message: z.string(),
  status: z.enum(INQUIRY_STATUSES),
  createdAt: time,
  updatedAt: time,
};
const newInquiry = z.object(inquiryFields).meta({ id: 'NewInquiry', description: 'The question as stored; read the conversation with GET /inquiries/{inquiryId}' });

const reply = z.object({ id: z.string(), authorId: z.string(), message: z.string(), createdAt: time });
export const inquiry = z
  .object({
    ...inquiryFields,
    listingTitle: z.string(),
    replyCount: z.int(),
    replies: z.array(reply),
  })
  .meta({ id: 'Inquiry' });

export const rating = z
  .object({ id: z.string(), sellerId: z.string(), listingId: z.string(), rating: z.int().min(1).max(5), reviewText: z.string().nullable(), isVerifiedPurchase: z.boolean(), createdAt: time })
  .meta({ id: 'Rating' });

const fitmentCheck = z
  .object({
    id: z.string(),
    listingId: z.string(),
    vehicleMake: z.string(),
    vehicleModel: z.string(),
    vehicleYear: z.int(),
    fitmentStatus: z.enum(FITMENT_STATUSES),
    notes: z.string().nullable(),
    createdAt: time,
  })
  .meta({ id: 'FitmentCheck' });

const ownAccount = z
  .object({ id: z.string(), username: z.string(), displayName: z.string(), role: z.enum(ROLES), email: z.string(), phoneNumber: z.string().nullable() })
  .meta({ id: 'Account' });

const session = z
  .object({ token: z.string().meta({ description: 'Send as `Authorization: Bearer <token>`' }), expiresAt: time, user: ownAccount })
  .meta({ id: 'Session', example: { token: 'k3v…', expiresAt: '2027-02-26T10:00:00.000Z', user: { id: 'u1…', username: 'northside-salvage', displayName: 'Northside Auto Salvage', role: 'seller', email: 'sales@northside.example', phoneNumber: null } } });

const garageVehicle = z
  .object({ id: z.string(), name: z.string(), make: z.string(), model: z.string(), year: z.int(), engine: z.string().nullable(), active: z.boolean(), createdAt: time })
  .meta({ id: 'GarageVehicle' });

const place = z
  .object({ placeId: z.int(), name: z.string(), country: z.string(), label: z.string().meta({ description: '"Lyon, France"; the region or size tells towns of one name apart' }), lat: z.number(), lon: z.number(), population: z.int() })
  .meta({ id: 'Place' });
const importProgress = z
  .object({ total: z.int(), done: z.int(), startedAt: time, finishedAt: time.nullable() })
  .nullable()
  .meta({ id: 'ImportProgress' });

export const RESPONSE_SCHEMAS: Partial<Record<ProcedurePath, z.ZodType>> = {
  'places.search': page(place, 'PlaceList'),
  'places.get': place,
  'listings.importProgress': importProgress,
  'auth.signUp': session,
  'auth.signIn': session,
  'auth.me': ownAccount,
  'listings.search': searchPage,
  'listings.get': listingDetail,
  'listings.create': listingDetail,
  'listings.update': listingDetail,
  'users.profile': sellerProfile,
  'photos.list': page(photo, 'PhotoList'),
  'photos.upload': photo,
  'purchases.reserve': purchase,
  'purchases.cancel': purchase,
  'purchases.complete': purchase,
  'purchases.mine': page(purchase.extend({ listing: listingCard, counterpart }), 'PurchasePage'),
  'ratings.create': rating,
  'ratings.forSeller': page(rating, 'RatingPage').extend({ summary: ratingSummary }),
  'fitment.check': fitmentCheck,
  'fitment.mine': page(fitmentCheck, 'FitmentCheckPage'),
  'inquiries.create': newInquiry,
  'inquiries.get': inquiry,
  'inquiries.mine': page(inquiry, 'InquiryPage'),
  'garage.list': page(garageVehicle, 'Garage'),
  'garage.add': garageVehicle,
};
