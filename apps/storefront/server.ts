/**
 * `pnpm start`: migrate the database, load the demo data when it is empty, then serve the built storefront (with the
 * API under /api/trpc and the photos under /photos/) on http://localhost:3000 — PORT overrides the port.
 */
import type { RequestListener } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { databaseUrlFromEnv, openDb } from '@carparts/db';
import { prepareAdapterEnv, serveOnLocalhost } from '@carparts/kit/serve';
import { demoAccounts, isEmpty, printAccounts, seedDemoData } from '@carparts/seed';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');
// the built app bundles the workspace packages, so their file-relative defaults must be made explicit here
process.env.DATABASE_URL ||= databaseUrlFromEnv();
process.env.PHOTO_DIR ||= resolve(root, 'data/photos');
prepareAdapterEnv();

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
const { handler } = (await import(pathToFileURL(built).href)) as { handler: RequestListener };
await serveOnLocalhost(handler, Number(process.env.PORT || 3000));
if (accounts.length) printAccounts(accounts);
console.log(`Car Parts Marketplace storefront on http://localhost:${process.env.PORT || 3000}`);
