import { getTableName, sql, type AnyColumn, type SQL, type Table } from 'drizzle-orm';

type AnyTable = Table;

/** A row of `columns` as Drizzle would map it: each column's own type, null where the column allows it. */
export type JsonRow<T extends Record<string, AnyColumn>> = { [K in keyof T]: T[K]['_']['notNull'] extends true ? T[K]['_']['data'] : T[K]['_']['data'] | null };

/**
 * The rows of a subquery as one JSON value of its parent statement, and how to read them back as typed rows: a page
 * that needs a listing's photos and part numbers reads them in the listing's own statement instead of one statement
 * each. `from` and `where` may refer to the parent statement's columns. Values come back through each column's own
 * mapping (timestamps as dates, 0/1 as booleans), as a select of those columns would give them.
 */
export function jsonRows<T extends Record<string, AnyColumn>>(columns: T, { from, where, orderBy }: { from: SQL | AnyTable; where: SQL; orderBy: SQL }) {
  const names = Object.keys(columns);
  const list = Object.values(columns);
  return {
    sql: sql<string>`(SELECT json_group_array(json_array(${sql.join(list, sql`, `)}) ORDER BY ${orderBy}) FROM ${from} WHERE ${where})`,
    decode(text: string | null): JsonRow<T>[] {
      const tuples = JSON.parse(text ?? '[]') as unknown[][];
      return tuples.map((tuple) => {
        const row: Record<string, unknown> = {};
        for (let i = 0; i < names.length; i++) row[names[i]!] = tuple[i] === null ? null : list[i]!.mapFromDriverValue(tuple[i]);
        return row as JsonRow<T>;
      });
    },
  };
}

/**
 * A column named with its table. Drizzle names a column bare in some places (a select list over a FROM clause of its
 * own, a fragment of a single-table statement), where a correlated subquery's bare name would mean its own table's column.
 */
export const qualified = (column: AnyColumn) => sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
