/** ISO-4217 currencies we accept, with their minor-unit digits (prices are stored as integers in minor units). */
export const CURRENCIES = {
  USD: 2, CAD: 2, EUR: 2, GBP: 2, AUD: 2, NZD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, MXN: 2, JPY: 0,
} as const;
export type Currency = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as [Currency, ...Currency[]];
export const isCurrency = (code: unknown): code is Currency => typeof code === 'string' && Object.hasOwn(CURRENCIES, code);

/**
 * Prices in different currencies are never compared by face value (¥5,000 is not more than $45). A price filter or a
 * price sort applies within one currency: the one the caller names, else this one; listings priced in other
 * currencies are left out of that search, and the answer says which currency it compared in.
 */
export const DEFAULT_CURRENCY: Currency = 'USD';

/** Upper bound for a used part: 10 million in major units keeps every sum far inside a safe integer. */
export const MAX_PRICE_MINOR = 1_000_000_000;

/**
 * A price as a person types it, in major units ("45", "45.5", "1,250.00"; "5000" yen), as integer minor units; null
 * when it is not a price in that currency (more decimals than it has, letters, a negative sign).
 */
export function parseMajorUnits(text: string, currency: Currency): number | null {
  const digits = CURRENCIES[currency];
  const cleaned = text.trim().replace(/[\s\u00a0]/g, '');
  // a comma is a thousands separator when followed by three digits, else a decimal comma ("45,50")
  const normalized = /,\d{3}(?!\d)/.test(cleaned) && !/\.\d*,/.test(cleaned) ? cleaned.replace(/,(?=\d{3}(?!\d))/g, '') : cleaned.replace(',', '.');
  const match = /^(\d+)(?:\.(\d*))?$/.exec(normalized);
  if (!match) return null;
  const [, whole, fraction = ''] = match as unknown as [string, string, string | undefined];
  if (fraction.length > digits) return null;
  return Number(whole) * 10 ** digits + Number(fraction.padEnd(digits, '0') || 0);
}

/** Minor units as the plain number a form field shows in major units: "45.50", "5000". */
export function formatMajorUnits(minor: number, currency: Currency): string {
  const digits = CURRENCIES[currency];
  return digits === 0 ? String(minor) : (minor / 10 ** digits).toFixed(digits);
}

/** Building a formatter costs a hundred times formatting with one: a page of cards keeps one per locale and currency. */
const priceFormats = new Map<string, Intl.NumberFormat>();

export function formatPrice(priceMinor: number, currency: Currency, locale = 'en-US'): string {
  const key = `${locale}|${currency}`;
  let format = priceFormats.get(key);
  if (!format) priceFormats.set(key, (format = new Intl.NumberFormat(locale, { style: 'currency', currency })));
  return format.format(priceMinor / 10 ** CURRENCIES[currency]);
}

/** "Whole dollars" or "whole yen": what a price field asks for, in words. */
export function priceHint(currency: Currency): string {
  return CURRENCIES[currency] === 0 ? `whole ${currency} amounts, no decimals` : `up to ${CURRENCIES[currency]} decimals`;
}
