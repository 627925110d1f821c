import { index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { sql } from 'drizzle-orm';
import { placeColumns, rowIdentity } from './common.ts';
import { users } from './users.ts';

/** A signed-in person's vehicles (at most ten), one of them active: the vehicle every card's fit badge is for. */
export const garageVehicles = sqliteTable(
  'garage_vehicles',
  {
    ...rowIdentity,
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    make: text('make').notNull(),
    model: text('model').notNull(),
    year: integer('year').notNull(),
    engine: text('engine'),
    vinLast8: text('vin_last8'),
    active: integer('active', { mode: 'boolean' }).notNull().default(false),
    /** Where the vehicle is (a gazetteer town), when it is not where its owner lives: searches may measure from it. */
    ...placeColumns(),
  },
  (t) => [index('garage_user_idx').on(t.userId, t.createdAt), uniqueIndex('garage_one_active_per_user').on(t.userId).where(sql`${t.active} = 1`)],
);
