import { canonicalMake, sameMake, sameModel } from './vehicles.ts';
import { checkVinYear } from './vin.ts';

export const FITMENT_STATUSES = ['fits', 'likely', 'does_not_fit', 'needs_review'] as const;
export type FitmentStatus = (typeof FITMENT_STATUSES)[number];

export interface ListedVehicle {
  vehicleMake: string;
  vehicleModel: string;
  vehicleYear: number | null;
}

export interface BuyerVehicle {
  vehicleMake: string;
  vehicleModel: string;
  vehicleYear: number;
  vinLast8?: string | null;
}

export interface FitmentVerdict {
  fitmentStatus: FitmentStatus;
  notes: string;
}

/** Parts usually carry over within a model generation; two model years either side counts as "likely". */
export const NEAR_YEAR_SPAN = 2;

/**
 * The one rule for which listings may fit a vehicle of a given model year: listings for that year fit, listings for a
 * year up to {@link NEAR_YEAR_SPAN} away likely fit, and listings that name no year may fit any. The verdict on a
 * listing page and the year filter of search (including "only parts for my vehicle") both come from here.
 */
export function yearsThatMayFit(year: number): { from: number; to: number; orAnyYear: true } {
  return { from: year - NEAR_YEAR_SPAN, to: year + NEAR_YEAR_SPAN, orAnyYear: true };
}

export function yearMayFit(listingYear: number | null, buyerYear: number): boolean {
  const range = yearsThatMayFit(buyerYear);
  return listingYear === null ? range.orAnyYear : listingYear >= range.from && listingYear <= range.to;
}

/**
 * The verdict for a buyer's vehicle against the vehicle a listing was taken from. Make and model decide fit;
 * the year decides how sure we are; a VIN whose year code disagrees with the stated year sends a would-be fit to
 * review, because one of the two is wrong and only a person can tell which.
 */
export function fitmentVerdict(listing: ListedVehicle, buyer: BuyerVehicle): FitmentVerdict {
  const notes: string[] = [];
  let status: FitmentStatus;
  const listed = `${canonicalMake(listing.vehicleMake)} ${listing.vehicleModel}`;

  if (!sameMake(listing.vehicleMake, buyer.vehicleMake)) {
    status = 'does_not_fit';
    notes.push(`Listed for ${canonicalMake(listing.vehicleMake)}, your vehicle is a ${canonicalMake(buyer.vehicleMake)}`);
  } else if (!sameModel(listing.vehicleModel, buyer.vehicleModel)) {
    status = 'does_not_fit';
    notes.push(`Listed for ${listed}, your vehicle is a ${buyer.vehicleModel}`);
  } else if (listing.vehicleYear === null) {
    status = 'likely';
    notes.push(`Make and model match ${listed}; the seller gave no model year, so confirm with the seller`);
  } else if (listing.vehicleYear === buyer.vehicleYear) {
    status = 'fits';
    notes.push(`Matches ${listing.vehicleYear} ${listed}`);
  } else if (yearMayFit(listing.vehicleYear, buyer.vehicleYear)) {
    status = 'likely';
    notes.push(
      `Listed for a ${listing.vehicleYear} ${listed}, yours is ${buyer.vehicleYear}: parts often carry over within a generation, confirm with the seller`,
    );
  } else {
    status = 'does_not_fit';
    notes.push(`Listed for a ${listing.vehicleYear} ${listed}, yours is ${buyer.vehicleYear}`);
  }

  if (buyer.vinLast8) {
    const vin = checkVinYear(buyer.vinLast8, buyer.vehicleYear);
    if (vin.kind === 'disagrees') {
      notes.push(vin.note);
      if (status !== 'does_not_fit') status = 'needs_review';
    }
  }

  return { fitmentStatus: status, notes: notes.join('. ') };
}
