import { configFromEnv, expireReservations, logError } from '@carparts/api';
import { closeDb, databaseUrlFromEnv, openDb } from '@carparts/db';
import { isEmpty, printAccounts, seedDemoData } from '@carparts/seed';

import { createApiServer, listen } from './server.ts';

const config = configFromEnv();
const databaseUrl = databaseUrlFromEnv();
const db = await openDb(databaseUrl);

if (await isEmpty(db)) {
  console.log('Empty database: loading demo data…');
  const result = await seedDemoData(db, { photoDir: config.photoDir });
  console.log(`Loaded ${result.listings} listings with ${result.photos} photos.`);
  printAccounts(result.accounts);
}

const sweeper = setInterval(() => {
  expireReservations(db, new Date()).catch((error) => logError('reservations.expire', error));
}, 60_000);
sweeper.unref();

const server = createApiServer({ db, config });
const url = await listen(server, Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
console.log(`Car Parts Marketplace API on ${url}/api/trpc (photos under ${url}/photos/)`);

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    clearInterval(sweeper);
    server.close(() => {
      closeDb(db);
      process.exit(0);
    });
    setTimeout(() => process.exit(0), 5_000).unref();
  });
}
