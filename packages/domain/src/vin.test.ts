import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vinLast8 } from './inputs.ts';
import { checkVinYear, modelYearsForVinCode, vinLast8Problem } from './vin.ts';

describe('VIN year codes', () => {
  it('maps position-10 codes onto two years thirty apart', () => {
    expect(modelYearsForVinCode('A')).toEqual([1980, 2010]);
    expect(modelYearsForVinCode('E')).toEqual([1984, 2014]);
    expect(modelYearsForVinCode('Y')).toEqual([2000, 2030]);
    expect(modelYearsForVinCode('1')).toEqual([2001, 2031]);
    expect(modelYearsForVinCode('9')).toEqual([2009, 2039]);
    expect(modelYearsForVinCode('U')).toBeNull();
    expect(modelYearsForVinCode('0')).toBeNull();
  });

  it('names both years when the code disagrees with the stated year', () => {
    expect(checkVinYear('E1234567', 2015)).toEqual({
      kind: 'disagrees',
      code: 'E',
      years: [1984, 2014],
      note: 'VIN year code E means 1984 or 2014, not 2015',
    });
    expect(checkVinYear('E1234567', 2014)).toEqual({ kind: 'agrees' });
    expect(checkVinYear('E1234567', 1984)).toEqual({ kind: 'agrees' });
  });

  it('does not check vehicles from before 1981', () => {
    expect(checkVinYear('E1234567', 1979).kind).toBe('not_checked');
  });

  it('agrees for every year from 1981 on with the code the table gives it', () => {
    const codes = 'ABCDEFGHJKLMNPRSTVWXY123456789';
    fc.assert(
      fc.property(fc.integer({ min: 1981, max: 2039 }), (year) => {
        const code = codes[(year - 1980) % 30]!;
        expect(checkVinYear(`${code}ABC1234`, year)).toEqual({ kind: 'agrees' });
      }),
    );
  });
});

describe('vinLast8 input', () => {
  it('normalises case and whitespace', () => {
    expect(vinLast8.parse(' e1234567 ')).toBe('E1234567');
  });

  it.each([
    ['E123456', /exactly 8/],
    ['E12345678', /exactly 8/],
    ['EI234567', /letter I/],
    ['EO234567', /letter O/],
    ['EQ234567', /letter Q/],
    ['U1234567', /never a model-year code/],
    ['Z1234567', /never a model-year code/],
    ['01234567', /never a model-year code/],
    ['E12-4567', /letters and digits/],
  ])('rejects %s with a message naming the problem', (raw, message) => {
    const result = vinLast8.safeParse(raw);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(message);
  });

  it('accepts exactly the strings made of allowed characters with a valid year code', () => {
    const allowed = 'ABCDEFGHJKLMNPRSTUVWXYZ0123456789'.split('');
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...allowed), { minLength: 8, maxLength: 8 }), (chars) => {
        const vin = chars.join('');
        const ok = !'UZ0'.includes(vin[0]!);
        expect(vinLast8Problem(vin) === null).toBe(ok);
      }),
    );
  });
});
