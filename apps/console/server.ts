/**
 * The operator console's server: serves the built console on http://localhost:3001 (CONSOLE_PORT overrides it), on
 * the same database as the storefront. It migrates but never seeds; `pnpm start` migrates before starting both apps.
 */
import type { RequestListener } from 'node:http';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { databaseUrlFromEnv, openDb } from '@carparts/db';
import { prepareAdapterEnv, serveOnLocalhost } from '@carparts/kit/serve';

const here = fileURLToPath(new URL('.', import.meta.url));
const root = resolve(here, '../..');
process.env.DATABASE_URL ||= databaseUrlFromEnv();
process.env.PHOTO_DIR ||= resolve(root, 'data/photos');
prepareAdapterEnv();

const db = await openDb(process.env.DATABASE_URL);
db.$client.close();

const built = resolve(here, 'build/handler.js');
if (!existsSync(built)) throw new Error('The console is not built: run `pnpm --filter @carparts/console build` (pnpm start does it for you)');
const { handler } = (await import(pathToFileURL(built).href)) as { handler: RequestListener };
const port = Number(process.env.CONSOLE_PORT || 3001);
await serveOnLocalhost(handler, port);
console.log(`Car Parts Marketplace operator console on http://localhost:${port} (first operator: pnpm create-operator)`);
