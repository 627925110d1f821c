import type { Client, InStatement, Transaction, TransactionMode } from '@libsql/client';
import { E_TIMEOUT, Mutex, withTimeout, type MutexInterface } from 'async-mutex';

/** How long a writer waits for the process's write turn before giving up with a clear error. */
const WRITE_TURN_TIMEOUT_MS = 15_000;

const locks = new Map<string, MutexInterface>();

const READ_ONLY = /^\s*(select|explain)\b/i;
const PRAGMA_READ = /^\s*pragma\s+[\w.]+\s*;?\s*$/i;
const sqlOf = (stmt: InStatement) => (typeof stmt === 'string' ? stmt : stmt.sql);
const isRead = (stmt: InStatement) => READ_ONLY.test(sqlOf(stmt)) || PRAGMA_READ.test(sqlOf(stmt));

async function turn(lock: MutexInterface) {
  try {
    return await lock.acquire();
  } catch (error) {
    if (error === E_TIMEOUT) throw new Error('Timed out waiting for a database write turn', { cause: error });
    throw error;
  }
}

/**
 * The embedded libSQL driver runs statements synchronously on the event loop. If one request holds a write transaction
 * open across an `await` while another request's write waits on SQLite's busy timeout, the wait blocks the very event
 * loop the first request needs to commit: both stall until SQLITE_BUSY. So writers inside one process take turns
 * here, asynchronously; readers never wait (WAL lets them read beside the writer), and other processes are still
 * kept apart by SQLite's own lock and busy timeout.
 */
export function serializeWrites(client: Client, key: string): Client {
  let lock = locks.get(key);
  if (!lock) locks.set(key, (lock = withTimeout(new Mutex(), WRITE_TURN_TIMEOUT_MS)));
  const writeLock = lock;

  const guarded = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await turn(writeLock);
    try {
      return await run();
    } finally {
      release();
    }
  };

  return new Proxy(client, {
    get(target, prop, receiver) {
      switch (prop) {
        case 'execute':
          return (stmt: InStatement, args?: never) =>
            isRead(stmt) ? target.execute(stmt as never, args) : guarded(() => target.execute(stmt as never, args));
        case 'batch':
          return (stmts: InStatement[], mode?: TransactionMode) =>
            stmts.every(isRead) ? target.batch(stmts, mode) : guarded(() => target.batch(stmts, mode));
        case 'migrate':
          return (stmts: InStatement[]) => guarded(() => target.migrate(stmts));
        case 'executeMultiple':
          return (sql: string) => guarded(() => target.executeMultiple(sql));
        case 'transaction':
          return async (mode?: TransactionMode): Promise<Transaction> => {
            if (mode === 'read') return target.transaction(mode);
            const release = await turn(writeLock);
            let tx: Transaction;
            try {
              tx = await target.transaction(mode);
            } catch (error) {
              release();
              throw error;
            }
            let released = false;
            const done = () => {
              if (!released) {
                released = true;
                release();
              }
            };
            return new Proxy(tx, {
              get(txTarget, txProp) {
                const value = Reflect.get(txTarget, txProp, txTarget);
                if (txProp === 'commit' || txProp === 'rollback') {
                  return async () => {
                    try {
                      return await (value as () => Promise<void>).call(txTarget);
                    } finally {
                      done();
                    }
                  };
                }
                if (txProp === 'close') {
                  return () => {
                    try {
                      (value as () => void).call(txTarget);
                    } finally {
                      done();
                    }
                  };
                }
                return typeof value === 'function' ? value.bind(txTarget) : value;
              },
            });
          };
        default: {
          const value = Reflect.get(target, prop, receiver);
          return typeof value === 'function' ? value.bind(target) : value;
        }
      }
    },
  });
}
