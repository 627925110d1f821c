import { pathToFileURL } from 'node:url';
import { createCaller, noCookies, type ApiContext, largestPlaces } from '@carparts/api';
import { observeReads, openDb } from '@carparts/db';
import { PART_CATEGORY_CODES } from '@carparts/domain';
import { rng, VEHICLES } from '@carparts/seed';
import Database from 'libsql';

const file = '/work/main/data/bench-1000000.db';
const db = await openDb(pathToFileURL(file).href);
const ctx: ApiContext = { db, config: { reservationTtlMs: 3_600_000, photoDir: '/tmp/x', allowedOrigins: [], secureCookies: false, trustedProxies: 0 }, user: null, session: null, cookies: noCookies, now: () => new Date(), meta: { transport: 'internal', authVia: null, origin: null, requestOrigin: null, clientAddress: '127.0.0.1', requestId: 'bench' } } as any;
const api = createCaller(ctx);
const r = rng(7);
const towns = await largestPlaces(1_500, ['US', 'CA', 'MX', 'GB', 'IE', 'DE', 'FR', 'IT', 'ES', 'PT', 'NL', 'BE', 'PL', 'AT', 'CH', 'SE', 'DK', 'CZ']);
const queries: Record<string, () => any> = {
  'within 50': () => ({ nearPlaceId: r.pick(towns).placeId, withinKm: 50, sort: 'newest' as const }),
  'nearest 100': () => ({ nearPlaceId: r.pick(towns).placeId, withinKm: 100, sort: 'distance' as const }),
  'mm 250': () => { const v = r.pick(VEHICLES); return { make: v.make, model: v.model, nearPlaceId: r.pick(towns).placeId, withinKm: 250, sort: 'price_asc' as const }; },
};
const only = process.argv[2];
const bare = new Database(file);
bare.exec('PRAGMA mmap_size = 268435456');
bare.exec('PRAGMA cache_size = -32768');
const st = new Map<string, any>();
for (const [name, make] of Object.entries(queries)) {
  if (only && !name.includes(only)) continue;
  for (const withCounts of [false, true]) {
    const runs: { ms: number; input: any; stmts: { sql: string; ms: number; n: number }[] }[] = [];
    for (let i = 0; i < 430; i++) {
      const input = make();
      const statements: { sql: string; params: unknown[] }[] = [];
      observeReads(db, (text, params) => statements.push({ sql: text, params }));
      const t = performance.now();
      await api.listings.search({ ...input, withCounts });
      const ms = performance.now() - t;
      observeReads(db, undefined);
      const stmts = statements.map(({ sql, params }) => { let s = st.get(sql); if (!s) st.set(sql, (s = bare.prepare(sql))); const t0 = performance.now(); const n = s.raw(true).all(...params).length; return { sql, ms: performance.now() - t0, n }; });
      if (i >= 30) runs.push({ ms, input, stmts });
    }
    runs.sort((a, b) => a.ms - b.ms);
    const p = (q: number) => runs[Math.floor(q * runs.length)]!.ms.toFixed(2);
    console.log(`\n== ${name} counts=${withCounts} p50 ${p(0.5)} p90 ${p(0.9)} p99 ${p(0.99)}`);
    for (const run of runs.slice(-5)) {
      console.log(`  ${run.ms.toFixed(1)} ms`, JSON.stringify(run.input), towns.find((t) => t.placeId === run.input.nearPlaceId)?.name);
      for (const s of run.stmts) if (s.ms > 0.5) console.log(`     ${s.ms.toFixed(1)} ms n=${s.n} ${s.sql.slice(0, 400)}`);
    }
  }
}
