/**
 * `pnpm start`: migrate the database, load the demo data when it is empty, then serve the built storefront (with the
 * API under /api/trpc and the photos under /photos/) on http://localhost:3000 — PORT overrides the port.
 */
import { createServer, type RequestListener } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { databaseUrlFromEnv, openDb } from '@carparts/db';
import { demoAccounts, isEmpty, printAccounts, seedDemoData } from '@carparts/seed';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');
// the built app bundles the workspace packages, so their file-relative defaults must be made explicit here
process.env.DATABASE_URL ||= databaseUrlFromEnv();
process.env.PHOTO_DIR ||= resolve(root, 'data/photos');
process.env.BODY_SIZE_LIMIT ||= String(9 * 1024 * 1024);
// adapter-node assumes https unless told otherwise; this server speaks plain http, so it says so on every request
// (overwriting whatever a client sent). Behind a TLS proxy set ORIGIN instead.
const PROTOCOL_HEADER = 'x-carparts-protocol';
if (!process.env.ORIGIN) process.env.PROTOCOL_HEADER = PROTOCOL_HEADER;

const db = await openDb(process.env.DATABASE_URL);
if (await isEmpty(db)) {
  console.log('Empty database: loading demo data…');
  const result = await seedDemoData(db, { photoDir: process.env.PHOTO_DIR });
  console.log(`Loaded ${result.listings} listings with ${result.photos} photos.`);
}
const accounts = await demoAccounts(db);
db.$client.close();

const built = resolve(here, 'build/handler.js');
if (!existsSync(built)) throw new Error('The storefront is not built: run `pnpm --filter @carparts/storefront build` (pnpm start does it for you)');
const { handler: app } = (await import(pathToFileURL(built).href)) as { handler: RequestListener };
const handler: RequestListener = (req, res) => {
  req.headers[PROTOCOL_HEADER] = 'http';
  app(req, res);
};

const port = Number(process.env.PORT || 3000);
const hosts = process.env.HOST ? [process.env.HOST] : ['127.0.0.1', '::1'];
const listening = await Promise.all(
  hosts.map(
    (host) =>
      new Promise<boolean>((done) => {
        const server = createServer(handler);
        server.once('error', (error: NodeJS.ErrnoException) => {
          if (hosts.length > 1 && (error.code === 'EADDRNOTAVAIL' || error.code === 'EAFNOSUPPORT')) done(false);
          else throw error;
        });
        server.listen(port, host, () => done(true));
        for (const signal of ['SIGINT', 'SIGTERM'] as const) process.once(signal, () => server.close(() => process.exit(0)));
      }),
  ),
);
if (!listening.includes(true)) throw new Error(`Could not listen on port ${port}`);
if (accounts.length) printAccounts(accounts);
console.log(`Car Parts Marketplace storefront on http://localhost:${port}`);
