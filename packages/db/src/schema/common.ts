import { integer, real, text } from 'drizzle-orm/sqlite-core';
import { newId } from '../ids.ts';

/** The three columns every row has: a random string id and millisecond timestamps. */
export const rowIdentity = {
  id: text('id').primaryKey().$defaultFn(newId),
  createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
  updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull().$defaultFn(() => new Date()),
};

export const timestamp = (name: string) => integer(name, { mode: 'timestamp_ms' });

/** Where a person or a listing is: a gazetteer place (GeoNames id) with its town, country and coordinates copied; all null when not given. */
export const placeColumns = () => ({
  placeId: integer('place_id'),
  city: text('city'),
  country: text('country'),
  postalCode: text('postal_code'),
  lat: real('lat'),
  lon: real('lon'),
});
