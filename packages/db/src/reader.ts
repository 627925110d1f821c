import { fileURLToPath } from 'node:url';
import Database from 'libsql';
import { drizzle } from 'drizzle-orm/sqlite-proxy';
import type { LibSQLDatabase } from 'drizzle-orm/libsql';
import type { Schema } from './client.ts';

/**
 * What a read-only query needs of a database: Drizzle's select builders. A {@link Db} or a transaction is one; so is
 * the embedded database's {@link openStatementReader statement reader}.
 */
export type ReadDb = Pick<LibSQLDatabase<Schema>, 'select' | 'selectDistinct'>;

/** Distinct statements kept prepared per connection; the search builds a few dozen shapes, the rest are rare. */
const MAX_PREPARED_STATEMENTS = 500;

type Statement = Database.Statement;

export type StatementObserver = (sql: string, params: unknown[]) => void;

export interface StatementReader {
  db: ReadDb;
  /** Sees every statement the reader runs, with its values (benchmarks replay them on a bare connection). */
  observe(observer: StatementObserver | undefined): void;
  /**
   * SQLite's `data_version` on the reader's connection: it changes whenever another connection (another process, or
   * this process's writer) commits, and only then.
   */
  dataVersion(): number;
  close(): void;
}

/**
 * A second connection to an embedded database for reads, with each distinct statement prepared once and reused.
 * `@libsql/client` prepares every statement again on every call and builds each row as an object with
 * property descriptors; on a search page that cost several times the query itself. Reads here are synchronous
 * like the client's own embedded reads, and WAL lets them run beside a writer on the main connection, seeing every
 * committed write. The connection refuses anything but reads: writes and transactions stay on the main client, where
 * the process's writers take turns.
 */
export function openStatementReader(fileUrl: string, schema: Schema): StatementReader {
  const connection = new Database(fileURLToPath(fileUrl));
  connection.exec('PRAGMA busy_timeout = 5000');
  connection.exec('PRAGMA mmap_size = 268435456');
  connection.exec('PRAGMA cache_size = -32768');
  connection.exec('PRAGMA query_only = 1');
  const statements = new Map<string, Statement>();
  let observer: StatementObserver | undefined;
  const dataVersion = connection.prepare('PRAGMA data_version').raw(true);

  const prepared = (sql: string): Statement => {
    let stmt = statements.get(sql);
    if (stmt) {
      // most recently used last, so the first entry is the one to evict
      statements.delete(sql);
    } else {
      stmt = connection.prepare(sql);
      if (!stmt.reader) throw new Error('The statement reader runs queries that return rows only');
      // rows as arrays, which is what Drizzle maps; set once, the switch is a native call
      stmt.raw(true);
      if (statements.size >= MAX_PREPARED_STATEMENTS) statements.delete(statements.keys().next().value!);
    }
    statements.set(sql, stmt);
    return stmt;
  };

  const db = drizzle(
    async (sql, params, method) => {
      observer?.(sql, params);
      const stmt = prepared(sql);
      if (method === 'get') return { rows: stmt.get(...params) as unknown[] };
      return { rows: stmt.all(...params) as unknown[] };
    },
    { schema },
  );
  return {
    db: db as unknown as ReadDb,
    observe: (next) => {
      observer = next;
    },
    dataVersion: () => (dataVersion.get() as [number])[0],
    close: () => {
      statements.clear();
      connection.close();
    },
  };
}
