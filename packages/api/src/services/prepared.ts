import { sql, type Placeholder } from 'drizzle-orm';

/** Queries prepared per database connection, by the shape of their SQL; a search builds a few dozen shapes. */
const MAX_SHAPES = 500;
const byConnection = new WeakMap<object, Map<string, unknown>>();

/**
 * The values of a query built with placeholders, and a key that says which placeholders it has. Two queries built
 * from the same flags with the same placeholder names are the same SQL, so the key picks the prepared statement.
 */
export class QueryValues {
  readonly values: Record<string, unknown> = {};
  private readonly flags: string[] = [];

  /** A placeholder for `value`, bound when the query runs. */
  bind(name: string, value: unknown): Placeholder {
    this.values[name] = value;
    return sql.placeholder(name);
  }

  /** Something about the query's shape that is not a placeholder (a sort, an alternative of a condition). */
  flag(name: string): void {
    this.flags.push(name);
  }

  key(kind: string): string {
    return `${kind}|${this.flags.join(',')}|${Object.keys(this.values).join(',')}`;
  }
}

/**
 * Runs a query whose SQL is built once per shape: Drizzle turns a builder into SQL in about as much time as SQLite
 * takes to answer a page of search results, so hot queries keep that work per shape, not per request. `build` must
 * give the same SQL for the same key; values go in as placeholders.
 */
export function prepared<P>(db: object, key: string, build: () => { prepare(): P }): P {
  let queries = byConnection.get(db);
  if (!queries) byConnection.set(db, (queries = new Map()));
  let query = queries.get(key) as P | undefined;
  if (!query) {
    query = build().prepare();
    if (queries.size >= MAX_SHAPES) queries.delete(queries.keys().next().value!);
    queries.set(key, query);
  }
  return query;
}
