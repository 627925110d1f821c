/** ISO-4217 currencies we accept, with their minor-unit digits (prices are stored as integers in minor units). */
export const CURRENCIES = {
  USD: 2, CAD: 2, EUR: 2, GBP: 2, AUD: 2, NZD: 2, CHF: 2, SEK: 2, NOK: 2, DKK: 2, PLN: 2, CZK: 2, MXN: 2, JPY: 0,
} as const;
export type Currency = keyof typeof CURRENCIES;
export const CURRENCY_CODES = Object.keys(CURRENCIES) as [Currency, ...Currency[]];

/** Upper bound for a used part: 10 million in major units keeps every sum far inside a safe integer. */
export const MAX_PRICE_MINOR = 1_000_000_000;

export function formatPrice(priceMinor: number, currency: Currency, locale = 'en-US'): string {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).format(priceMinor / 10 ** CURRENCIES[currency]);
}
