import type { IncomingMessage, ServerResponse } from 'node:http';
import { LIMITS, megabytes } from '@carparts/domain';
import { TRPC_ERROR_CODES_BY_KEY } from '@trpc/server/rpc';
import { contextFor, MAX_REQUEST_BODY_BYTES, TRPC_ENDPOINT, type HttpApiOptions } from './http.ts';
import { GRAPHQL_ENDPOINT, problemDocument, REST_BASE } from './endpoints.ts';
import { callProcedureAt, procedureType } from './root.ts';
import { answerJson, wireTransformer } from './wire.ts';

/**
 * How much of an over-size body is read and thrown away before the 413 is sent. A client (fetch, curl) that is still
 * sending when the server answers and closes sees a broken pipe instead of the answer; reading what it sends, up to
 * this bound, lets it read the 413. Past the bound the connection is cut.
 */
const DISCARD_LIMIT_BYTES = 4 * MAX_REQUEST_BODY_BYTES;

/** Reads and drops the rest of a request body, up to `limit` bytes; false when the client sent more than that. */
function discardBody(req: IncomingMessage, limit: number): Promise<boolean> {
  if (req.readableEnded) return Promise.resolve(true);
  return new Promise((done) => {
    let size = 0;
    const finish = (complete: boolean) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      done(complete);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) finish(false);
    };
    const onEnd = () => finish(true);
    const onError = () => finish(false);
    req.on('data', onData);
    req.once('end', onEnd);
    req.once('error', onError);
    req.resume();
  });
}

export const declaresOversizeBody = (req: IncomingMessage) => Number(req.headers['content-length'] ?? 0) > MAX_REQUEST_BODY_BYTES;

/**
 * Answers 413 with a body a client of that door can read: a problem document for REST, a GraphQL error for GraphQL,
 * and otherwise the envelope of tRPC's other errors (superjson's `json` wrapper and tRPC's error shape), so the typed
 * client raises it as a PAYLOAD_TOO_LARGE error like any other refusal.
 */
export async function answerPayloadTooLarge(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const drained = await discardBody(req, DISCARD_LIMIT_BYTES);
  const message = `The request is larger than ${Math.floor(MAX_REQUEST_BODY_BYTES / 1024 / 1024)} MB; a photo may be at most ${megabytes(LIMITS.photoBytes)}`;
  const path = (req.url ?? '/').split('?')[0]!;
  let type = 'application/json';
  let body: unknown;
  if (path.startsWith(`${REST_BASE}/`)) {
    type = 'application/problem+json';
    body = problemDocument(413, 'PAYLOAD_TOO_LARGE', message);
  } else if (path === GRAPHQL_ENDPOINT) {
    body = { errors: [{ message, extensions: { code: 'PAYLOAD_TOO_LARGE' } }] };
  } else {
    body = { error: { json: { message, code: TRPC_ERROR_CODES_BY_KEY.PAYLOAD_TOO_LARGE, data: { code: 'PAYLOAD_TOO_LARGE', httpStatus: 413, fieldErrors: null } } } };
  }
  res.writeHead(413, { 'content-type': type, 'x-content-type-options': 'nosniff', connection: 'close' });
  res.end(JSON.stringify(body));
  if (!drained) req.socket.destroy();
}

/** A plain-object view of Node's request headers with the one method the session reader needs. */
const headerReader = (req: IncomingMessage): Pick<Headers, 'get'> => ({
  get: (name) => {
    const value = req.headers[name.toLowerCase()];
    return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
  },
});

/**
 * Answers a GET of one query procedure through the router's caller, the same middleware chain, input schema and
 * authorization as the tRPC handler, writing tRPC's success envelope straight to the socket. tRPC's Fetch adapter
 * builds a Request, a Response whose body is read back as a stream, and combined AbortSignals for every call; for the
 * reads that make most of the traffic that cost more CPU than the query. Anything else — a batch, a mutation, an
 * input that does not parse, and every error — returns false untouched, and the host hands the request to the tRPC
 * handler, which answers it (a failed query runs again there, so errors have exactly one shape and one log line).
 */
export async function answerQueryDirectly(opts: HttpApiOptions, req: IncomingMessage, res: ServerResponse, url: URL, clientAddress: string): Promise<boolean> {
  if (req.method !== 'GET' || !url.pathname.startsWith(`${TRPC_ENDPOINT}/`) || url.searchParams.has('batch')) return false;
  const path = url.pathname.slice(TRPC_ENDPOINT.length + 1);
  if (procedureType(path) !== 'query') return false;
  let input: unknown;
  try {
    const raw = url.searchParams.get('input');
    input = raw === null ? undefined : wireTransformer.input.deserialize(JSON.parse(raw));
  } catch {
    return false;
  }
  const resHeaders = new Headers();
  const ctx = await contextFor(opts, { headers: headerReader(req), requestOrigin: url.origin }, resHeaders, clientAddress);
  let data: unknown;
  try {
    data = await callProcedureAt(ctx, path, input);
  } catch {
    return false;
  }
  const body = `{"result":{"data":${answerJson(data)}}}`;
  const headers: Record<string, string | string[] | number> = {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(body),
    'x-content-type-options': 'nosniff',
    'cache-control': 'no-store',
    vary: 'trpc-accept',
  };
  const cookies = resHeaders.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(200, headers);
  res.end(body);
  return true;
}
