import { configFromEnv, startBackgroundWork, workerIndex } from '@carparts/api';
import { closeDb, configureDb, createDb, databaseUrlFromEnv, openDb } from '@carparts/db';
import { serveClustered } from '@carparts/kit/cluster';
import { isEmpty, printAccounts, seedDemoData } from '@carparts/seed';

import { createApiServer, listen } from './server.ts';

const config = configFromEnv();
const databaseUrl = databaseUrlFromEnv();

await serveClustered({
  name: 'API',
  async prepare() {
    const db = await openDb(databaseUrl);
    try {
      if (await isEmpty(db)) {
        console.log('Empty database: loading demo data…');
        const result = await seedDemoData(db, { photoDir: config.photoDir });
        console.log(`Loaded ${result.listings} listings with ${result.photos} photos.`);
        printAccounts(result.accounts);
      }
    } finally {
      closeDb(db);
    }
  },
  async serve() {
    // migrated by `prepare`, which has run by now in this process or in the primary
    const db = createDb(databaseUrl);
    await configureDb(db);
    const stopBackgroundWork = startBackgroundWork(db);
    const server = createApiServer({ db, config });
    const url = await listen(server, Number(process.env.PORT ?? 3000), process.env.HOST ?? '127.0.0.1');
    if (workerIndex() === 0) console.log(`Car Parts Marketplace API on ${url}/api/trpc (photos under ${url}/photos/)`);
    for (const signal of ['SIGINT', 'SIGTERM'] as const) {
      process.once(signal, () => {
        stopBackgroundWork();
        server.close(() => {
          closeDb(db);
          process.exit(0);
        });
        setTimeout(() => process.exit(0), 5_000).unref();
      });
    }
  },
});
