/**
 * Vehicle names as people type them. Makes resolve through an alias table (VW = Volkswagen, Chevy = Chevrolet);
 * models compare on letters and digits only, so "F-150", "F150" and "f 150" are one model.
 */
export const MAKES: ReadonlyArray<readonly [canonical: string, ...aliases: string[]]> = [
  ['Acura'], ['Alfa Romeo', 'Alfa'], ['Audi'], ['BMW', 'Bayerische Motoren Werke', 'Beemer', 'Bimmer'],
  ['Buick'], ['Cadillac', 'Caddy'], ['Chevrolet', 'Chevy', 'Chev'], ['Chrysler'], ['Citroën', 'Citroen'],
  ['Dacia'], ['Dodge'], ['Fiat'], ['Ford'], ['GMC'], ['Honda'], ['Hyundai'], ['Infiniti'], ['Jaguar', 'Jag'],
  ['Jeep'], ['Kia'], ['Land Rover', 'Landrover', 'Range Rover'], ['Lexus'], ['Lincoln'], ['Mazda'],
  ['Mercedes-Benz', 'Mercedes', 'Merc', 'Benz', 'MB'], ['Mini', 'MINI Cooper'], ['Mitsubishi'], ['Nissan', 'Datsun'],
  ['Opel', 'Vauxhall'], ['Peugeot'], ['Porsche'], ['Ram', 'RAM Trucks'], ['Renault'], ['Saab'], ['SEAT'], ['Škoda', 'Skoda'],
  ['Subaru', 'Subie'], ['Suzuki'], ['Tesla'], ['Toyota'], ['Volkswagen', 'VW', 'Volkswagon', 'Vee-Dub'], ['Volvo'],
];

/** Lower-case, accents folded, only letters and digits: the form two spellings are compared in. */
export function vehicleKey(name: string): string {
  return name
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

const canonicalByKey = new Map<string, string>();
for (const [canonical, ...aliases] of MAKES) {
  for (const name of [canonical, ...aliases]) canonicalByKey.set(vehicleKey(name), canonical);
}

/** The canonical spelling of a make, or the trimmed input when the make is not one we know. */
export function canonicalMake(make: string): string {
  return canonicalByKey.get(vehicleKey(make)) ?? make.trim().replace(/\s+/g, ' ');
}

/** The key stored beside a listing's make and searched on: aliases collapse into one key. */
export function makeKey(make: string): string {
  return vehicleKey(canonicalMake(make));
}

export const modelKey = vehicleKey;

export function sameMake(a: string, b: string): boolean {
  return makeKey(a) === makeKey(b);
}

export function sameModel(a: string, b: string): boolean {
  return modelKey(a) === modelKey(b);
}

export const FIRST_MODEL_YEAR = 1900;
/** Next year's models are on sale from mid-year, so one year ahead of the calendar is a real model year. */
export const lastModelYear = (now: Date = new Date()) => now.getUTCFullYear() + 1;
