import { parseArgs } from 'node:util';
import { configFromEnv } from '@carparts/api';
import { closeDb, databaseUrlFromEnv, openDb } from '@carparts/db';
import { isEmpty, seedDemoData } from './demo.ts';
import { printAccounts } from './print.ts';
import { seedSyntheticCatalogue } from './synthetic.ts';

const { values } = parseArgs({
  args: process.argv.slice(2).filter((a) => a !== '--'),
  options: {
    listings: { type: 'string' },
    seed: { type: 'string', default: '1' },
    demo: { type: 'boolean', default: false },
  },
});

const db = await openDb(databaseUrlFromEnv());
const seed = Number(values.seed);
if (values.demo || !values.listings) {
  if (!(await isEmpty(db))) {
    console.log('The database already has accounts; demo data not loaded again.');
  } else {
    const result = await seedDemoData(db, { photoDir: configFromEnv().photoDir, seed });
    console.log(`Loaded ${result.listings} demo listings with ${result.photos} photos.`);
    printAccounts(result.accounts);
  }
}
if (values.listings) {
  const count = Number(values.listings.replace(/_/g, ''));
  if (!Number.isInteger(count) || count <= 0) throw new Error('--listings takes a positive whole number');
  const started = performance.now();
  const result = await seedSyntheticCatalogue(db, {
    count,
    seed,
    onProgress: (done) => process.stdout.write(`\r${done.toLocaleString('en-US')} / ${count.toLocaleString('en-US')} listings`),
  });
  await db.$client.execute('ANALYZE');
  console.log(`\nSeeded ${result.listings.toLocaleString('en-US')} listings from ${result.sellers} sellers in ${((performance.now() - started) / 1000).toFixed(1)} s.`);
}
closeDb(db);
