import { TRPCError } from '@trpc/server';
import { getHTTPStatusCodeFromError } from '@trpc/server/http';
import type { z } from 'zod';
import { problemDocument, REST_BASE } from '../endpoints.ts';
import { contextFromRequest, type HttpApiOptions, type RequestSession } from '../http.ts';
import { logError, logEvent } from '../log.ts';
import { callProcedureAt } from '../root.ts';
import { describeError } from '../trpc.ts';
import { objectShape } from '../schema-shape.ts';
import { inputFromQuery } from './input.ts';
import { procedureInput, REST_ROUTES, type HttpMethod, type RestRoute } from './routes.ts';

export { REST_BASE };


interface CompiledRoute {
  route: RestRoute;
  pattern: RegExp;
  params: string[];
  input: z.core.$ZodType | undefined;
}

const compiled: CompiledRoute[] = REST_ROUTES.map((route) => {
  const params: string[] = [];
  const source = route.path.replace(/\{([A-Za-z]+)\}/g, (_, name: string) => {
    params.push(name);
    return '([^/]+)';
  });
  return { route, pattern: new RegExp(`^${source}/?$`), params, input: procedureInput(route.procedure) };
})
  // a literal segment wins over a parameter: /listings/events is not the listing with id "events"
  .sort((a, b) => a.params.length - b.params.length);

const BASE_HEADERS = { 'x-content-type-options': 'nosniff', 'cache-control': 'no-store' };

function problem(status: number, code: string, detail: string, fieldErrors: Record<string, string[]> | null = null, headers: Record<string, string> = {}) {
  return new Response(JSON.stringify(problemDocument(status, code, detail, fieldErrors)), {
    status,
    headers: { ...BASE_HEADERS, 'content-type': 'application/problem+json', ...headers },
  });
}

const refuse = (code: TRPCError['code'], message: string) => new TRPCError({ code, message });

function find(method: string, pathname: string): CompiledRoute | Response {
  const allowed: HttpMethod[] = [];
  for (const entry of compiled) {
    if (!entry.pattern.test(pathname)) continue;
    if (entry.route.method === method) return entry;
    allowed.push(entry.route.method);
  }
  if (allowed.length) return problem(405, 'METHOD_NOT_SUPPORTED', `Use ${allowed.join(' or ')} here`, null, { allow: allowed.join(', ') });
  return problem(404, 'NOT_FOUND', `No operation at ${REST_BASE}${pathname}; the operations are listed at /api/openapi.json`);
}

function pathParams(entry: CompiledRoute, pathname: string): Record<string, string> {
  const match = entry.pattern.exec(pathname)!;
  return Object.fromEntries(entry.params.map((name, i) => [name, decodeURIComponent(match[i + 1]!)]));
}

async function jsonBody(req: Request): Promise<Record<string, unknown>> {
  const text = await req.text();
  if (text.trim() === '') return {};
  const type = req.headers.get('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type)) throw refuse('UNSUPPORTED_MEDIA_TYPE', 'Send the body as JSON with Content-Type: application/json');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw refuse('BAD_REQUEST', 'The body is not valid JSON');
  }
  if (typeof body !== 'object' || body === null || Array.isArray(body)) throw refuse('BAD_REQUEST', 'The body must be a JSON object');
  return body as Record<string, unknown>;
}

async function formBody(req: Request, params: Record<string, string>): Promise<FormData> {
  if (!(req.headers.get('content-type') ?? '').toLowerCase().startsWith('multipart/form-data')) {
    throw refuse('UNSUPPORTED_MEDIA_TYPE', 'Send the photo as multipart/form-data with a `file` field');
  }
  let form: FormData;
  try {
    form = await req.formData();
  } catch {
    throw refuse('BAD_REQUEST', 'The multipart body could not be read');
  }
  for (const [name, value] of Object.entries(params)) form.set(name, value);
  return form;
}

const STREAM_PING_MS = 15_000;
/** A stream ends after this long; the client reconnects with Last-Event-ID, through a fresh check of its session. */
const STREAM_MAX_MS = 15 * 60_000;

/**
 * A stream of `id:`/`data:` messages, one per event, with a comment line every {@link STREAM_PING_MS} so that
 * proxies keep a quiet stream open. When the client goes away, the subscription is aborted.
 */
function eventStream(events: AsyncIterable<unknown>, closed: AbortController): Response {
  const iterator = events[Symbol.asyncIterator]();
  const encoder = new TextEncoder();
  let next: Promise<IteratorResult<unknown>> | undefined;
  const endsAt = Date.now() + STREAM_MAX_MS;
  const body = new ReadableStream<Uint8Array>({
    start(controller) {
      controller.enqueue(encoder.encode(': connected\n\n'));
    },
    async pull(controller) {
      if (Date.now() >= endsAt) {
        closed.abort();
        void iterator.return?.();
        return controller.close();
      }
      next ??= iterator.next();
      let timer: NodeJS.Timeout | undefined;
      const ping = new Promise<'ping'>((resolve) => (timer = setTimeout(() => resolve('ping'), STREAM_PING_MS)));
      const step = await Promise.race([next, ping]).finally(() => clearTimeout(timer));
      if (step === 'ping') return controller.enqueue(encoder.encode(': ping\n\n'));
      next = undefined;
      if (step.done) return controller.close();
      // a subscription yields tRPC's tracked envelope: [id, event]
      const event = (Array.isArray(step.value) ? step.value[1] : step.value) as { id: string };
      controller.enqueue(encoder.encode(`id: ${event.id}\ndata: ${JSON.stringify(event)}\n\n`));
    },
    cancel() {
      closed.abort();
      void iterator.return?.();
    },
  });
  return new Response(body, { headers: { ...BASE_HEADERS, 'content-type': 'text/event-stream; charset=utf-8', connection: 'keep-alive', 'x-accel-buffering': 'no' } });
}

/** Path parameters read like query parameters: a number where the input takes one (`/places/{placeId}`). */
const pathInput = (params: Record<string, string>, shape: ReturnType<typeof objectShape>) => inputFromQuery(new URLSearchParams(params), shape);

async function readInput(entry: CompiledRoute, req: Request, url: URL, params: Record<string, string>): Promise<unknown> {
  const { route } = entry;
  if (route.multipart) return formBody(req, params);
  const shape = objectShape(entry.input);
  if (route.csvField && /^text\/csv\b/i.test(req.headers.get('content-type') ?? '')) {
    // a file as it is (`curl --data-binary @stock.csv -H 'content-type: text/csv'`), its options in the query string
    return { ...inputFromQuery(url.searchParams, shape), [route.csvField]: await req.text(), ...pathInput(params, shape), ...route.fixed };
  }
  const given = route.method === 'GET' || route.method === 'DELETE' ? inputFromQuery(url.searchParams, shape) : await jsonBody(req);
  if (!entry.input) return undefined;
  return { ...given, ...pathInput(params, shape), ...route.fixed };
}

/**
 * Serves the REST form of the API under {@link REST_BASE}: each operation finds its procedure in the route table and
 * calls it through the router's caller, so the input schema, the middleware (roles, same-origin for cookie
 * sessions) and the services are the ones tRPC uses. Answers are plain JSON (dates as ISO-8601 strings), every list
 * is `{ items, nextCursor }`, and every failure is a problem document with the status its code maps to.
 */
export async function handleRest(opts: HttpApiOptions, req: Request, clientAddress: string, known?: RequestSession, base = REST_BASE): Promise<Response> {
  const url = new URL(req.url);
  const pathname = url.pathname.slice(base.length) || '/';
  const found = find(req.method, pathname);
  if (found instanceof Response) return found;
  const { route } = found;
  const resHeaders = new Headers();
  let ctx: Awaited<ReturnType<typeof contextFromRequest>> | undefined;
  try {
    const input = await readInput(found, req, url, pathParams(found, pathname));
    ctx = await contextFromRequest(opts, req, resHeaders, clientAddress, known);
    const closed = new AbortController();
    req.signal?.addEventListener('abort', () => closed.abort(), { once: true });
    const call = (input: unknown) => callProcedureAt(ctx!, route.procedure, input, closed.signal);
    if (route.stream) {
      const lastEventId = req.headers.get('last-event-id');
      const events = (await call(lastEventId ? { ...(input as object), lastEventId } : input)) as AsyncIterable<unknown>;
      return eventStream(events, closed);
    }
    const data = await call(input);
    const body = route.arrayAnswer ? { items: data, nextCursor: null } : (data ?? null);
    const headers = new Headers({ ...BASE_HEADERS, 'content-type': 'application/json' });
    for (const cookie of resHeaders.getSetCookie()) headers.append('set-cookie', cookie);
    return new Response(JSON.stringify(body), { status: route.status ?? 200, headers });
  } catch (cause) {
    const error = cause instanceof TRPCError ? cause : new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause });
    const path = route.procedure;
    if (error.code === 'INTERNAL_SERVER_ERROR') logError('api.error', error, { path, requestId: ctx?.meta.requestId });
    else if (error.code === 'FORBIDDEN' || error.code === 'TOO_MANY_REQUESTS') {
      logEvent('api.refused', { path, code: error.code, userId: ctx?.user?.id ?? null, ip: clientAddress, requestId: ctx?.meta.requestId });
    }
    const { message, fieldErrors } = describeError(error);
    return problem(getHTTPStatusCodeFromError(error), error.code, message, fieldErrors);
  }
}
