import { KM_PER_MILE } from '@carparts/domain';
import { fail } from '@sveltejs/kit';
import { formInt, formPrice, formText, typedValues, type serverApi } from './api';
import { findTown, noTownCalled } from './places';

/** The coverage rows a form sent (`coverage.N.make` …), in row order, rows left wholly blank dropped. */
function coverageFromForm(data: FormData) {
  const indexes = [...new Set([...data.keys()].map((k) => /^coverage\.(\d+)\./.exec(k)?.[1]).filter((i) => i !== undefined))].map(Number).sort((a, b) => a - b);
  return indexes
    .map((i) => {
      const field = (name: string) => `coverage.${i}.${name}`;
      const yearFrom = formInt(data, field('yearFrom'));
      // one year typed in "from" means that year alone
      const yearTo = formInt(data, field('yearTo')) ?? yearFrom;
      return { make: formText(data, field('make')) ?? '', model: formText(data, field('model')) ?? '', yearFrom, yearTo, engine: formText(data, field('engine')) };
    })
    .filter((row) => row.make || row.model || row.yearFrom !== undefined || row.engine);
}

/** OEM and interchange numbers typed one per line (or separated by commas or semicolons). */
function partNumbersFromForm(data: FormData) {
  const listed = (name: string) => (formText(data, name) ?? '').split(/[\n,;]+/).map((n) => n.trim()).filter(Boolean);
  return [...listed('oemNumbers').map((number) => ({ kind: 'oem' as const, number })), ...listed('interchangeNumbers').map((number) => ({ kind: 'interchange' as const, number }))];
}

/**
 * The listing fields of a submitted form, before validation: the price read in the form's currency, the vehicles it
 * fits as coverage rows, its part numbers. The caller parses them with the domain's listing schema.
 */
export function listingFromForm(data: FormData) {
  return {
    title: formText(data, 'title') ?? '',
    partCategory: formText(data, 'partCategory'),
    condition: formText(data, 'condition'),
    priceCents: formPrice(data, 'price', data.get('currency')),
    currency: formText(data, 'currency'),
    coverage: coverageFromForm(data),
    partNumbers: partNumbersFromForm(data),
    compatibilityNotes: formText(data, 'compatibilityNotes') ?? '',
    returnsDays: formInt(data, 'returnsDays') ?? 0,
    warrantyDays: formInt(data, 'warrantyDays') ?? 0,
    // blank is "none"; typed, it is read like the price, in the listing's currency
    coreChargeCents: formText(data, 'coreCharge') === undefined ? null : formPrice(data, 'coreCharge', data.get('currency')),
    donorMileageKm: donorMileageKm(data),
    damageNotes: formText(data, 'damageNotes') ?? '',
    pickupAvailable: data.get('pickupAvailable') === 'on',
    pickupNotes: formText(data, 'pickupNotes') ?? '',
    shippingMode: formText(data, 'shippingMode') ?? 'none',
    shipDomesticCents: optionalPrice(data, 'shipDomestic'),
    shipCountries: (formText(data, 'shipCountries') ?? '').split(/[\s,;]+/).filter(Boolean),
    shipCountriesCents: optionalPrice(data, 'shipCountriesPrice'),
    shipWorldwideCents: optionalPrice(data, 'shipWorldwide'),
    freightOnly: data.get('freightOnly') === 'on',
    handlingDays: formInt(data, 'handlingDays') ?? 2,
  };
}

/** A price that may be left blank (none), read in the form's currency. */
const optionalPrice = (data: FormData, name: string) => (formText(data, name) === undefined ? null : formPrice(data, name, data.get('currency')));

/** The donor vehicle's mileage in kilometres, typed in kilometres or miles; blank is "not stated". */
function donorMileageKm(data: FormData): number | null | undefined {
  const typed = formText(data, 'donorMileage')?.replace(/[\s,.']/g, '');
  if (typed === undefined || typed === '') return null;
  if (!/^\d+$/.test(typed)) return Number.NaN;
  return data.get('donorMileageUnit') === 'mi' ? Math.round(Number(typed) * KM_PER_MILE) : Number(typed);
}

/**
 * Where the part is, from the form's town (typed or chosen from the suggestions): a place of the gazetteer, or null when
 * left empty (the part is at the seller's own location, and moves with it). A name no town has is refused in words.
 */
export async function siteFromForm(data: FormData, api: Pick<ReturnType<typeof serverApi>, 'places'>) {
  const town = formText(data, 'siteTown');
  if (!town) return { ok: true as const, site: null };
  const place = await findTown(api, town);
  if (place) return { ok: true as const, site: { placeId: place.placeId } };
  const why = `${noTownCalled(town)}, or leave it empty for your own location`;
  return { ok: false as const, failure: fail(400, { message: why, fieldErrors: { siteTown: [why] }, values: typedValues(data) }) };
}
