import { handleGraphql } from '../src/graphql/handler.ts';
import { handleTrpc, type HttpApiOptions } from '../src/http.ts';
import { handleRest, REST_BASE } from '../src/rest/handler.ts';
import { REST_ROUTES, type ProcedurePath } from '../src/rest/routes.ts';
import { appRouter } from '../src/root.ts';

/**
 * Calls one procedure through each of the API's three doors over HTTP requests (the hosts' own handlers), and reads
 * back the outcome as the error code every door shares, or 'OK', with the body as text for the hidden-field scan.
 */
export type Door = 'trpc' | 'rest' | 'graphql';
export interface DoorAnswer {
  code: string;
  text: string;
}

const ORIGIN = 'http://localhost';
const bearer = (token: string | null): Record<string, string> => (token ? { authorization: `Bearer ${token}` } : {});

/**
 * Reads a stream's messages until `enough` says so or, once one message has come, until `quietMs` pass without
 * another; then closes it. A refused tRPC stream sends its error right after its `connected` message.
 */
async function openingMessages(response: Response, closing: AbortController, enough: (text: string) => boolean, quietMs = 300): Promise<string> {
  const reader = response.body!.getReader();
  const decoder = new TextDecoder();
  let text = '';
  for (;;) {
    const read = reader.read();
    const step = text.includes('\n\n') ? await Promise.race([read, new Promise<null>((resolve) => setTimeout(() => resolve(null), quietMs))]) : await read;
    if (step === null || step.done) break;
    text += decoder.decode(step.value, { stream: true });
    if (enough(text)) break;
  }
  closing.abort();
  await reader.cancel().catch(() => undefined);
  return text;
}

export async function viaTrpc(opts: HttpApiOptions, path: string, input: unknown, token: string | null): Promise<DoorAnswer> {
  const procedure = (appRouter._def.procedures as unknown as Record<string, { _def: { type: string } }>)[path]!;
  const url = new URL(`${ORIGIN}/api/trpc/${path}`);
  let request: Request;
  if (procedure._def.type === 'subscription') {
    // a stream opens with tRPC's `connected` message, or fails with a `serialized-error` one
    if (input !== undefined) url.searchParams.set('input', JSON.stringify({ json: input }));
    const closing = new AbortController();
    const response = await handleTrpc(opts, new Request(url, { headers: bearer(token), signal: closing.signal }), '198.51.100.20');
    const text = await openingMessages(response, closing, (t) => /event: serialized-error\ndata: .*\n/.test(t));
    const error = /event: serialized-error\ndata: (.*)/.exec(text);
    return { code: error ? (JSON.parse(error[1]!) as { json: { data: { code: string } } }).json.data.code : /event: connected/.test(text) ? 'OK' : `UNREAD: ${text}`, text };
  }
  if (procedure._def.type === 'query') {
    if (input !== undefined) url.searchParams.set('input', JSON.stringify({ json: input }));
    request = new Request(url, { headers: bearer(token) });
  } else if (input instanceof FormData) {
    request = new Request(url, { method: 'POST', headers: bearer(token), body: input });
  } else {
    request = new Request(url, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify({ json: input ?? null }) });
  }
  const response = await handleTrpc(opts, request, '198.51.100.20');
  const text = await response.text();
  const body = JSON.parse(text) as { error?: { json: { data: { code: string } } } };
  return { code: body.error?.json.data.code ?? 'OK', text };
}

/** The REST request for a procedure's input: path parameters filled from it, the rest in the query or the body. */
export function restRequest(path: ProcedurePath, input: unknown, token: string | null): Request {
  const route = REST_ROUTES.find((r) => r.procedure === path);
  if (!route) throw new Error(`no REST route for ${path}`);
  const fields: Record<string, unknown> = input instanceof FormData ? Object.fromEntries([...input.keys()].map((k) => [k, input.get(k)])) : { ...(input as object) };
  const address = route.path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    const value = String(fields[name]);
    delete fields[name];
    return encodeURIComponent(value);
  });
  const url = new URL(`${ORIGIN}${REST_BASE}${address}`);
  if (route.multipart) {
    const form = new FormData();
    for (const key of (input as FormData).keys()) if (key in fields) form.set(key, (input as FormData).get(key)!);
    return new Request(url, { method: route.method, headers: bearer(token), body: form });
  }
  if (route.method === 'GET' || route.method === 'DELETE') {
    for (const [key, value] of Object.entries(fields)) {
      if (Array.isArray(value)) for (const v of value) url.searchParams.append(key, String(v));
      else if (value !== null && typeof value === 'object') for (const [k, v] of Object.entries(value)) url.searchParams.set(`${key}[${k}]`, String(v));
      else if (value !== undefined) url.searchParams.set(key, String(value));
    }
    return new Request(url, { method: route.method, headers: bearer(token) });
  }
  return new Request(url, { method: route.method, headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(fields) });
}

export async function viaRest(opts: HttpApiOptions, path: ProcedurePath, input: unknown, token: string | null): Promise<DoorAnswer> {
  const closing = new AbortController();
  const request = restRequest(path, input, token);
  const response = await handleRest(opts, new Request(request, { signal: closing.signal }), '198.51.100.21');
  if (response.ok && response.headers.get('content-type')?.startsWith('text/event-stream')) return { code: 'OK', text: await openingMessages(response, closing, (t) => t.includes('\n\n')) };
  const text = await response.text();
  if (response.ok) return { code: 'OK', text };
  return { code: (JSON.parse(text) as { code: string }).code, text };
}

type GraphqlCall = { query: string; variables?: Record<string, unknown> };
type Input = Record<string, unknown>;
const page = 'edges { node { id } } pageInfo { hasNextPage endCursor }';

/**
 * The GraphQL operation that does what each procedure does. Procedures GraphQL does not offer (garage editing,
 * operators' console, a few account settings) are absent: tools use REST or tRPC for them.
 */
export const GRAPHQL_CALLS: Partial<Record<ProcedurePath, (input: Input) => GraphqlCall>> = {
  'auth.signUp': (input) => ({ query: 'mutation($input: SignUpInput!) { signUp(input: $input) { token user { id email } } }', variables: { input } }),
  'auth.signIn': (input) => ({ query: 'mutation($u: String!, $p: String!) { signIn(username: $u, password: $p) { token user { id } } }', variables: { u: input.username, p: input.password } }),
  'auth.signOut': () => ({ query: 'mutation { signOut }' }),
  'auth.me': () => ({ query: '{ me { id username email emailConfirmed phoneNumber role } }' }),
  'auth.requestEmailConfirmation': () => ({ query: 'mutation { requestEmailConfirmation }' }),
  'auth.confirmEmail': (input) => ({ query: 'mutation($t: String!) { confirmEmail(token: $t) }', variables: { t: input.token } }),
  'places.search': (input) => ({ query: 'query($q: String!) { places(q: $q) { placeId label lat lon } }', variables: { q: input.q } }),
  'places.get': (input) => ({ query: 'query($id: Int!) { place(placeId: $id) { placeId label } }', variables: { id: input.placeId } }),
  'users.profile': (input) => ({ query: 'query($id: ID!) { seller(id: $id) { id displayName ratingSummary { average count } responseRate activeListings } }', variables: { id: input.userId } }),
  'listings.search': (input) => ({ query: `query($where: ListingFilter) { listings(where: $where) { ${page} } }`, variables: { where: input } }),
  'listings.get': (input) => ({
    query: 'query($id: ID!) { listing(id: $id) { id title status priceCents currency version compatibilityNotes coverage { make model } partNumbers { number } photos { imageUrl } seller { id displayName memberSince ratingSummary { count } } } }',
    variables: { id: input.id },
  }),
  'listings.create': (input) => ({ query: 'mutation($input: CreateListingInput!) { createListing(input: $input) { id title status } }', variables: { input } }),
  'listings.update': (input) => ({ query: 'mutation($input: UpdateListingInput!) { updateListing(input: $input) { id priceCents version } }', variables: { input } }),
  'listings.setStatus': (input) => ({ query: 'mutation($id: ID!, $status: String!) { setListingStatus(id: $id, status: $status) { id status } }', variables: input }),
  'listings.mine': () => ({ query: `{ me { listings { ${page} } } }` }),
  'purchases.reserve': (input) => ({ query: 'mutation($id: ID!) { reserve(listingId: $id) { id status } }', variables: { id: input.listingId } }),
  'purchases.cancel': (input) => ({ query: 'mutation($id: ID!) { cancelPurchase(purchaseId: $id) { id status } }', variables: { id: input.purchaseId } }),
  'purchases.complete': (input) => ({ query: 'mutation($id: ID!) { completePurchase(purchaseId: $id) { id status } }', variables: { id: input.purchaseId } }),
  'purchases.mine': () => ({ query: '{ me { purchases { edges { node { id status counterpart { displayName phoneNumber } listing { id title } } } } } }' }),
  'fitment.check': (input) => ({ query: 'mutation($input: FitmentCheckInput!) { checkFitment(input: $input) { id fitmentStatus vinLast8 } }', variables: { input } }),
  'fitment.mine': () => ({ query: '{ me { fitmentChecks { edges { node { id fitmentStatus vinLast8 } } } } }' }),
  'fitment.report': (input) => ({ query: 'mutation($input: FitmentReportInput!) { reportFitment(input: $input) }', variables: { input } }),
  'garage.list': () => ({ query: '{ me { garage { id name make model year active town placeId } } }' }),
  'notifications.list': () => ({ query: '{ me { notifications(first: 20) { edges { node { id kind text path listingId createdAt readAt } } pageInfo { hasNextPage } } } }' }),
  'notifications.unreadCount': () => ({ query: '{ me { unreadNotificationCount } }' }),
  'notifications.markRead': () => ({ query: 'mutation { markNotificationsRead(all: true) }' }),
  'notifications.preferences': () => ({ query: '{ me { notificationPreferences { kind channel } } }' }),
  'notifications.setPreferences': (input) => {
    const [[kind, channel]] = Object.entries(input) as [[string, string]];
    return { query: 'mutation($k: String!, $c: String!) { setNotificationPreference(kind: $k, channel: $c) { kind channel } }', variables: { k: kind, c: channel } };
  },
  'savedSearches.list': () => ({ query: '{ me { savedSearches { id name filters path createdAt } } }' }),
  'savedSearches.create': (input) => ({ query: 'mutation($input: SavedSearchInput!) { saveSearch(input: $input) { id filters path } }', variables: { input } }),
  'savedSearches.remove': (input) => ({ query: 'mutation($id: ID!) { removeSavedSearch(id: $id) }', variables: { id: input.id } }),
  'watchlist.list': () => ({ query: '{ me { watchlist { listingId watchedAt available listing { id title } } } }' }),
  'watchlist.add': (input) => ({ query: 'mutation($id: ID!) { watchListing(listingId: $id) }', variables: { id: input.listingId } }),
  'watchlist.remove': (input) => ({ query: 'mutation($id: ID!) { unwatchListing(listingId: $id) }', variables: { id: input.listingId } }),
  'photos.list': (input) => ({ query: 'query($id: ID!) { listing(id: $id) { photos { id imageUrl } } }', variables: { id: input.listingId } }),
  'photos.remove': (input) => ({ query: 'mutation($id: ID!) { removePhoto(photoId: $id) }', variables: { id: input.photoId } }),
  'ratings.create': (input) => ({ query: 'mutation($input: RatingInput!) { rateSeller(input: $input) { id rating isVerifiedPurchase } }', variables: { input } }),
  'ratings.forSeller': (input) => ({ query: 'query($id: ID!) { seller(id: $id) { ratings { edges { node { id rating buyerDisplayName } } } } }', variables: { id: input.sellerId } }),
  'inquiries.create': (input) => ({ query: 'mutation($input: InquiryInput!) { askSeller(input: $input) { id status } }', variables: { input } }),
  'inquiries.reply': (input) => ({ query: 'mutation($id: ID!, $m: String!) { replyToInquiry(inquiryId: $id, message: $m) { id status replyCount } }', variables: { id: input.inquiryId, m: input.message } }),
  'inquiries.close': (input) => ({ query: 'mutation($id: ID!) { closeInquiry(inquiryId: $id) { id status } }', variables: { id: input.inquiryId } }),
  'inquiries.get': (input) => ({ query: 'query($id: ID!) { inquiry(id: $id) { id message status replies { message } } }', variables: { id: input.inquiryId } }),
  'inquiries.mine': () => ({ query: '{ me { inquiries { edges { node { id message } } } } }' }),
};

/** The GraphQL multipart request (the spec yoga implements) for a photo upload. */
export function graphqlUpload(form: FormData): FormData {
  const multipart = new FormData();
  const variables = { listingId: form.get('listingId'), file: null };
  multipart.set('operations', JSON.stringify({ query: 'mutation($listingId: ID!, $file: File!) { uploadPhoto(listingId: $listingId, file: $file) { id imageUrl isPrimary } }', variables }));
  multipart.set('map', JSON.stringify({ 0: ['variables.file'] }));
  multipart.set('0', form.get('file')!);
  return multipart;
}

export async function viaGraphql(opts: HttpApiOptions, call: GraphqlCall | FormData, token: string | null): Promise<DoorAnswer> {
  const request =
    call instanceof FormData
      ? new Request(`${ORIGIN}/api/graphql`, { method: 'POST', headers: bearer(token), body: call })
      : new Request(`${ORIGIN}/api/graphql`, { method: 'POST', headers: { ...bearer(token), 'content-type': 'application/json' }, body: JSON.stringify(call) });
  const response = await handleGraphql(opts, request, '198.51.100.22');
  const text = await response.text();
  const body = JSON.parse(text) as { errors?: { message: string; extensions?: { code?: string } }[] };
  return { code: body.errors?.[0]?.extensions?.code ?? (body.errors?.length ? `GRAPHQL: ${body.errors[0]!.message}` : 'OK'), text };
}
