import type { z } from 'zod';
import { appRouter, type AppRouter } from '../root.ts';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type PathsOf<R, Prefix extends string = ''> = {
  [K in keyof R & string]: R[K] extends { _def: { type: unknown } } ? `${Prefix}${K}` : PathsOf<R[K], `${Prefix}${K}.`>;
}[keyof R & string];
/** Every procedure's dotted name (`listings.search`). */
export type ProcedurePath = PathsOf<AppRouter['_def']['record']>;

/**
 * One REST operation: a resource-style address for one procedure of the router. The procedure's own input schema
 * validates what arrives (path parameters, then the query string or the JSON body), its middleware authorizes it, so
 * REST can never accept, see or do more than tRPC.
 */
export interface RestRoute {
  method: HttpMethod;
  /** Under /api/v1; `{name}` segments fill the input field of that name. */
  path: string;
  procedure: ProcedurePath;
  summary: string;
  description?: string;
  tag: string;
  /** 201 for operations that create something. */
  status?: 200 | 201;
  /** Input fields the REST form of the operation fixes (sign-in always answers with a token, never a cookie). */
  fixed?: Record<string, unknown>;
  /** The body is multipart/form-data (a photo upload) rather than JSON. */
  multipart?: boolean;
  /** The procedure answers an array: REST answers `{ items, nextCursor: null }` like every other list. */
  arrayAnswer?: boolean;
  /** A realistic input for the reference's "try it" form. */
  example?: Record<string, unknown>;
  /** Needs no session (documented without the Bearer requirement). */
  open?: boolean;
  /** The body may also be a `text/csv` file, which fills this input field (the other fields come from the query string). */
  csvField?: string;
  /** A live stream: `text/event-stream`, resumed after the `Last-Event-ID` header. */
  stream?: boolean;
  /**
   * A second address of a procedure that already has its operation, named by this suffix of its operation id (photos
   * named by the seller's stock number rather than the listing's id).
   */
  variant?: string;
}

const vw = { make: 'VW', model: 'Golf', year: 2012 };

export const REST_ROUTES: RestRoute[] = [
  // ---- auth and the signed-in account
  { method: 'POST', path: '/auth/sign-up', procedure: 'auth.signUp', tag: 'Account', status: 201, open: true, fixed: { sessionIn: 'token' }, summary: 'Create an account', description: 'Buyers and sellers sign up themselves; the answer carries a session token to send as `Authorization: Bearer <token>`.', example: { username: 'yard-tools', email: 'tools@example.com', password: 'a long passphrase of yours', role: 'seller', displayName: 'Yard tools' } },
  { method: 'POST', path: '/auth/sign-in', procedure: 'auth.signIn', tag: 'Account', open: true, fixed: { sessionIn: 'token' }, summary: 'Sign in', description: 'Answers `{ token, expiresAt, user }`. Send the token as `Authorization: Bearer <token>` on every later call. Failed attempts are throttled per account and address.', example: { username: 'northside-salvage', password: 'partsdemo-2026' } },
  { method: 'POST', path: '/auth/sign-out', procedure: 'auth.signOut', tag: 'Account', open: true, summary: 'End this session' },
  { method: 'GET', path: '/me', procedure: 'auth.me', tag: 'Account', summary: 'The signed-in account, with its active garage vehicle' },
  { method: 'POST', path: '/me/email-confirmation', procedure: 'auth.requestEmailConfirmation', tag: 'Account', summary: 'Send the link that confirms my email address (again)', description: 'An address receives no email but this link until its owner opens it. Nothing is sent when the address is confirmed or a link is on its way; at most 3 a day.' },
  { method: 'POST', path: '/auth/confirm-email', procedure: 'auth.confirmEmail', tag: 'Account', open: true, summary: 'Confirm an email address by the token of the link sent to it', description: 'No sign-in: the token of the link is the authority. Opening the same link again answers the same.', example: { token: 'q3Xl6m2Jm0vQwZKc7b4yF0aR1sE8tU9iO2pL5kH3gDw' } },
  { method: 'PATCH', path: '/me', procedure: 'auth.updateProfile', tag: 'Account', summary: 'Change display name, phone number or location', example: { displayName: 'Northside Salvage & Parts', location: { placeId: 2996944, postalCode: '69003' } } },
  { method: 'POST', path: '/me/password', procedure: 'auth.changePassword', tag: 'Account', summary: 'Change the password (ends every other session)' },
  { method: 'PUT', path: '/me/vehicle', procedure: 'auth.setVehicle', tag: 'Garage', summary: 'Make a vehicle the active one of the garage', example: { vehicle: { vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2012 } } },
  { method: 'GET', path: '/me/garage', procedure: 'garage.list', tag: 'Garage', arrayAnswer: true, summary: 'My vehicles (up to 10, one active)' },
  { method: 'POST', path: '/me/garage', procedure: 'garage.add', tag: 'Garage', status: 201, summary: 'Add a vehicle to my garage', example: { name: 'Daily driver', ...vw } },
  { method: 'PATCH', path: '/me/garage/{id}', procedure: 'garage.update', tag: 'Garage', summary: 'Change a vehicle of my garage' },
  { method: 'DELETE', path: '/me/garage/{id}', procedure: 'garage.remove', tag: 'Garage', summary: 'Remove a vehicle from my garage' },
  { method: 'POST', path: '/me/garage/{id}/activate', procedure: 'garage.setActive', tag: 'Garage', summary: 'Make this vehicle the active one' },

  // ---- listings
  { method: 'GET', path: '/listings', procedure: 'listings.search', tag: 'Listings', open: true, summary: 'Search listings', description: 'Filters combine: vehicle (`make`, `model`, `year`), `partCategory`, `conditions` (repeat the parameter), price band in minor units within one `currency`, free text `q`, `partNumber` in any spelling, `sellerId`, `withWarranty`, `returnsAccepted`; location: `nearPlaceId` (or `near[lat]`, `near[lon]`) with `withinKm` (1–1000) and `sort=distance` (cards then carry `distanceKm`), `shipsTo` (ISO country code; cards carry `shippingTo`), `pickupOnly`. `fitFor[vehicleMake]`, `fitFor[vehicleModel]`, `fitFor[vehicleYear]` set the vehicle each card\'s `fit` verdict is for. Pages hold up to 50 cards; pass `nextCursor` back as `cursor`.', example: { make: 'VW', model: 'Golf', year: 2012, sort: 'price_asc' } },
  { method: 'GET', path: '/listings/{id}', procedure: 'listings.get', tag: 'Listings', open: true, summary: 'One listing with its photos, coverage, part numbers and seller' },
  { method: 'POST', path: '/listings', procedure: 'listings.create', tag: 'Listings', status: 201, summary: 'List a part (sellers)', description: 'Prices are integer minor units (`priceCents: 12500` with `currency: "USD"` is $125.00). `coverage` lists the vehicles the part fits.', example: { title: 'Golf VI front left headlight', partCategory: 'lighting', condition: 'used_good', priceCents: 12500, currency: 'USD', coverage: [{ make: 'VW', model: 'Golf', yearFrom: 2009, yearTo: 2012 }] } },
  { method: 'PATCH', path: '/listings/{id}', procedure: 'listings.update', tag: 'Listings', summary: 'Edit my listing', description: 'Send the `version` you read as `expectedVersion`; an edit over someone else\'s newer one answers 409.' },
  { method: 'PUT', path: '/listings/{id}/status', procedure: 'listings.setStatus', tag: 'Listings', summary: 'Withdraw my listing or put it back on sale', example: { status: 'withdrawn' } },
  { method: 'GET', path: '/me/listings', procedure: 'listings.mine', tag: 'Listings', summary: 'My listings (sellers)' },
  { method: 'GET', path: '/vehicles', procedure: 'listings.vehicleOptions', tag: 'Listings', open: true, summary: 'Makes with listings, or the models of one make', example: { make: 'VW' } },
  { method: 'GET', path: '/vehicles/known', procedure: 'listings.knownVehicles', tag: 'Listings', open: true, summary: 'Every make and model with listings' },
  { method: 'GET', path: '/places', procedure: 'places.search', tag: 'Places', open: true, arrayAnswer: true, summary: 'Find towns by the start of their name', description: 'The offline gazetteer of towns of at least 1,000 people; `country` (ISO code) narrows it. A place\'s `placeId` is what a location and `nearPlaceId` take.', example: { q: 'lyon' } },
  { method: 'GET', path: '/places/{placeId}', procedure: 'places.get', tag: 'Places', open: true, summary: 'One town by its id' },
  { method: 'GET', path: '/users/{userId}', procedure: 'users.profile', tag: 'Sellers', open: true, summary: 'A seller\'s public profile and rating summary' },

  // ---- photos
  { method: 'GET', path: '/listings/{listingId}/photos', procedure: 'photos.list', tag: 'Photos', open: true, arrayAnswer: true, summary: 'A listing\'s photos' },
  { method: 'POST', path: '/listings/{listingId}/photos', procedure: 'photos.upload', tag: 'Photos', status: 201, multipart: true, summary: 'Upload a photo (multipart/form-data)', description: 'Fields: `file` (JPEG, PNG or WebP, at most 8 MB), optional `caption`, `angle`, `isPrimary` (`true`/`false`). Stored as WebP without metadata.' },
  { method: 'POST', path: '/inventory/{stockNumber}/photos', procedure: 'photos.upload', variant: 'byStockNumber', tag: 'Photos', status: 201, multipart: true, summary: 'Upload a photo to the listing with one of my stock numbers (multipart/form-data)', description: 'For photos that follow an inventory import: the listing is the one of the signed-in seller with this stock number. Fields as for an upload by listing id.' },
  { method: 'PATCH', path: '/photos/{photoId}', procedure: 'photos.update', tag: 'Photos', summary: 'Change a photo\'s caption or angle' },
  { method: 'DELETE', path: '/photos/{photoId}', procedure: 'photos.remove', tag: 'Photos', summary: 'Remove a photo' },
  { method: 'POST', path: '/photos/{photoId}/primary', procedure: 'photos.setPrimary', tag: 'Photos', summary: 'Make a photo the listing\'s primary one' },

  // ---- the trade
  { method: 'POST', path: '/listings/{listingId}/reservations', procedure: 'purchases.reserve', tag: 'Purchases', status: 201, summary: 'Reserve a listing (buyers)', description: 'Of racing buyers exactly one wins; the others get 409. The reservation holds the listing for 48 hours. `fulfilment` is `pickup` (the default when the listing offers it) or `shipping` with a `shipTo` address, which only the seller and operators see; the answer carries the total (part, core charge, shipping) and the next steps.' },
  { method: 'POST', path: '/purchases/{purchaseId}/cancel', procedure: 'purchases.cancel', tag: 'Purchases', summary: 'Call off a reservation (either party)' },
  { method: 'POST', path: '/purchases/{purchaseId}/complete', procedure: 'purchases.complete', tag: 'Purchases', summary: 'Confirm the sale (the seller)' },
  { method: 'GET', path: '/me/purchases', procedure: 'purchases.mine', tag: 'Purchases', summary: 'My purchases (as buyer) or sales (as seller)' },
  { method: 'POST', path: '/purchases/{purchaseId}/rating', procedure: 'ratings.create', tag: 'Ratings', status: 201, summary: 'Rate the seller of a completed purchase (once)', example: { rating: 5, comment: 'Exactly as described' } },
  { method: 'GET', path: '/users/{sellerId}/ratings', procedure: 'ratings.forSeller', tag: 'Ratings', open: true, summary: 'A seller\'s ratings' },

  // ---- fitment
  { method: 'POST', path: '/listings/{listingId}/fitment-checks', procedure: 'fitment.check', tag: 'Fitment', status: 201, summary: 'Check whether a listing fits my vehicle, and keep the answer (buyers)', example: { vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2012 } },
  { method: 'POST', path: '/listings/{listingId}/fitment-preview', procedure: 'fitment.preview', tag: 'Fitment', open: true, summary: 'The same verdict without keeping it', example: { vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2012 } },
  { method: 'GET', path: '/me/fitment-checks', procedure: 'fitment.mine', tag: 'Fitment', summary: 'My fitment checks' },
  { method: 'POST', path: '/purchases/{purchaseId}/fitment-report', procedure: 'fitment.report', tag: 'Fitment', status: 201, summary: 'Tell whether the part fitted (after a completed purchase)', example: { fit: true } },
  { method: 'GET', path: '/me/fitment-reports', procedure: 'fitment.myReports', tag: 'Fitment', arrayAnswer: true, summary: 'My fit reports' },
  { method: 'GET', path: '/me/listings/fitment-reports', procedure: 'fitment.reportsOnMyListings', tag: 'Fitment', arrayAnswer: true, summary: 'Buyers\' reports on my listings (sellers)' },

  // ---- questions
  { method: 'POST', path: '/listings/{listingId}/inquiries', procedure: 'inquiries.create', tag: 'Inquiries', status: 201, summary: 'Ask the seller a question (buyers)', example: { message: 'Does it fit a 2012 Golf estate?' } },
  { method: 'GET', path: '/inquiries/{inquiryId}', procedure: 'inquiries.get', tag: 'Inquiries', summary: 'One conversation, replies oldest first' },
  { method: 'POST', path: '/inquiries/{inquiryId}/replies', procedure: 'inquiries.reply', tag: 'Inquiries', status: 201, summary: 'Reply in a conversation', example: { message: 'Yes, it fits the estate too.' } },
  { method: 'POST', path: '/inquiries/{inquiryId}/close', procedure: 'inquiries.close', tag: 'Inquiries', summary: 'Close a conversation' },
  { method: 'GET', path: '/me/inquiries', procedure: 'inquiries.mine', tag: 'Inquiries', summary: 'My conversations, as buyer or as seller' },

  // ---- a seller's inventory as CSV
  { method: 'POST', path: '/listings/import', procedure: 'listings.importCsv', tag: 'Listings', csvField: 'csv', summary: 'Check, then import, an inventory CSV (sellers)', description: 'Send the file as `text/csv` (add `?dryRun=false` to import) or as JSON `{ csv, dryRun }`. Every row is checked first; errors come back by line (the header is line 1) and column, and nothing is written unless every row is right. A stock number the seller already has updates that listing; a second upload never duplicates. Up to 10,000 rows.', example: { csv: 'stock_number,title,category,condition,price,currency,make,model,year_from,year_to\nA-1,Alternator 140A,electrical,used_good,89.00,USD,Volkswagen,Golf,2009,2013', dryRun: true } },
  { method: 'GET', path: '/listings/import/progress', procedure: 'listings.importProgress', tag: 'Listings', summary: 'How far my running (or last) inventory import has got', description: '`done` of `total` rows written, advanced with each batch of 250 as it commits; `finishedAt` once it has ended. A second import waits until the first has finished (409).' },
  { method: 'GET', path: '/listings/export', procedure: 'listings.exportCsv', tag: 'Listings', summary: 'My inventory in the import\'s CSV format (sellers)' },

  // ---- notifications
  { method: 'GET', path: '/me/notifications', procedure: 'notifications.list', tag: 'Notifications', summary: 'My notifications, newest first, with the unread count', description: 'Each notification has its words (`text`) and the storefront page to act on it (`path`). `unreadOnly=true` lists only the unread ones.' },
  { method: 'GET', path: '/me/notifications/unread-count', procedure: 'notifications.unreadCount', tag: 'Notifications', summary: 'How many of my notifications are unread' },
  { method: 'POST', path: '/me/notifications/read', procedure: 'notifications.markRead', tag: 'Notifications', summary: 'Mark notifications read', description: 'Send `ids` (up to 50), or `all: true`. An email not yet sent for a notification read in time is not sent.', example: { all: true } },
  { method: 'GET', path: '/me/notification-preferences', procedure: 'notifications.preferences', tag: 'Notifications', summary: 'How each kind of notification reaches me: `in_app`, `email` (in the app, and by email when unseen for a few minutes) or `off`' },
  { method: 'PATCH', path: '/me/notification-preferences', procedure: 'notifications.setPreferences', tag: 'Notifications', summary: 'Change how some kinds of notification reach me', example: { question: 'email', rating: 'off' } },
  { method: 'POST', path: '/notifications/unsubscribe', procedure: 'notifications.unsubscribe', tag: 'Notifications', open: true, summary: 'Stop an email kind (or every kind) by the token of an email\'s unsubscribe link', description: 'No sign-in: the token of the link is the authority. The notifications stay in the app.', example: { token: 'the token of the link', kind: 'question' } },

  // ---- saved searches and the watchlist
  { method: 'GET', path: '/me/saved-searches', procedure: 'savedSearches.list', tag: 'Saved searches', summary: 'My saved searches, with their storefront addresses' },
  { method: 'POST', path: '/me/saved-searches', procedure: 'savedSearches.create', tag: 'Saved searches', status: 201, summary: 'Save a search, to be told of its new listings at most daily', description: 'The same search saved again gives back the one saved before. Up to 20 per person.', example: { query: { q: 'alternator', make: 'VW', model: 'Golf', year: 2012 } } },
  { method: 'DELETE', path: '/me/saved-searches/{id}', procedure: 'savedSearches.remove', tag: 'Saved searches', summary: 'Remove a saved search' },
  { method: 'GET', path: '/me/watchlist', procedure: 'watchlist.list', tag: 'Saved searches', summary: 'The listings I watch (`listingId` asks about one)' },
  { method: 'PUT', path: '/me/watchlist/{listingId}', procedure: 'watchlist.add', tag: 'Saved searches', summary: 'Watch a listing: be told when it drops in price, is reserved or is sold' },
  { method: 'DELETE', path: '/me/watchlist/{listingId}', procedure: 'watchlist.remove', tag: 'Saved searches', summary: 'Stop watching a listing' },

  // ---- live streams (Server-Sent Events)
  { method: 'GET', path: '/events', procedure: 'live.mine', tag: 'Live', stream: true, summary: 'My events as they happen (text/event-stream)', description: 'Questions and replies, reservations, sales, cancellations and expiries, ratings, moderation and fit reports that concern me. Each event is `id: <event id>` and `data: {"id","type","at","data"}` where `data` names the objects by id (`inquiryId`, `listingId`, …). Reconnect with `Last-Event-ID` to receive what was missed.' },
  { method: 'GET', path: '/listings/{id}/events', procedure: 'live.listing', tag: 'Live', open: true, stream: true, summary: 'A listing\'s changes as they happen (text/event-stream)', description: 'Status (reserved, sold, withdrawn, removed), price and photo changes of a listing the caller may see; its parties also get the questions and purchases on it.' },
  { method: 'GET', path: '/listings/events', procedure: 'live.listings', tag: 'Live', open: true, stream: true, summary: 'Changes of a page of listings as they happen (text/event-stream)', description: 'Pass the listings of a page of results as `ids` (repeat the parameter, up to 50): each one\'s status, price and photo changes, as its own stream would carry them.' },
  { method: 'GET', path: '/console/events', procedure: 'live.console', tag: 'Live', stream: true, summary: 'Every change, for operators (text/event-stream)' },

  // ---- operators
  { method: 'GET', path: '/console/listings', procedure: 'console.listings', tag: 'Console', summary: 'Every listing, with moderation filters' },
  { method: 'GET', path: '/console/listings/{id}', procedure: 'console.listing', tag: 'Console', summary: 'One listing with its history' },
  { method: 'POST', path: '/console/listings/{id}/moderation', procedure: 'console.moderateListing', tag: 'Console', summary: 'Remove or restore a listing (audited)', example: { action: 'remove', reason: 'Counterfeit part' } },
  { method: 'GET', path: '/console/inquiries', procedure: 'console.inquiries', tag: 'Console', summary: 'Conversations waiting or reported' },
  { method: 'GET', path: '/console/inquiries/{inquiryId}', procedure: 'console.inquiry', tag: 'Console', summary: 'One conversation' },
  { method: 'POST', path: '/console/inquiries/{inquiryId}/close', procedure: 'console.closeInquiry', tag: 'Console', summary: 'Close a conversation (audited)' },
  { method: 'GET', path: '/console/fitment-checks', procedure: 'console.fitmentLogs', tag: 'Console', summary: 'Buyers\' fitment checks' },
  { method: 'GET', path: '/console/fitment-problems', procedure: 'console.fitmentProblems', tag: 'Console', summary: 'Listings whose fitment needs a look' },
  { method: 'POST', path: '/console/fitment-checks/{logId}/review', procedure: 'console.reviewFitmentLog', tag: 'Console', summary: 'Mark a fitment check reviewed (audited)' },
  { method: 'GET', path: '/console/fitment-reports', procedure: 'console.fitmentReports', tag: 'Console', summary: 'Buyers\' fit reports' },
  { method: 'POST', path: '/console/fitment-reports/{reportId}/resolve', procedure: 'console.resolveFitmentReport', tag: 'Console', summary: 'Resolve a fit report (audited)' },
  { method: 'GET', path: '/console/users', procedure: 'console.users', tag: 'Console', summary: 'Find accounts' },
  { method: 'GET', path: '/console/users/{userId}', procedure: 'console.user', tag: 'Console', summary: 'One account' },
  { method: 'PUT', path: '/console/users/{userId}/role', procedure: 'console.setUserRole', tag: 'Console', summary: 'Change an account\'s role (audited)' },
  { method: 'POST', path: '/console/users/{userId}/business-verification', procedure: 'console.verifySeller', tag: 'Console', summary: 'Mark a seller as a verified business, or take the mark back (audited)', example: { verified: true, reason: 'Trade register entry checked' } },
  { method: 'POST', path: '/console/users/{userId}/suspension', procedure: 'console.suspendUser', tag: 'Console', summary: 'Suspend or reinstate an account (audited)' },
  { method: 'GET', path: '/console/audit-log', procedure: 'console.auditLog', tag: 'Console', summary: 'Every operator action' },
  { method: 'GET', path: '/console/stats', procedure: 'console.stats', tag: 'Console', summary: 'Marketplace figures' },
];

type ProcedureDef = { _def: { inputs: z.core.$ZodType[] } };

/** The input schema a procedure validates with (undefined when it takes none); REST reads and documents it. */
export function procedureInput(path: ProcedurePath): z.core.$ZodType | undefined {
  const procedure = (appRouter._def.procedures as unknown as Record<string, ProcedureDef | undefined>)[path];
  if (!procedure) throw new Error(`No procedure ${path}`);
  return procedure._def.inputs[0];
}

/** Procedures deliberately left out of REST, with the reason. Every procedure is in one list or the other. */
export const INTERNAL_PROCEDURES: Partial<Record<ProcedurePath, string>> = {};
