import { existsSync } from 'node:fs';
import { createServer, type IncomingMessage, type RequestListener, type ServerResponse } from 'node:http';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { trustedProxiesFromEnv } from '@carparts/api';
import { MAX_REQUEST_BODY_BYTES } from '@carparts/api/http';
import { answerPayloadTooLarge, declaresOversizeBody } from '@carparts/api/node-http';
import { closeDb, databaseUrlFromEnv, openDb, type Db } from '@carparts/db';
import compression from 'compression';
import { serveClustered } from './cluster.ts';

/**
 * Serves a built adapter-node handler on localhost (127.0.0.1 and ::1, or `HOST`). This server speaks plain http,
 * and says so to adapter-node on every request (overwriting whatever a client sent), so SvelteKit's origin check
 * compares like with like; behind a TLS proxy set ORIGIN instead.
 */
const PROTOCOL_HEADER = 'x-carparts-protocol';

/**
 * adapter-node reads its settings from the environment when the handler is imported: call this first. With
 * `TRUST_PROXY=N` it takes the client's address from the N-th `X-Forwarded-For` entry from the right, the one our own
 * nearest proxy wrote, never the left-most one a client can write.
 */
export function prepareAdapterEnv() {
  if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;
  process.env.BODY_SIZE_LIMIT ||= String(MAX_REQUEST_BODY_BYTES);
  const proxies = trustedProxiesFromEnv();
  if (proxies > 0) {
    process.env.ADDRESS_HEADER = 'x-forwarded-for';
    process.env.XFF_DEPTH = String(proxies);
  }
}

/**
 * What the compression middleware may compress: what it would by default, except live streams, whose events a
 * compressor would hold back until its buffer fills.
 */
export function compressible(req: IncomingMessage, res: ServerResponse): boolean {
  if (String(res.getHeader('content-type') ?? '').startsWith('text/event-stream')) return false;
  return compression.filter(req as never, res as never);
}

/** gzip or brotli, as the client accepts, for HTML, JSON, JS and CSS; images are already compressed. */
const compress = compression({ threshold: 1024, filter: compressible });

export async function serveOnLocalhost(app: RequestListener, port: number): Promise<void> {
  const handler: RequestListener = (req, res) => {
    if (!process.env.ORIGIN) req.headers[PROTOCOL_HEADER] = 'http';
    // SvelteKit refuses a multipart POST without our Origin as cross-site form submission, a defence for cookies.
    // A Bearer-authenticated API call (a tool uploading a photo) carries no cookie a browser would add on its own.
    // A mail program's one-click unsubscribe (RFC 8058) posts a form with no Origin; the link's token is its authority.
    const bearerApiCall = req.url?.startsWith('/api/') && /^bearer /i.test(req.headers.authorization ?? '');
    const oneClickUnsubscribe = req.method === 'POST' && /^\/unsubscribe(\?|$)/.test(req.url ?? '');
    if (!req.headers.origin && (bearerApiCall || oneClickUnsubscribe)) {
      req.headers.origin = process.env.ORIGIN ?? `http://${req.headers.host}`;
    }
    // adapter-node refuses a declared over-size body without reading it, which a client still sending sees as a reset
    if (declaresOversizeBody(req)) return void answerPayloadTooLarge(req, res);
    compress(req as never, res as never, () => app(req, res));
  };
  const hosts = process.env.HOST ? [process.env.HOST] : ['127.0.0.1', '::1'];
  const listening = await Promise.all(
    hosts.map(
      (host) =>
        new Promise<boolean>((done, fail) => {
          const server = createServer(handler);
          server.once('error', (error: NodeJS.ErrnoException) => {
            if (hosts.length > 1 && (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT')) done(false);
            else fail(error);
          });
          server.listen(port, host, () => done(true));
          for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
        }),
    ),
  );
  if (!listening.includes(true)) throw new Error(`Could not listen on port ${port}`);
}

/**
 * Starts a built SvelteKit app: makes the workspace packages' file-relative defaults explicit (the build bundles them),
 * migrates the database, lets the app prepare it (the storefront loads demo data into an empty one), then serves
 * `build/handler.js` of `appDir` on localhost from one process per core (see {@link serveClustered}).
 */
export async function startBuiltApp(options: {
  appDir: string;
  name: string;
  port: number;
  prepare?: (db: Db) => Promise<void>;
}): Promise<void> {
  const root = resolve(options.appDir, '../..');
  process.env.DATABASE_URL ||= databaseUrlFromEnv();
  process.env.PHOTO_DIR ||= resolve(root, 'data/photos');
  process.env.MAIL_DIR ||= resolve(root, 'data/mail');
  prepareAdapterEnv();

  const built = resolve(options.appDir, 'build/handler.js');
  if (!existsSync(built)) throw new Error(`The ${options.name} is not built: run \`pnpm build:apps\` (pnpm start does it for you)`);

  await serveClustered({
    name: options.name,
    async prepare() {
      const db = await openDb(process.env.DATABASE_URL);
      try {
        await options.prepare?.(db);
      } finally {
        closeDb(db);
      }
    },
    async serve() {
      const { handler } = (await import(pathToFileURL(built).href)) as { handler: RequestListener };
      await serveOnLocalhost(handler, options.port);
    },
  });
}
