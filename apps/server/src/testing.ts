import type { Server } from 'node:http';
import { join } from 'node:path';
import { createTestDb, type TestDb } from '@carparts/db/testing';
import { createApiServer, listen } from './server.ts';

export interface TestApiHost {
  t: TestDb;
  base: string;
  close(): Promise<void>;
}

/** The API host on a fresh migrated temp-file database and a free port, as tests and example scripts run it. */
export async function startTestApiHost(): Promise<TestApiHost> {
  const t = await createTestDb();
  const server: Server = createApiServer({ db: t.db, config: { reservationTtlMs: 3_600_000, photoDir: join(t.dir, 'photos'), allowedOrigins: [], secureCookies: false, trustedProxies: 0 } });
  const base = await listen(server, 0);
  return {
    t,
    base,
    async close() {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
      t.close();
    },
  };
}
