/** What a seller promises a buyer with a part: how long it may be returned, and how long it is warranted. */
export const RETURN_PERIODS = [0, 14, 30] as const;
export type ReturnPeriod = (typeof RETURN_PERIODS)[number];
export const WARRANTY_PERIODS = [0, 30, 90, 365] as const;
export type WarrantyPeriod = (typeof WARRANTY_PERIODS)[number];

/** The highest donor-vehicle mileage a listing may state (no road car gets near it). */
export const MAX_DONOR_MILEAGE_KM = 3_000_000;
export const KM_PER_MILE = 1.609344;

export const returnsLabel = (days: number) => (days === 0 ? 'No returns' : `Returns within ${days} days`);
export const warrantyLabel = (days: number) => (days === 0 ? 'No warranty' : days === 365 ? '1-year warranty' : `${days}-day warranty`);
/** "120,000 km (74,565 mi)": both, since buyers count in either. */
export const mileageLabel = (km: number) => `${km.toLocaleString('en-US')} km (${Math.round(km / KM_PER_MILE).toLocaleString('en-US')} mi)`;
