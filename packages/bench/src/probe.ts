import { openDb } from '@carparts/db';
import { createCaller, noCookies } from '@carparts/api';
const db = await openDb('file:/work/main/data/bench-1000000.db');
const t = async (name: string, f: () => Promise<unknown>, n = 100) => { for (let i=0;i<10;i++) await f(); const times: number[] = []; for (let i = 0; i < n; i++) { const s = performance.now(); await f(); times.push(performance.now() - s); } times.sort((a,b)=>a-b); console.log(name.padEnd(40), 'p50', times[n/2|0]!.toFixed(2), 'p99', times[Math.floor(n*0.99)]!.toFixed(2)); };
const x = (sql: string) => () => db.$client.execute(sql);
const ids = (await db.$client.execute("select id from part_listings where status='active' order by random() limit 200")).rows.map(r => String(r.id));
let i = 0;
const api = createCaller({ db, config: { reservationTtlMs: 1, photoDir: '/tmp', allowedOrigins: [], secureCookies: false, facetCacheMs: 0 }, user: null, session: null, cookies: noCookies, now: () => new Date(), meta: { transport: 'internal', authVia: null, origin: null, requestOrigin: null, clientAddress: 'x', requestId: 'x' } });
const run = async () => {
  await t('counts vehicle', x("select part_category, count(*) from part_listings where status='active' and make_key='toyota' and model_key='corolla' and (vehicle_year=2010 or vehicle_year is null) group by part_category"));
  await t('get by id', () => api.listings.get({ id: ids[i++ % ids.length]! }));
  await t('search vehicle', () => api.listings.search({ make: 'Honda', model: 'Civic', year: 2008, sort: 'price_asc', withCounts: false }));
};
await run();
console.log((await db.$client.execute('pragma cache_size')).rows, (await db.$client.execute('pragma mmap_size')).rows);
await db.$client.execute('pragma cache_size=-65536');
await db.$client.execute('pragma mmap_size=1073741824');
console.log('--- with cache 64MiB + mmap 1GiB');
await run();
