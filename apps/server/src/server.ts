import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import compression from 'compression';
import type { AddressInfo } from 'node:net';
import { logError, workerIndex, type ApiConfig } from '@carparts/api';
import { handleApiRequest } from '@carparts/api/doors';
import { clientAddressFrom, handlePhoto, MAX_REQUEST_BODY_BYTES, securityHeaders, TRPC_ENDPOINT } from '@carparts/api/http';
import { answerPayloadTooLarge, answerQueryDirectly } from '@carparts/api/node-http';
import type { Db } from '@carparts/db';
import { compressible } from '@carparts/kit/serve';

class BodyTooLarge extends Error {}

async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | undefined> {
  if (req.method === 'GET' || req.method === 'HEAD') return undefined;
  const declared = Number(req.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

async function send(res: ServerResponse, response: Response) {
  const headers: Record<string, string | string[]> = {};
  response.headers.forEach((value, key) => {
    if (key !== 'set-cookie') headers[key] = value;
  });
  const cookies = response.headers.getSetCookie();
  if (cookies.length) headers['set-cookie'] = cookies;
  res.writeHead(response.status, headers);
  if (!response.body) return void res.end();
  // streamed, not buffered: a live stream never ends, and its events must leave as they come
  const body = Readable.fromWeb(response.body as import('node:stream/web').ReadableStream);
  res.once('close', () => body.destroy());
  body.on('error', () => res.destroy());
  body.pipe(res);
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', 'x-content-type-options': 'nosniff' } });

export interface ApiServerOptions {
  db: Db;
  config: ApiConfig;
  now?: () => Date;
}

/**
 * The API host: tRPC under /api/trpc, REST under /api/v1 (with /api/openapi.json and /api/docs), GraphQL at
 * /api/graphql, photos under /photos/, a health check. Bodies are capped while they stream in,
 * and no error reaches a client as a stack trace.
 */
/** gzip or brotli for JSON bodies above a kilobyte, as the client accepts; photos are already compressed. */
const compress = compression({ threshold: 1024, filter: compressible });

export function createApiServer(options: ApiServerOptions): Server {
  const extraHeaders = securityHeaders(options.config);
  // a client that accepts no encoding (most tools) gets its answer without passing through the compressor
  return createServer((req, res) => (req.headers['accept-encoding'] ? compress(req as never, res as never, () => void handle(req, res)) : void handle(req, res)));

  async function handle(req: IncomingMessage, res: ServerResponse) {
    for (const [name, value] of Object.entries(extraHeaders)) res.setHeader(name, value);
    const clientAddress = clientAddressFrom(req.headers['x-forwarded-for'], req.socket.remoteAddress ?? 'unknown', options.config.trustedProxies);
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? 'localhost'}`);
      let response: Response;
      if (url.pathname.startsWith('/api/')) {
        if (await answerQueryDirectly(options, req, res, url, clientAddress)) return;
        const body = await readBody(req, MAX_REQUEST_BODY_BYTES);
        const headers = new Headers();
        for (const [key, value] of Object.entries(req.headers)) {
          if (typeof value === 'string') headers.set(key, value);
          else if (Array.isArray(value)) for (const v of value) headers.append(key, v);
        }
        const request = new Request(url, { method: req.method, headers, body: body && body.length ? new Uint8Array(body) : undefined });
        response = (await handleApiRequest(options, request, clientAddress)) ?? json(404, { error: 'Not found', api: TRPC_ENDPOINT });
      } else if (url.pathname.startsWith('/photos/') && (req.method === 'GET' || req.method === 'HEAD')) {
        const request = new Request(url, { headers: { cookie: req.headers.cookie ?? '', authorization: req.headers.authorization ?? '' } });
        response = await handlePhoto(options, request, url.pathname.slice('/photos/'.length));
      } else if (url.pathname === '/healthz') {
        response = json(200, { ok: true, worker: workerIndex() });
      } else {
        response = json(404, { error: 'Not found', api: TRPC_ENDPOINT });
      }
      await send(res, response);
    } catch (error) {
      if (error instanceof BodyTooLarge) {
        await answerPayloadTooLarge(req, res);
        return;
      }
      logError('http.error', error);
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ error: 'Something went wrong on our side' }));
    }
  }
}

export function listen(server: Server, port: number, host = '127.0.0.1'): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const { port: actual } = server.address() as AddressInfo;
      resolve(`http://${host === '0.0.0.0' ? 'localhost' : host}:${actual}`);
    });
  });
}
