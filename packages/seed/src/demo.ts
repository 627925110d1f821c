import { hashPassword } from '@carparts/auth';
import {
  compatibilityLogs,
  fitmentReports,
  garageVehicles,
  coverageRowValues,
  listingCoverage,
  listingPartNumbers,
  partNumberValues,
  inquiries,
  inquiryReplies,
  inventoryPhotos,
  partListings,
  purchases,
  sellerRatings,
  users,
  type Db,
} from '@carparts/db';
import { BULKY_CATEGORIES, fitVerdict, makeKey, modelKey, modelYearsForVinCode, type CoverageRow, type PartCategory, type Role } from '@carparts/domain';
import { locationColumns, resolveLocation, searchPlaces, shipToColumns } from '@carparts/api';
import { count, eq, like } from 'drizzle-orm';
import { rng, VEHICLES, type Rng } from './catalog.ts';
import { generateListing, type GeneratedListing } from './listings.ts';
import { copyPhoto, generatePhoto, type GeneratedPhoto } from './photos.ts';

export const DEMO_PASSWORD = 'partsdemo-2026';

const NOT_FIT_NOTES = [
  'Connector is different on my car, would not plug in.',
  'Mounting holes are off by about a centimetre.',
  'Mine has the facelift version; this is the earlier one.',
]; 

/** Listings the demo always has, whatever the generator draws. */
const SHOWCASE = [
  {
    title: 'Alternator 140A, Bosch, tested – Volkswagen Golf 2014',
    partCategory: 'electrical',
    condition: 'used_excellent',
    priceCents: 8_900,
    currency: 'USD',
    vehicleMake: 'Volkswagen',
    vehicleModel: 'Golf',
    vehicleYear: 2012,
    compatibilityNotes: 'Bench-tested at 14.2 V. Fits 1.6 and 2.0 TDI engines; pulley included.',
    coverage: [
      { make: 'Volkswagen', model: 'Golf', yearFrom: 2012, yearTo: 2016, engine: '1.6 / 2.0 TDI' },
      { make: 'Volkswagen', model: 'Jetta', yearFrom: 2011, yearTo: 2015, engine: '2.0 TDI' },
      { make: 'Audi', model: 'A3', yearFrom: 2013, yearTo: 2016, engine: '2.0 TDI' },
    ],
    partNumbers: [
      { kind: 'oem', number: '03L 903 023 F' },
      { kind: 'interchange', number: '400-52189' },
    ],
  },
  {
    title: 'Tailgate, white, with camera cut-out – Ford F-150 2016',
    partCategory: 'body_panels',
    condition: 'used_good',
    priceCents: 42_000,
    currency: 'USD',
    vehicleMake: 'Ford',
    vehicleModel: 'F-150',
    vehicleYear: 2015,
    compatibilityNotes: 'Freight only. Fits 2015–2017 F-150 with the rear camera.',
    coverage: [{ make: 'Ford', model: 'F-150', yearFrom: 2015, yearTo: 2017, engine: 'with rear camera' }],
    partNumbers: [{ kind: 'oem', number: 'FL3Z-9940010-A' }],
  },
] as const;

/** The yards' postal codes, in the order of SELLERS. */
const YARD_POSTAL_CODES = ['60608', '80216', '92113', '97211', '75212', '85009'];
/** Demo people: username, name, and the town they are in (a gazetteer name and country, looked up when seeding). */
type DemoPerson = [username: string, displayName: string, town: string, country: string];
const SELLERS: ReadonlyArray<DemoPerson> = [
  ['northside-salvage', 'Northside Auto Salvage', 'Chicago', 'US'],
  ['mile-high-recyclers', 'Mile High Auto Recyclers', 'Denver', 'US'],
  ['coastal-dismantlers', 'Coastal Auto Dismantlers', 'San Diego', 'US'],
  ['euro-parts-yard', 'Euro Parts Yard', 'Portland', 'US'],
  ['truck-parts-depot', 'Truck Parts Depot', 'Dallas', 'US'],
  ['valley-salvage', 'Valley Salvage & Spares', 'Phoenix', 'US'],
  ['maria.gonzalez', 'Maria Gonzalez', 'Los Angeles', 'US'],
  ['tom.becker', 'Tom Becker', 'Milwaukee', 'US'],
  ['li.wei', 'Li Wei', 'Seattle', 'US'],
  ['sam.okafor', 'Sam Okafor', 'Atlanta', 'US'],
  ['anna.kowalski', 'Anna Kowalski', 'Detroit', 'US'],
  ['james.oconnor', "James O'Connor", 'Boston', 'US'],
];
const BUYERS: ReadonlyArray<DemoPerson> = [
  ['alex.morgan', 'Alex Morgan', 'Naperville', 'US'],
  ['priya.shah', 'Priya Shah', 'Aurora', 'US'],
  ['diego.ramos', 'Diego Ramos', 'Tijuana', 'MX'],
  ['emma.schulz', 'Emma Schulz', 'Munich', 'DE'],
  ['noah.kim', 'Noah Kim', 'Toronto', 'CA'],
  ['olivia.brown', 'Olivia Brown', 'Austin', 'US'],
  ['lucas.martin', 'Lucas Martin', 'Montreal', 'CA'],
  ['mia.jensen', 'Mia Jensen', 'Minneapolis', 'US'],
  ['ethan.wright', 'Ethan Wright', 'Boulder', 'US'],
  ['sofia.rossi', 'Sofia Rossi', 'Mesa', 'US'],
  ['liam.nguyen', 'Liam Nguyen', 'San Jose', 'US'],
  ['chloe.dubois', 'Chloé Dubois', 'Lyon', 'FR'],
];

const QUESTIONS = [
  'Is this still available? Could I pick it up on Saturday?',
  'Does it come with the mounting brackets?',
  'What mileage was the car at when you pulled this?',
  'Would you ship to another state? I can pay for postage.',
  'Can you confirm the part number on the label?',
  'Any chance of a small discount if I collect today?',
  'Will this fit the facelift model as well?',
];
const ANSWERS = [
  'Yes, still here. Saturday morning works.',
  'Brackets are included, and the bolts too.',
  'About 140,000 km, the car had a full service history.',
  'We ship with tracking: the price for your area is on the listing.',
  'Part number is on the second photo.',
  'Happy to knock a little off for collection.',
  'Facelift uses a different connector, so I would say no.',
];
const REVIEWS = [
  'Exactly as described, well packed.',
  'Quick replies and the part works perfectly.',
  'Good price, collection was easy.',
  'Part was fine but took a while to arrange pick-up.',
  'Great yard, they found the exact part I needed.',
  null,
];

const YEAR_CODES = 'ABCDEFGHJKLMNPRSTVWXY123456789';
const VIN_CHARS = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789';
/** A plausible VIN tail whose year code matches the year (or, now and then, deliberately does not). */
function vinTail(r: Rng, year: number, agree: boolean): string {
  let code = YEAR_CODES.split('').find((c) => modelYearsForVinCode(c)?.includes(year)) ?? 'A';
  if (!agree) code = YEAR_CODES[(YEAR_CODES.indexOf(code) + 3) % YEAR_CODES.length]!;
  return code + Array.from({ length: 7 }, () => r.pick(VIN_CHARS.split(''))).join('');
}

export interface DemoAccount {
  username: string;
  role: Role;
  displayName: string;
}

/** The demo accounts present in a database (none once they are deleted or renamed). */
export async function demoAccounts(db: Db): Promise<DemoAccount[]> {
  const rows = await db
    .select({ username: users.username, role: users.role, displayName: users.displayName })
    .from(users)
    .where(like(users.email, '%@demo.carparts.test'));
  return rows;
}

export async function isEmpty(db: Db): Promise<boolean> {
  const [row] = await db.select({ n: count() }).from(users);
  return (row?.n ?? 0) === 0;
}

/**
 * Loads the demo marketplace: a dozen sellers and a dozen buyers with a shared known password, a few hundred
 * listings with photos, and the trades around them (fitment checks, questions, reservations, sales, ratings).
 */
export async function seedDemoData(db: Db, opts: { photoDir: string; listings?: number; seed?: number; now?: Date }) {
  const r = rng(opts.seed ?? 2026);
  const now = opts.now ?? new Date();
  const day = 86_400_000;
  const daysAgo = (d: number) => new Date(now.getTime() - d * day);

  const accounts: DemoAccount[] = [
    ...SELLERS.map(([username, displayName]) => ({ username, displayName, role: 'seller' as const })),
    ...BUYERS.map(([username, displayName]) => ({ username, displayName, role: 'buyer' as const })),
  ];
  const towns = [...SELLERS, ...BUYERS].map(([, , town, country]) => [town, country] as const);
  const locations = await Promise.all(
    towns.map(async ([town, country], i) => {
      const [place] = await searchPlaces({ q: town, country, limit: 1 });
      if (!place) throw new Error(`The gazetteer has no ${town} in ${country}`);
      // yards give a postal code; private people only their town
      return resolveLocation({ placeId: place.placeId, postalCode: YARD_POSTAL_CODES[i] ?? null });
    }),
  );
  const hashes = await Promise.all(accounts.map(() => hashPassword(DEMO_PASSWORD)));
  const people = await db
    .insert(users)
    .values(
      accounts.map((a, i) => ({
        username: a.username,
        email: `${a.username}@demo.carparts.test`,
        passwordHash: hashes[i]!,
        role: a.role,
        displayName: a.displayName,
        phoneNumber: `+1 555 01${String(i).padStart(2, '0')}`,
        ...locationColumns(locations[i]!),
        createdAt: daysAgo(120 - i),
        updatedAt: daysAgo(120 - i),
        // the demo's addresses stand for people who confirmed theirs when they signed up
        emailConfirmedAt: daysAgo(120 - i),
      })),
    )
    .returning();
  const sellers = people.filter((p) => p.role === 'seller');
  const buyers = people.filter((p) => p.role === 'buyer');

  const listingCount = opts.listings ?? 320;
  const listingValues = Array.from({ length: listingCount }, () => {
    const createdAt = new Date(now.getTime() - r.int(0, 60 * 24) * 3_600_000);
    return generateListing(r, r.pick(sellers).id, createdAt);
  });
  // the parts the storefront's own examples name ("alternator golf" in the search box) are always there and for sale
  const showcase: GeneratedListing[] = SHOWCASE.map(({ coverage, partNumbers, ...listing }, i) => ({
    listing: {
      ...listing,
      sellerId: sellers[i % sellers.length]!.id,
      makeKey: makeKey(listing.vehicleMake),
      modelKey: modelKey(listing.vehicleModel),
      status: 'active' as const,
      createdAt: new Date(now.getTime() - (i + 1) * 3_600_000),
      updatedAt: new Date(now.getTime() - (i + 1) * 3_600_000),
    },
    coverage: coverage.map((row) => ({ ...row })),
    partNumbers: partNumbers.map((n) => ({ ...n })),
  }));
  listingValues.push(...showcase);
  // what each part promises, spread by position (not drawn from the generator, so the rest of the demo stays as it was)
  const yards = new Set(sellers.filter((s) => s.username.includes('-')).map((s) => s.id));
  const sellerById = new Map(sellers.map((s) => [s.id, s]));
  for (const [i, { listing }] of listingValues.entries()) {
    const seller = sellerById.get(listing.sellerId)!;
    Object.assign(listing, demoGuarantees(i, listing, yards.has(listing.sellerId)), demoLogistics(i, listing, yards.has(listing.sellerId)), {
      placeId: seller.placeId,
      city: seller.city,
      country: seller.country,
      postalCode: seller.postalCode,
      lat: seller.lat,
      lon: seller.lon,
    });
  }
  const listings: (typeof partListings.$inferSelect)[] = [];
  const coverageOf = new Map<string, CoverageRow[]>();
  for (let i = 0; i < listingValues.length; i += 100) {
    const batch = listingValues.slice(i, i + 100);
    const rows = await db.insert(partListings).values(batch.map((g) => g.listing)).returning();
    await db.insert(listingCoverage).values(rows.flatMap((row, k) => coverageRowValues(row.seq, batch[k]!.coverage)));
    const numbers = rows.flatMap((row, k) => partNumberValues(row.seq, batch[k]!.partNumbers));
    if (numbers.length) await db.insert(listingPartNumbers).values(numbers).onConflictDoNothing();
    rows.forEach((row, k) => coverageOf.set(row.id, batch[k]!.coverage));
    listings.push(...rows);
  }

  // photos for most listings: a pool of drawings per category run through the real upload pipeline, each stored
  // under its own random name like an upload
  const pool = new Map<string, GeneratedPhoto[]>();
  const photoRows: (typeof inventoryPhotos.$inferInsert)[] = [];
  for (const listing of listings) {
    if (r.chance(0.12)) continue;
    let drawings = pool.get(listing.partCategory);
    if (!drawings) pool.set(listing.partCategory, (drawings = await Promise.all([0, 1, 2].map(() => generatePhoto(opts.photoDir, listing.partCategory, r)))));
    const n = r.int(1, 3);
    for (let k = 0; k < n; k++) {
      const photo = await copyPhoto(opts.photoDir, r.pick(drawings));
      photoRows.push({ ...photo, partListingId: listing.id, uploadedBy: listing.sellerId, isPrimary: k === 0, caption: k === 0 ? listing.title.split(' – ')[0]! : null, createdAt: listing.createdAt, updatedAt: listing.createdAt });
    }
  }
  for (let i = 0; i < photoRows.length; i += 100) await db.insert(inventoryPhotos).values(photoRows.slice(i, i + 100));

  // sales with ratings, live reservations, cancelled deals
  const shuffled = listings.filter((l) => !showcase.some((s) => s.listing.title === l.title)).sort(() => r.next() - 0.5);
  const completed = shuffled.slice(0, 40);
  const reserved = shuffled.slice(40, 48);
  const cancelled = shuffled.slice(48, 54);
  const withdrawn = shuffled.slice(54, 60);
  await db.transaction(async (tx) => {
    for (const listing of completed) {
      const buyer = r.pick(buyers);
      const at = new Date(Math.max(listing.createdAt.getTime(), now.getTime() - r.int(1, 20) * day));
      const [purchase] = await tx
        .insert(purchases)
        .values({ partListingId: listing.id, buyerId: buyer.id, sellerId: listing.sellerId, priceCents: listing.priceCents, currency: listing.currency, status: 'completed', expiresAt: new Date(at.getTime() + 2 * day), completedAt: at, createdAt: at, updatedAt: at })
        .returning();
      await tx.update(partListings).set({ status: 'sold', updatedAt: at }).where(eq(partListings.id, listing.id));
      if (r.chance(0.8)) {
        await tx.insert(sellerRatings).values({
          sellerId: listing.sellerId,
          buyerId: buyer.id,
          partListingId: listing.id,
          purchaseId: purchase!.id,
          rating: r.weighted([[5, 50], [4, 30], [3, 12], [2, 5], [1, 3]] as const),
          reviewText: r.pick(REVIEWS),
          isVerifiedPurchase: true,
          createdAt: at,
          updatedAt: at,
        });
      }
      // most buyers say whether the part fit the vehicle they bought it for; now and then it did not
      if (r.chance(0.7)) {
        const row = r.pick(coverageOf.get(listing.id)!);
        const fit = r.chance(0.88);
        const year = row.yearFrom === null ? r.int(2005, 2020) : r.int(row.yearFrom, row.yearTo!);
        await tx.insert(fitmentReports).values({
          purchaseId: purchase!.id,
          partListingId: listing.id,
          buyerId: buyer.id,
          sellerId: listing.sellerId,
          vehicleMake: row.make,
          vehicleModel: row.model,
          makeKey: makeKey(row.make),
          modelKey: modelKey(row.model),
          vehicleYear: year,
          fit,
          claimed: true,
          note: fit ? null : r.pick(NOT_FIT_NOTES),
          createdAt: new Date(at.getTime() + 3 * day),
          updatedAt: new Date(at.getTime() + 3 * day),
        });
      }
    }
    // every demo buyer keeps a vehicle or two in the garage, the first one active
    for (const [i, buyer] of buyers.entries()) {
      const owned = [VEHICLES[(i * 7) % VEHICLES.length]!, ...(i % 2 ? [VEHICLES[(i * 11 + 3) % VEHICLES.length]!] : [])];
      await tx.insert(garageVehicles).values(
        owned.map((v, k) => {
          const year = r.int(Math.max(v.from, 2005), v.to);
          return { userId: buyer.id, name: k === 0 ? `My ${v.model}` : `${v.make} ${v.model} (second car)`, make: v.make, model: v.model, year, active: k === 0, createdAt: daysAgo(30 - k), updatedAt: daysAgo(30 - k) };
        }),
      );
    }
    for (const [i, listing] of reserved.entries()) {
      const buyer = buyers[i % buyers.length]!;
      // half of them shipped (at the domestic price, when the part ships at a set one), half collected
      const shipped = i % 2 === 1 && listing.shippingMode !== 'none' && buyer.country === listing.country;
      await tx.insert(purchases).values({
        partListingId: listing.id,
        buyerId: buyer.id,
        sellerId: listing.sellerId,
        priceCents: listing.priceCents,
        currency: listing.currency,
        status: 'reserved',
        expiresAt: new Date(now.getTime() + 36 * 3_600_000),
        createdAt: now,
        updatedAt: now,
        coreChargeCents: listing.coreChargeCents,
        handlingDays: listing.handlingDays,
        ...(shipped
          ? {
              fulfilment: 'shipping' as const,
              shippingCents: listing.shipDomesticCents,
              ...shipToColumns({ name: buyer.displayName, line1: `${100 + i * 7} Maple Street`, postalCode: buyer.postalCode ?? String(10_001 + i), city: buyer.city!, country: buyer.country! }),
            }
          : { fulfilment: 'pickup' as const }),
      });
      await tx.update(partListings).set({ status: 'reserved', updatedAt: now }).where(eq(partListings.id, listing.id));
    }
    for (const listing of cancelled) {
      const buyer = r.pick(buyers);
      await tx.insert(purchases).values({ partListingId: listing.id, buyerId: buyer.id, sellerId: listing.sellerId, priceCents: listing.priceCents, currency: listing.currency, status: 'cancelled', expiresAt: now, cancelledAt: daysAgo(1), cancelledBy: buyer.id, cancelReason: 'Found one closer to home', createdAt: daysAgo(2), updatedAt: daysAgo(1) });
    }
    for (const listing of withdrawn) await tx.update(partListings).set({ status: 'withdrawn', updatedAt: now }).where(eq(partListings.id, listing.id));

    const askable = listings.filter((l) => !completed.includes(l) && !withdrawn.includes(l));
    for (let i = 0; i < 80; i++) {
      const listing = r.pick(askable);
      const buyer = r.pick(buyers);
      const q = r.int(0, QUESTIONS.length - 1);
      const at = new Date(now.getTime() - r.int(1, 14 * 24) * 3_600_000);
      const answered = r.chance(0.65);
      // sellers answer after 20 minutes to about 7 hours (spread without drawing from the generator, so the rest stays as it was)
      const answeredAt = new Date(at.getTime() + (20 + ((i * 53) % 400)) * 60_000);
      const [inquiry] = await tx
        .insert(inquiries)
        .values({ buyerId: buyer.id, sellerId: listing.sellerId, partListingId: listing.id, message: QUESTIONS[q]!, status: answered ? 'replied' : 'open', firstRepliedAt: answered ? answeredAt : null, createdAt: at, updatedAt: answered ? answeredAt : at })
        .returning();
      if (answered) {
        await tx.insert(inquiryReplies).values({ inquiryId: inquiry!.id, authorId: listing.sellerId, message: ANSWERS[q]!, createdAt: answeredAt, updatedAt: answeredAt });
      }
    }

    for (let i = 0; i < 150; i++) {
      const listing = r.pick(listings);
      const buyer = r.pick(buyers);
      const sameVehicle = r.chance(0.6);
      const v = sameVehicle ? VEHICLES.find((x) => x.make === listing.vehicleMake && x.model === listing.vehicleModel)! : r.pick(VEHICLES);
      const year = sameVehicle && listing.vehicleYear && r.chance(0.6) ? listing.vehicleYear : r.int(v.from, v.to);
      const vin = r.chance(0.5) ? vinTail(r, year, r.chance(0.85)) : undefined;
      const vehicle = { vehicleMake: v.make, vehicleModel: v.model, vehicleYear: year, vinLast8: vin };
      const verdict = fitVerdict(coverageOf.get(listing.id)!, vehicle);
      const at = new Date(now.getTime() - r.int(1, 30 * 24) * 3_600_000);
      await tx.insert(compatibilityLogs).values({ buyerId: buyer.id, partListingId: listing.id, ...vehicle, vinLast8: vin ?? null, ...verdict, createdAt: at, updatedAt: at });
    }
  });

  return { accounts, listings: listings.length, photos: photoRows.length };
}

const REBUILDABLE = new Set(['electrical', 'brakes', 'steering', 'transmission', 'engine']);
const DAMAGE = ['Light scratches on the housing', 'One mounting tab cracked, still holds', 'Connector clip missing', 'Paint faded on the visible side'];

/**
 * Returns, warranty, core charge, donor mileage and damage notes for the demo's listings: salvage yards mostly take
 * returns and give a warranty, private sellers rarely; rebuildable parts carry a core charge; worn parts say what is wrong.
 */
function demoGuarantees(i: number, listing: { partCategory: string; condition: string; priceCents: number }, yard: boolean) {
  return {
    returnsDays: (yard ? (i % 3 === 0 ? 14 : 30) : i % 5 === 0 ? 14 : 0) as 0 | 14 | 30,
    warrantyDays: (yard ? ([30, 90, 365, 90] as const)[i % 4]! : i % 7 === 0 ? 30 : 0) as 0 | 30 | 90 | 365,
    coreChargeCents: REBUILDABLE.has(listing.partCategory) && i % 2 === 0 ? Math.max(1_000, Math.round(listing.priceCents / 5 / 500) * 500) : null,
    donorMileageKm: i % 3 === 2 ? null : 40_000 + ((i * 7_919) % 180_000),
    damageNotes: listing.condition === 'used_fair' || listing.condition === 'for_parts' ? DAMAGE[i % DAMAGE.length]! : '',
  };
}

const PICKUP_NOTES = ['Mon–Fri 8–17, Sat 9–13 at the counter', 'Call ahead, we pull it while you wait', 'Collect from the yard office, bring the listing number'];

/**
 * How the demo's parts travel: yards offer pickup and ship at set prices (more for bulky parts, which go by freight),
 * to Canada and Mexico too and now and then worldwide; private sellers mostly want it collected, some post it.
 */
function demoLogistics(i: number, listing: { partCategory: string }, yard: boolean) {
  const bulky = BULKY_CATEGORIES.includes(listing.partCategory as PartCategory);
  if (yard) {
    return {
      pickupAvailable: true,
      pickupNotes: PICKUP_NOTES[i % PICKUP_NOTES.length]!,
      shippingMode: (i % 9 === 4 ? 'quote' : 'priced') as 'quote' | 'priced',
      shipDomesticCents: i % 9 === 4 ? null : bulky ? 15_000 + (i % 5) * 2_500 : 1_200 + (i % 6) * 300,
      shipCountries: i % 9 === 4 ? '' : ',CA,MX,',
      shipCountriesCents: i % 9 === 4 ? null : bulky ? 30_000 : 3_500 + (i % 4) * 500,
      shipWorldwideCents: i % 9 === 4 || bulky || i % 3 !== 0 ? null : 8_500,
      freightOnly: bulky,
      handlingDays: bulky ? 5 : 2,
    };
  }
  const posts = i % 3 === 0 && !bulky;
  const shippingMode = (posts ? 'priced' : i % 5 === 0 ? 'quote' : 'none') as 'priced' | 'quote' | 'none';
  return {
    pickupAvailable: true,
    pickupNotes: i % 2 ? 'Evenings and weekends' : '',
    shippingMode,
    shipDomesticCents: posts ? 1_500 : null,
    shipCountries: '',
    shipCountriesCents: null,
    shipWorldwideCents: null,
    freightOnly: bulky && shippingMode !== 'none',
    handlingDays: 3,
  };
}
