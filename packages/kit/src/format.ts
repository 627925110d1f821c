import { CONDITIONS, PART_CATEGORIES, formatPrice, type Condition, type Currency, type PartCategory } from '@carparts/domain';

export const price = (cents: number, currency: string) => formatPrice(cents, currency as Currency);
export const category = (code: string) => PART_CATEGORIES[code as PartCategory] ?? code;
export const condition = (code: string) => CONDITIONS[code as Condition] ?? code;
export const vehicle = (v: { vehicleMake: string; vehicleModel: string; vehicleYear: number | null }) =>
  `${v.vehicleYear ? `${v.vehicleYear} ` : ''}${v.vehicleMake} ${v.vehicleModel}${v.vehicleYear ? '' : ' (any year)'}`;
export const date = (d: Date | string) => new Date(d).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
export const FITMENT_LABELS: Record<string, string> = {
  fits: 'Fits your vehicle',
  likely: 'Likely fits',
  does_not_fit: 'Does not fit',
  needs_review: 'Needs review',
};
export const stars = (rating: number | null) => (rating === null ? 'No ratings yet' : `${'★'.repeat(Math.round(rating))}${'☆'.repeat(5 - Math.round(rating))} ${rating.toFixed(1)}`);
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;
