import { CONDITIONS, PART_CATEGORIES, describeCoverage, formatPrice, type Condition, type CoverageRow, type Currency, type PartCategory } from '@carparts/domain';

export const price = (cents: number, currency: string) => formatPrice(cents, currency as Currency);
export const category = (code: string) => PART_CATEGORIES[code as PartCategory] ?? code;
export const condition = (code: string) => CONDITIONS[code as Condition] ?? code;
export const vehicle = (v: { vehicleMake: string; vehicleModel: string; vehicleYear: number | null }) =>
  `${v.vehicleYear ? `${v.vehicleYear} ` : ''}${v.vehicleMake} ${v.vehicleModel}${v.vehicleYear ? '' : ' (any year)'}`;
/** "Volkswagen Golf 2009–2013 +1 more vehicle": a card's line for what the part fits. */
export const coverageSummary = (rows: CoverageRow[]) =>
  rows.length === 0 ? '' : `${describeCoverage(rows[0]!)}${rows.length > 1 ? ` +${rows.length - 1} more vehicle${rows.length > 2 ? 's' : ''}` : ''}`;
/** The fit badge of a card for the shopper's vehicle. */
export const fitBadge = (fit: string | null, vehicleName: string | null): string | null =>
  fit === 'fits' ? `Fits your ${vehicleName ?? 'vehicle'}` : fit === 'does_not_fit' ? 'Does not fit' : fit === 'likely' ? 'May fit: seller gave no years' : fit === 'needs_review' ? 'Fit under review' : null;
export const date = (d: Date | string) => new Date(d).toLocaleDateString('en-US', { year: 'numeric', month: 'short', day: 'numeric' });
export const FITMENT_LABELS: Record<string, string> = {
  fits: 'Fits your vehicle',
  likely: 'May fit: the seller gave no model years',
  does_not_fit: 'Does not fit',
  needs_review: 'Needs review',
};
/** What a listing's status means to a shopper or seller, never the raw code. */
export const LISTING_STATUS_LABELS: Record<string, string> = {
  active: 'For sale',
  reserved: 'Reserved',
  sold: 'Sold',
  withdrawn: 'Withdrawn',
  removed: 'Removed by the marketplace',
};
export const listingStatus = (code: string) => LISTING_STATUS_LABELS[code] ?? code;

export const PURCHASE_STATUS_LABELS: Record<string, string> = { reserved: 'Reserved', completed: 'Completed', cancelled: 'Cancelled', expired: 'Expired' };
export const purchaseStatus = (code: string) => PURCHASE_STATUS_LABELS[code] ?? code;

export const INQUIRY_STATUS_LABELS: Record<string, string> = { open: 'Waiting for an answer', replied: 'Answered', closed: 'Closed' };
export const inquiryStatus = (code: string) => INQUIRY_STATUS_LABELS[code] ?? code;

/** A photo's caption and the side it shows, whichever there are: "Label side · rear view", "rear view", "". */
export const photoDescription = (p: { caption: string | null; angle: string | null }) => [p.caption, p.angle && `${p.angle} view`].filter(Boolean).join(' · ');

/** How long something has waited, in the largest unit that reads naturally: "40 minutes", "5 hours", "13 days". */
export function age(from: Date | string, now: Date = new Date()): string {
  const minutes = Math.max(0, Math.floor((now.getTime() - new Date(from).getTime()) / 60_000));
  if (minutes < 60) return plural(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return plural(hours, 'hour');
  const days = Math.floor(hours / 24);
  return days < 60 ? plural(days, 'day') : plural(Math.floor(days / 30), 'month');
}
export const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

const CHANGE_FIELDS: Record<string, string> = { status: 'Status', role: 'Role', reviewed: 'Reviewed', reviewNote: 'Review note', moderationReason: 'Reason shown to the seller' };
const STATUS_LABELS_BY_TARGET: Record<string, Record<string, string>> = { listing: LISTING_STATUS_LABELS, inquiry: INQUIRY_STATUS_LABELS };
const changeValue = (targetType: string, key: string, value: unknown) => {
  if (value === null || value === undefined || value === '') return 'nothing';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (key === 'status' && typeof value === 'string') return STATUS_LABELS_BY_TARGET[targetType]?.[value]?.toLowerCase() ?? value;
  return String(value);
};

/** An audit entry's before → after in words: "Status: for sale → removed by the marketplace". */
export function describeChange(targetType: string, before: unknown, after: unknown): string {
  const from = (before && typeof before === 'object' ? before : {}) as Record<string, unknown>;
  const to = (after && typeof after === 'object' ? after : {}) as Record<string, unknown>;
  const keys = [...new Set([...Object.keys(from), ...Object.keys(to)])].filter((k) => JSON.stringify(from[k]) !== JSON.stringify(to[k]));
  if (keys.length === 0) return 'No change recorded';
  return keys.map((k) => `${CHANGE_FIELDS[k] ?? k}: ${changeValue(targetType, k, from[k])} → ${changeValue(targetType, k, to[k])}`).join('; ');
}
export const dateTime = (d: Date | string) => new Date(d).toLocaleString('en-US', { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' });
/** How soon a seller usually answers, from the median minutes to a first answer: "usually answers within 2 hours". */
export function answersWithin(medianMinutes: number | null): string | null {
  if (medianMinutes === null) return null;
  if (medianMinutes <= 60) return 'usually answers within an hour';
  const hours = Math.ceil(medianMinutes / 60);
  if (hours < 24) return `usually answers within ${plural(hours, 'hour')}`;
  return `usually answers within ${plural(Math.ceil(hours / 24), 'day')}`;
}

/** How a part can reach the buyer, in a line: "Pickup · ships for €25.00 · freight only". */
export function deliverySummary(l: { pickupAvailable?: boolean; shippingMode?: string; freightOnly?: boolean; shippingTo?: { priceCents: number | null } | null; currency: string }): string {
  const ways: string[] = [];
  if (l.pickupAvailable) ways.push('Pickup');
  if (l.shippingTo) ways.push(l.shippingTo.priceCents === null ? 'ships to you, price on request' : `ships to you for ${price(l.shippingTo.priceCents, l.currency)}`);
  else if (l.shippingMode === 'priced') ways.push('ships');
  else if (l.shippingMode === 'quote') ways.push('ships, price on request');
  if (l.freightOnly && l.shippingMode !== 'none') ways.push('freight only');
  const text = ways.join(' · ');
  return text ? text.charAt(0).toUpperCase() + text.slice(1) : 'Ask the seller how to get it';
}
