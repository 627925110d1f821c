import type { partListings } from '@carparts/db';
import { CURRENCIES, PART_CATEGORY_CODES, makeKey, modelKey, type Currency } from '@carparts/domain';
import { CONDITION_WEIGHTS, PARTS, VEHICLES, type Rng } from './catalog.ts';

const CURRENCY_WEIGHTS: ReadonlyArray<readonly [Currency, number]> = [
  ['USD', 60],
  ['EUR', 20],
  ['GBP', 10],
  ['CAD', 10],
];

/** One realistic listing: a real vehicle, a part that exists for it, a plausible price and note. */
export function generateListing(r: Rng, sellerId: string, createdAt: Date): typeof partListings.$inferInsert {
  const vehicle = r.pick(VEHICLES);
  const category = r.pick(PART_CATEGORY_CODES);
  const part = PARTS[category];
  const year = r.chance(0.9) ? r.int(vehicle.from, vehicle.to) : null;
  const title = `${r.pick(part.titles).replace('{km}', String(r.int(40, 260) * 1000))} – ${vehicle.make} ${vehicle.model}${year ? ` ${year}` : ''}`;
  const currency = r.weighted(CURRENCY_WEIGHTS);
  // prices cluster toward the cheap end, as used parts do; round to whole currency units
  const span = part.maxCents - part.minCents;
  const raw = part.minCents + Math.round(span * r.next() ** 2.2);
  const unit = 10 ** CURRENCIES[currency];
  const priceCents = Math.max(unit, Math.round(raw / unit) * unit);
  const notes = [r.pick(part.notes)];
  if (year && r.chance(0.4)) notes.push(`Fits ${vehicle.make} ${vehicle.model} ${Math.max(vehicle.from, year - 2)}–${Math.min(vehicle.to, year + 2)} as far as we know.`);
  return {
    sellerId,
    title: title.slice(0, 120),
    partCategory: category,
    condition: r.weighted(CONDITION_WEIGHTS),
    priceCents,
    currency,
    vehicleMake: vehicle.make,
    vehicleModel: vehicle.model,
    vehicleYear: year,
    makeKey: makeKey(vehicle.make),
    modelKey: modelKey(vehicle.model),
    compatibilityNotes: notes.join(' '),
    status: 'active',
    createdAt,
    updatedAt: createdAt,
  };
}
