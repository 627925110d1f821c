/**
 * `pnpm start`: migrate the database, load the demo data when it is empty, then serve the built storefront (with the
 * API under /api/trpc and the photos under /photos/) on http://localhost:3000 — PORT overrides the port.
 */
import { fileURLToPath } from 'node:url';
import { startBuiltApp } from '@carparts/kit/serve';
import { demoAccounts, isEmpty, printAccounts, seedDemoData, type DemoAccount } from '@carparts/seed';

const port = Number(process.env.PORT || 3000);
let accounts: DemoAccount[] = [];
await startBuiltApp({
  appDir: fileURLToPath(new URL('.', import.meta.url)),
  name: 'storefront',
  port,
  async prepare(db) {
    if (await isEmpty(db)) {
      console.log('Empty database: loading demo data…');
      const result = await seedDemoData(db, { photoDir: process.env.PHOTO_DIR! });
      console.log(`Loaded ${result.listings} listings with ${result.photos} photos.`);
    }
    accounts = await demoAccounts(db);
  },
});
if (accounts.length) printAccounts(accounts);
console.log(`Car Parts Marketplace storefront on http://localhost:${port}`);
