import { describe, expect, it } from 'vitest';
import { canonicalMake, makeKey, modelKey } from './vehicles.ts';
import { decodeCursor, encodeCursor } from './pagination.ts';

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
    expect(decodeCursor(encodeCursor('newest', [5, 'abc']), ['newest'], ['number', 'string'] as const)).toEqual({ by: 'newest', after: [5, 'abc'] });
    for (const bad of ['', '!!!', encodeCursor('newest', ['x', 'abc']), encodeCursor('newest', [1]), btoa('{"by":"newest","after":[1,"a"],"x":1}')]) {
      expect(() => decodeCursor(bad, ['newest'], ['number', 'string'] as const)).toThrow(expect.objectContaining({ code: 'BAD_REQUEST' }));
    }
    expect(() => decodeCursor(encodeCursor('oldest', [1, 'a']), ['newest'], ['number', 'string'] as const)).toThrow(expect.objectContaining({ fieldErrors: { cursor: ['Belongs to another sort order'] } }));
  });
});
