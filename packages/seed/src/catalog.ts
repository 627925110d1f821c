import type { Condition, PartCategory } from '@carparts/domain';

/** Real vehicles people pull parts from, with the model years they were sold. */
export const VEHICLES: ReadonlyArray<{ make: string; model: string; from: number; to: number }> = [
  { make: 'Toyota', model: 'Corolla', from: 1998, to: 2024 },
  { make: 'Toyota', model: 'Camry', from: 1997, to: 2024 },
  { make: 'Toyota', model: 'RAV4', from: 2001, to: 2024 },
  { make: 'Toyota', model: 'Hilux', from: 1998, to: 2023 },
  { make: 'Honda', model: 'Civic', from: 1996, to: 2024 },
  { make: 'Honda', model: 'Accord', from: 1998, to: 2023 },
  { make: 'Honda', model: 'CR-V', from: 2002, to: 2024 },
  { make: 'Ford', model: 'F-150', from: 1997, to: 2024 },
  { make: 'Ford', model: 'Focus', from: 2000, to: 2018 },
  { make: 'Ford', model: 'Mustang', from: 1994, to: 2024 },
  { make: 'Ford', model: 'Transit', from: 2000, to: 2024 },
  { make: 'Chevrolet', model: 'Silverado 1500', from: 1999, to: 2024 },
  { make: 'Chevrolet', model: 'Malibu', from: 2004, to: 2023 },
  { make: 'Chevrolet', model: 'Camaro', from: 1993, to: 2024 },
  { make: 'Volkswagen', model: 'Golf', from: 1998, to: 2024 },
  { make: 'Volkswagen', model: 'Passat', from: 1997, to: 2022 },
  { make: 'Volkswagen', model: 'Jetta', from: 1999, to: 2024 },
  { make: 'BMW', model: '3 Series', from: 1998, to: 2024 },
  { make: 'BMW', model: '5 Series', from: 1996, to: 2024 },
  { make: 'BMW', model: 'X5', from: 2000, to: 2024 },
  { make: 'Mercedes-Benz', model: 'C-Class', from: 2001, to: 2024 },
  { make: 'Mercedes-Benz', model: 'E-Class', from: 1996, to: 2024 },
  { make: 'Mercedes-Benz', model: 'Sprinter', from: 2006, to: 2024 },
  { make: 'Audi', model: 'A4', from: 1996, to: 2024 },
  { make: 'Audi', model: 'A6', from: 1998, to: 2024 },
  { make: 'Nissan', model: 'Altima', from: 2002, to: 2024 },
  { make: 'Nissan', model: 'Qashqai', from: 2007, to: 2024 },
  { make: 'Nissan', model: 'Navara', from: 1998, to: 2023 },
  { make: 'Subaru', model: 'Impreza', from: 1996, to: 2024 },
  { make: 'Subaru', model: 'Outback', from: 2000, to: 2024 },
  { make: 'Mazda', model: 'MX-5', from: 1990, to: 2024 },
  { make: 'Mazda', model: 'Mazda3', from: 2004, to: 2024 },
  { make: 'Hyundai', model: 'Elantra', from: 2001, to: 2024 },
  { make: 'Hyundai', model: 'Tucson', from: 2005, to: 2024 },
  { make: 'Kia', model: 'Sportage', from: 2005, to: 2024 },
  { make: 'Jeep', model: 'Wrangler', from: 1997, to: 2024 },
  { make: 'Jeep', model: 'Grand Cherokee', from: 1999, to: 2024 },
  { make: 'Ram', model: '1500', from: 2010, to: 2024 },
  { make: 'Volvo', model: 'XC90', from: 2003, to: 2024 },
  { make: 'Peugeot', model: '308', from: 2008, to: 2024 },
  { make: 'Renault', model: 'Clio', from: 1998, to: 2024 },
  { make: 'Škoda', model: 'Octavia', from: 1999, to: 2024 },
  { make: 'Tesla', model: 'Model 3', from: 2017, to: 2024 },
  { make: 'Lexus', model: 'RX', from: 1999, to: 2024 },
];

/** Part templates per category: what a listing is called, what it costs (in cents) and what sellers note. */
export const PARTS: Record<PartCategory, { titles: string[]; minCents: number; maxCents: number; notes: string[] }> = {
  engine: {
    titles: ['Complete engine, {km} km', 'Cylinder head, skimmed', 'Turbocharger', 'Intake manifold', 'Oil pump', 'Timing chain kit', 'Engine mount set'],
    minCents: 4_000, maxCents: 250_000,
    notes: ['Pulled from a running car, compression tested.', 'Engine code on the block, check yours before buying.', 'Sold without ancillaries.'],
  },
  transmission: {
    titles: ['Manual gearbox, 6-speed', 'Automatic transmission', 'Clutch kit with flywheel', 'Gear selector linkage', 'Transfer case'],
    minCents: 5_000, maxCents: 180_000,
    notes: ['Shifts cleanly through all gears.', 'Fluid changed before removal.', 'Check the gearbox code against your VIN.'],
  },
  drivetrain: {
    titles: ['Front driveshaft, left', 'Rear differential', 'CV joint', 'Propshaft', 'Wheel hub with bearing'],
    minCents: 2_000, maxCents: 60_000,
    notes: ['Boots intact, no play.', 'Fits both manual and automatic versions.'],
  },
  brakes: {
    titles: ['Front brake calipers, pair', 'Brake discs and pads, front', 'ABS pump module', 'Brake master cylinder', 'Rear drum brake set'],
    minCents: 1_500, maxCents: 45_000,
    notes: ['Pistons move freely, seals good.', 'Discs measured above minimum thickness.', 'ABS module coded for this model.'],
  },
  suspension: {
    titles: ['Front shock absorbers, pair', 'Coil springs, rear', 'Lower control arm, right', 'Anti-roll bar', 'Air suspension compressor'],
    minCents: 2_000, maxCents: 70_000,
    notes: ['No leaks, bushes in good shape.', 'Sport suspension variant — check your trim.'],
  },
  steering: {
    titles: ['Power steering rack', 'Steering column', 'Power steering pump', 'Tie rod ends, pair'],
    minCents: 1_500, maxCents: 55_000,
    notes: ['No play, no leaks.', 'Electric power steering unit, needs coding.'],
  },
  exhaust: {
    titles: ['Catalytic converter', 'Rear silencer', 'Exhaust manifold', 'DPF filter', 'Stainless cat-back system'],
    minCents: 3_000, maxCents: 120_000,
    notes: ['No holes, hangers included.', 'Original equipment, emissions compliant.'],
  },
  cooling: {
    titles: ['Radiator', 'Water pump', 'Radiator fan assembly', 'Thermostat housing', 'Intercooler'],
    minCents: 1_500, maxCents: 40_000,
    notes: ['Pressure tested, no leaks.', 'Fins straight, no corrosion.'],
  },
  fuel_system: {
    titles: ['Fuel injectors, set of 4', 'Fuel pump', 'Fuel tank', 'Throttle body'],
    minCents: 2_000, maxCents: 50_000,
    notes: ['Injectors flow tested.', 'Tank cleaned, no rust.'],
  },
  ignition: {
    titles: ['Ignition coil pack', 'Ignition lock with key', 'Distributor', 'Spark plug leads'],
    minCents: 1_000, maxCents: 25_000,
    notes: ['Tested on the car before removal.', 'Key and immobiliser need matching by a locksmith.'],
  },
  electrical: {
    titles: ['Alternator 120A', 'Starter motor', 'Engine ECU', 'Window regulator with motor', 'Wiring loom, engine bay', 'Fuse box'],
    minCents: 1_500, maxCents: 60_000,
    notes: ['Bench tested, charges at 14.2 V.', 'ECU must be coded to your immobiliser.', 'Plugs intact, no cut wires.'],
  },
  lighting: {
    titles: ['Headlight, left, xenon', 'Headlight, right, halogen', 'Tail light cluster', 'Fog light pair', 'LED daytime running lights'],
    minCents: 1_500, maxCents: 90_000,
    notes: ['Lens clear, no cracks, all tabs intact.', 'Ballast included.', 'Left-hand-drive beam pattern.'],
  },
  body_panels: {
    titles: ['Bonnet', 'Front bumper with grilles', 'Front wing, left', 'Rear door, right', 'Tailgate complete', 'Boot lid'],
    minCents: 4_000, maxCents: 80_000,
    notes: ['Paint code on the photos; minor scratches.', 'Straight panel, no filler.', 'Collection only — too large to post.'],
  },
  glass_mirrors: {
    titles: ['Door mirror, right, heated', 'Windscreen', 'Rear window, heated', 'Interior mirror, auto-dimming'],
    minCents: 1_500, maxCents: 45_000,
    notes: ['Glass not chipped.', 'Power fold and indicator working.'],
  },
  interior: {
    titles: ['Front seats, leather, pair', 'Dashboard', 'Steering wheel with airbag', 'Centre console', 'Door cards, set of 4', 'Floor mats, original'],
    minCents: 1_500, maxCents: 120_000,
    notes: ['Smoke-free car, no tears.', 'Airbag sold as a part only; fitting by a professional.', 'Heated seats, wiring included.'],
  },
  hvac: {
    titles: ['A/C compressor', 'Heater core', 'Blower motor', 'Climate control panel', 'A/C condenser'],
    minCents: 2_000, maxCents: 55_000,
    notes: ['Compressor clutch engages.', 'Panel buttons all work, backlight fine.'],
  },
  audio_navigation: {
    titles: ['Head unit with navigation', 'Amplifier', 'Subwoofer, boot', 'Reversing camera', 'Speaker set, front doors'],
    minCents: 1_500, maxCents: 70_000,
    notes: ['Unlock code supplied.', 'Removed working, maps not updated.'],
  },
  wheels_tires: {
    titles: ['Alloy wheels 17", set of 4', 'Steel wheel with tyre', 'Winter tyres on rims, set of 4', 'Spare wheel, space saver', 'Alloy wheel 18", single'],
    minCents: 3_000, maxCents: 150_000,
    notes: ['Tread 6 mm, no repairs.', 'Minor kerb rash on one rim.', 'Centre caps and bolts included.'],
  },
  other: {
    titles: ['Tow bar with wiring', 'Roof rails', 'Jack and tool kit', 'Owner manuals with service book'],
    minCents: 1_000, maxCents: 40_000,
    notes: ['Complete, nothing missing.', 'Collection preferred.'],
  },
};

export const CONDITION_WEIGHTS: ReadonlyArray<readonly [Condition, number]> = [
  ['new', 5],
  ['refurbished', 8],
  ['used_excellent', 20],
  ['used_good', 40],
  ['used_fair', 20],
  ['for_parts', 7],
];

/** A small deterministic PRNG (mulberry32), so a seed always builds the same catalogue. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (min: number, max: number) => min + Math.floor(next() * (max - min + 1)),
    pick: <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!,
    weighted: <T>(items: ReadonlyArray<readonly [T, number]>): T => {
      const total = items.reduce((s, [, w]) => s + w, 0);
      let r = next() * total;
      for (const [item, w] of items) if ((r -= w) < 0) return item;
      return items[items.length - 1]![0];
    },
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof rng>;

/** A seed from a text label (FNV-1a), for draws that must repeat for the same label: a pool of part numbers per part. */
export function labelSeed(label: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < label.length; i++) h = Math.imul(h ^ label.charCodeAt(i), 0x01000193);
  return h >>> 0;
}
