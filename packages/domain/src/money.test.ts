import { describe, expect, it } from 'vitest';
import { formatMajorUnits, formatPrice, parseMajorUnits } from './money.ts';

describe('money', () => {
  it('reads what a person types in major units as minor units of that currency', () => {
    expect(parseMajorUnits('45', 'USD')).toBe(4_500);
    expect(parseMajorUnits('45.5', 'USD')).toBe(4_550);
    expect(parseMajorUnits('45,50', 'EUR')).toBe(4_550);
    expect(parseMajorUnits('1,250.00', 'GBP')).toBe(125_000);
    expect(parseMajorUnits(' 1 250 ', 'SEK')).toBe(125_000);
    // the yen has no minor unit: ¥5,000 is 5000, never 500,000
    expect(parseMajorUnits('5000', 'JPY')).toBe(5_000);
    expect(parseMajorUnits('5,000', 'JPY')).toBe(5_000);
    expect(parseMajorUnits('5000.5', 'JPY')).toBeNull();
    for (const bad of ['', 'abc', '-5', '4.555', '1e3', '$45']) expect(parseMajorUnits(bad, 'USD')).toBeNull();
  });

  it('writes minor units back in major units, and formats labels with the currency', () => {
    expect(formatMajorUnits(4_550, 'USD')).toBe('45.50');
    expect(formatMajorUnits(5_000, 'JPY')).toBe('5000');
    expect(formatPrice(5_000, 'JPY')).toBe('¥5,000');
    expect(formatPrice(4_550, 'EUR')).toBe('€45.50');
    for (const [minor, currency] of [[123_456, 'USD'], [7, 'JPY'], [99, 'CHF']] as const) {
      expect(parseMajorUnits(formatMajorUnits(minor, currency), currency)).toBe(minor);
    }
  });
});
