import { describe, expect, it } from 'vitest';
import { canonicalMake, makeKey, modelKey } from './vehicles.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';
import { z } from 'zod';

describe('vehicle names', () => {
  it('collapses aliases and spellings of a make', () => {
    expect(canonicalMake('vw')).toBe('Volkswagen');
    expect(canonicalMake('CHEVY')).toBe('Chevrolet');
    expect(canonicalMake('Mercedes')).toBe('Mercedes-Benz');
    expect(makeKey('Skoda')).toBe(makeKey('Škoda'));
    expect(canonicalMake('  Lada  Niva ')).toBe('Lada Niva');
  });

  it('compares models on letters and digits only', () => {
    expect(modelKey('F-150')).toBe(modelKey('f 150'));
    expect(modelKey('CR-V')).toBe('crv');
  });
});

describe('cursors', () => {
  it('round-trip and reject tampering with a BAD_REQUEST', () => {
    const schema = z.strictObject({ t: z.number() });
    expect(decodeCursor(schema, encodeCursor({ t: 5 }))).toEqual({ t: 5 });
    for (const bad of ['', '!!!', encodeCursor({ t: 'x' }), encodeCursor({ t: 1, extra: 1 })]) {
      expect(() => decodeCursor(schema, bad)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    }
  });
});
