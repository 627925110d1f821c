import { describe, expect, it } from 'vitest';
import { fitmentVerdict } from './fitment.ts';

const listing = { vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2014 };

describe('fitmentVerdict', () => {
  it('fits the same make, model and year, whatever the spelling of the make', () => {
    expect(fitmentVerdict(listing, { vehicleMake: 'VW', vehicleModel: 'golf', vehicleYear: 2014 }).fitmentStatus).toBe('fits');
    expect(fitmentVerdict({ vehicleMake: 'Chevy', vehicleModel: 'Silverado-1500', vehicleYear: 2010 }, { vehicleMake: 'chevrolet', vehicleModel: 'Silverado 1500', vehicleYear: 2010 }).fitmentStatus).toBe('fits');
  });

  it('is likely within two model years, or when the seller gave no year', () => {
    expect(fitmentVerdict(listing, { vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 2016 }).fitmentStatus).toBe('likely');
    expect(fitmentVerdict({ ...listing, vehicleYear: null }, { vehicleMake: 'Volkswagen', vehicleModel: 'Golf', vehicleYear: 1999 }).fitmentStatus).toBe('likely');
  });

  it('does not fit another make, another model or a distant year', () => {
    const other = (v: Partial<typeof listing>) => fitmentVerdict(listing, { ...listing, ...v, vehicleYear: v.vehicleYear ?? 2014 });
    expect(other({ vehicleMake: 'Audi' }).fitmentStatus).toBe('does_not_fit');
    expect(other({ vehicleModel: 'Passat' }).fitmentStatus).toBe('does_not_fit');
    expect(other({ vehicleYear: 2020 }).fitmentStatus).toBe('does_not_fit');
  });

  it('sends a would-be fit to review when the VIN year code disagrees, naming both readings', () => {
    const verdict = fitmentVerdict({ ...listing, vehicleYear: 2015 }, { vehicleMake: 'VW', vehicleModel: 'Golf', vehicleYear: 2015, vinLast8: 'E1234567' });
    expect(verdict.fitmentStatus).toBe('needs_review');
    expect(verdict.notes).toContain('VIN year code E means 1984 or 2014, not 2015');
  });

  it('keeps does_not_fit when the vehicle is wrong anyway, and says nothing about an agreeing VIN', () => {
    const wrongMake = fitmentVerdict(listing, { vehicleMake: 'Ford', vehicleModel: 'Focus', vehicleYear: 2015, vinLast8: 'E1234567' });
    expect(wrongMake.fitmentStatus).toBe('does_not_fit');
    expect(wrongMake.notes).toContain('VIN year code E');
    const agreeing = fitmentVerdict(listing, { ...listing, vinLast8: 'E1234567' });
    expect(agreeing).toEqual({ fitmentStatus: 'fits', notes: 'Matches 2014 Volkswagen Golf' });
  });
});
