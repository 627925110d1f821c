import { garageVehicles, readerOf, type Db, type DbOrTx } from '@carparts/db';
import { DomainError, canonicalMake, makeKey, modelKey, type AddGarageVehicleInput, type BuyerVehicle, type UpdateGarageVehicleInput, type VehicleInput } from '@carparts/domain';
import { and, asc, desc, eq, ne, sql } from 'drizzle-orm';
import { locationColumns, locationOf, resolveLocation } from './places.ts';
import { prepared } from './prepared.ts';

/** A person's vehicles: at most this many, one of them active. */
export const GARAGE_SIZE = 10;

type GarageRow = typeof garageVehicles.$inferSelect;

export function garageVehicleView(v: GarageRow) {
  return {
    id: v.id,
    name: v.name,
    make: v.make,
    model: v.model,
    year: v.year,
    engine: v.engine,
    vinLast8: v.vinLast8,
    active: v.active,
    /** Where the vehicle is (town level), when its owner said; null: wherever its owner is. */
    location: locationOf(v),
    createdAt: v.createdAt,
  };
}
export type GarageVehicle = ReturnType<typeof garageVehicleView>;

/** The vehicle in the shape the fit rule takes. */
export const asBuyerVehicle = (v: Pick<GarageRow, 'make' | 'model' | 'year' | 'vinLast8'>): BuyerVehicle => ({
  vehicleMake: v.make,
  vehicleModel: v.model,
  vehicleYear: v.year,
  vinLast8: v.vinLast8,
});

export async function garageOf(db: DbOrTx, userId: string) {
  const rows = await db.select().from(garageVehicles).where(eq(garageVehicles.userId, userId)).orderBy(desc(garageVehicles.active), asc(garageVehicles.createdAt));
  return rows.map(garageVehicleView);
}

export async function activeGarageVehicle(db: DbOrTx, userId: string): Promise<GarageRow | null> {
  const reader = readerOf(db);
  const row = await prepared(reader, 'active-garage-vehicle', () =>
    reader
      .select()
      .from(garageVehicles)
      .where(and(eq(garageVehicles.userId, sql.placeholder('userId')), eq(garageVehicles.active, true))),
  ).get({ userId });
  return row ?? null;
}

async function ownVehicle(db: DbOrTx, userId: string, id: string): Promise<GarageRow> {
  const [row] = await db.select().from(garageVehicles).where(and(eq(garageVehicles.id, id), eq(garageVehicles.userId, userId)));
  // someone else's vehicle is as unknown as one that does not exist
  if (!row) throw new DomainError('NOT_FOUND', 'Vehicle not found in your garage');
  return row;
}

async function makeActive(tx: DbOrTx, userId: string, id: string | null, now: Date) {
  await tx.update(garageVehicles).set({ active: false, updatedAt: now }).where(and(eq(garageVehicles.userId, userId), eq(garageVehicles.active, true)));
  if (id) await tx.update(garageVehicles).set({ active: true, updatedAt: now }).where(and(eq(garageVehicles.id, id), eq(garageVehicles.userId, userId)));
}

/** Adds a vehicle; the first one, or one added with nothing active, becomes the active vehicle. */
export async function addGarageVehicle(db: Db, userId: string, input: AddGarageVehicleInput, now: Date, activate = false) {
  const location = input.location ? await resolveLocation(input.location) : null;
  return db.transaction(async (tx) => {
    const owned = await tx.select({ active: garageVehicles.active }).from(garageVehicles).where(eq(garageVehicles.userId, userId));
    if (owned.length >= GARAGE_SIZE) throw new DomainError('PRECONDITION_FAILED', `Your garage holds at most ${GARAGE_SIZE} vehicles: remove one first`);
    const hasActive = owned.some((v) => v.active);
    const [row] = await tx
      .insert(garageVehicles)
      .values({
        userId,
        name: input.name,
        make: input.make,
        model: input.model,
        year: input.year,
        engine: input.engine ?? null,
        vinLast8: input.vinLast8 ?? null,
        ...locationColumns(location),
        active: false,
        createdAt: now,
        updatedAt: now,
      })
      .returning();
    if (activate || !hasActive) await makeActive(tx, userId, row!.id, now);
    return garageVehicleView(await ownVehicle(tx, userId, row!.id));
  });
}

export async function updateGarageVehicle(db: Db, userId: string, input: UpdateGarageVehicleInput, now: Date) {
  const { id, location, ...changes } = input;
  // null moves the vehicle back to wherever its owner is
  const located = location === undefined ? {} : locationColumns(location ? await resolveLocation(location) : null);
  return db.transaction(async (tx) => {
    await ownVehicle(tx, userId, id);
    const set = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
    await tx.update(garageVehicles).set({ ...set, ...located, updatedAt: now }).where(and(eq(garageVehicles.id, id), eq(garageVehicles.userId, userId)));
    return garageVehicleView(await ownVehicle(tx, userId, id));
  });
}

/** Removes a vehicle; when it was the active one, the most recently added of the others takes its place. */
export async function removeGarageVehicle(db: Db, userId: string, id: string, now: Date) {
  return db.transaction(async (tx) => {
    const row = await ownVehicle(tx, userId, id);
    await tx.delete(garageVehicles).where(eq(garageVehicles.id, id));
    if (row.active) {
      const [next] = await tx
        .select({ id: garageVehicles.id })
        .from(garageVehicles)
        .where(and(eq(garageVehicles.userId, userId), ne(garageVehicles.id, id)))
        .orderBy(desc(garageVehicles.createdAt))
        .limit(1);
      if (next) await makeActive(tx, userId, next.id, now);
    }
    return { removed: id };
  });
}

export async function setActiveGarageVehicle(db: Db, userId: string, id: string, now: Date) {
  return db.transaction(async (tx) => {
    await ownVehicle(tx, userId, id);
    await makeActive(tx, userId, id, now);
    return garageVehicleView(await ownVehicle(tx, userId, id));
  });
}

/**
 * "My vehicle" in one call, as the account's single vehicle was set before the garage: the garage's vehicle of that
 * make, model and year becomes active (its VIN updated), or a new one is added; null leaves no vehicle active.
 */
export async function setMyVehicle(db: Db, userId: string, vehicle: VehicleInput | null, now: Date) {
  if (!vehicle) {
    await db.transaction((tx) => makeActive(tx, userId, null, now));
    return null;
  }
  const garage = await garageOf(db, userId);
  const same = garage.find((v) => makeKey(v.make) === makeKey(vehicle.vehicleMake) && modelKey(v.model) === modelKey(vehicle.vehicleModel) && v.year === vehicle.vehicleYear);
  if (same) {
    await updateGarageVehicle(db, userId, { id: same.id, vinLast8: vehicle.vinLast8 ?? same.vinLast8 }, now);
    return setActiveGarageVehicle(db, userId, same.id, now);
  }
  const name = `${vehicle.vehicleYear} ${canonicalMake(vehicle.vehicleMake)} ${vehicle.vehicleModel}`.slice(0, 40);
  return addGarageVehicle(db, userId, { name, make: vehicle.vehicleMake, model: vehicle.vehicleModel, year: vehicle.vehicleYear, vinLast8: vehicle.vinLast8 }, now, true);
}
