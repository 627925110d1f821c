import { describe, expect, it } from 'vitest';
import { fitVerdict, overlappingRows, primaryVehicle, type CoverageRow } from './fitment.ts';
import { displayPartNumber, partNumberKey } from './part-numbers.ts';

const golfAndJetta: CoverageRow[] = [
  { make: 'Volkswagen', model: 'Golf', yearFrom: 2009, yearTo: 2013 },
  { make: 'Volkswagen', model: 'Jetta', yearFrom: 2011, yearTo: 2014, engine: '2.0 TDI' },
];
const verdict = (rows: CoverageRow[], make: string, model: string, year: number, vinLast8?: string) =>
  fitVerdict(rows, { vehicleMake: make, vehicleModel: model, vehicleYear: year, vinLast8 });

describe('fitVerdict, the one rule for "fits"', () => {
  it.each([
    ['inside the first row', 'VW', 'Golf', 2011, 'fits'],
    ['on the first year of a range', 'Volkswagen', 'golf', 2009, 'fits'],
    ['on the last year of a range', 'vw', 'GOLF', 2013, 'fits'],
    ['inside the second row', 'Volkswagen', 'Jetta', 2014, 'fits'],
    ['a year before the range', 'VW', 'Golf', 2008, 'does_not_fit'],
    ['a year after the range', 'VW', 'Golf', 2014, 'does_not_fit'],
    ['a year covered only for the sister model', 'VW', 'Jetta', 2010, 'does_not_fit'],
    ['another model', 'VW', 'Passat', 2011, 'does_not_fit'],
    ['another make with the same model name', 'Seat', 'Golf', 2011, 'does_not_fit'],
  ] as const)('%s: %s %s %i → %s', (_, make, model, year, expected) => {
    expect(verdict(golfAndJetta, make, model, year).fitmentStatus).toBe(expected);
  });

  it('folds aliases and spellings of makes and models', () => {
    const silverado: CoverageRow[] = [{ make: 'Chevrolet', model: 'Silverado-1500', yearFrom: 2007, yearTo: 2013 }];
    expect(verdict(silverado, 'Chevy', 'silverado 1500', 2010).fitmentStatus).toBe('fits');
    expect(verdict([{ make: 'Mercedes-Benz', model: 'C-Class', yearFrom: 2015, yearTo: 2015 }], 'Mercedes', 'C Class', 2015).fitmentStatus).toBe('fits');
  });

  it('says which row covers the vehicle, and which rows exist when none does', () => {
    expect(verdict(golfAndJetta, 'VW', 'Jetta', 2012).notes).toBe('The seller lists it for Volkswagen Jetta 2011–2014, 2.0 TDI, which covers your 2012 Volkswagen Jetta');
    expect(verdict(golfAndJetta, 'VW', 'Golf', 2016).notes).toBe('Listed for Volkswagen Golf 2009–2013: not for your 2016 Volkswagen Golf');
  });

  it('labels a row without years as likely, never as fits', () => {
    const yearless: CoverageRow[] = [{ make: 'Ford', model: 'Focus', yearFrom: null, yearTo: null }];
    const v = verdict(yearless, 'Ford', 'Focus', 1999);
    expect(v.fitmentStatus).toBe('likely');
    expect(v.notes).toContain('the seller gave no model years');
    expect(verdict([...yearless, { make: 'Ford', model: 'Focus', yearFrom: 1999, yearTo: 2004 }], 'Ford', 'Focus', 1999).fitmentStatus).toBe('fits');
  });

  it('sends a would-be fit to review when the VIN year code disagrees, naming both readings', () => {
    const v = verdict(golfAndJetta, 'VW', 'Golf', 2012, 'E1234567');
    expect(v.fitmentStatus).toBe('needs_review');
    expect(v.notes).toContain('VIN year code E means 1984 or 2014, not 2012');
    expect(verdict(golfAndJetta, 'VW', 'Golf', 2012, 'C1234567').fitmentStatus).toBe('fits');
    // a vehicle that does not fit anyway stays does_not_fit
    expect(verdict(golfAndJetta, 'Ford', 'Focus', 2012, 'E1234567').fitmentStatus).toBe('does_not_fit');
  });

  it('sends a claimed fit to review while a buyer report for that very vehicle contradicts it', () => {
    const reports = [{ make: 'VW', model: 'Jetta', year: 2012 }];
    const contradicted = fitVerdict(golfAndJetta, { vehicleMake: 'Volkswagen', vehicleModel: 'jetta', vehicleYear: 2012 }, reports);
    expect(contradicted.fitmentStatus).toBe('needs_review');
    expect(contradicted.notes).toContain('A buyer reported that it did not fit');
    expect(fitVerdict(golfAndJetta, { vehicleMake: 'VW', vehicleModel: 'Jetta', vehicleYear: 2013 }, reports).fitmentStatus).toBe('fits');
  });
});

describe('coverage rows', () => {
  it('finds two rows claiming the same vehicle for a common year, unless their engines differ', () => {
    expect(overlappingRows(golfAndJetta)).toBeNull();
    expect(overlappingRows([...golfAndJetta, { make: 'VW', model: 'golf', yearFrom: 2013, yearTo: 2015 }])).toEqual([0, 2]);
    expect(overlappingRows([...golfAndJetta, { make: 'VW', model: 'Golf', yearFrom: 2013, yearTo: 2015, engine: '1.4 TSI' }])).toBeNull();
  });

  it('gives the first row as the primary vehicle of the seed fields', () => {
    expect(primaryVehicle(golfAndJetta)).toEqual({ vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2009 });
  });
});

describe('part numbers', () => {
  it('compare on letters and digits, whatever the spacing, case, dashes or dots', () => {
    const key = partNumberKey('1K0 915 105 AB');
    for (const typed of ['1k0915105ab', '1K0-915-105-AB', ' 1K0.915.105.ab ', '1K0 915 105 AB']) expect(partNumberKey(typed)).toBe(key);
    expect(key).toBe('1K0915105AB');
    expect(displayPartNumber('  1k0  915 105 ab ')).toBe('1K0 915 105 AB');
  });
});
