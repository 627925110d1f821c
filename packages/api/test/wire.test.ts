import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { serializeAnswer } from '../src/wire.ts';

/** What a client reads: the answer through JSON and superjson's deserializer, as the typed client does. */
const overTheWire = (value: unknown) => superjson.deserialize(JSON.parse(JSON.stringify(serializeAnswer(value))));

const validDate = fc.date({ noInvalidDate: true });
const plainAnswer = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.string(),
    fc.double({ noNaN: true, noDefaultInfinity: true }).filter((n) => !Object.is(n, -0)),
    validDate,
    fc.array(tie('value'), { maxLength: 4 }),
    // keys with dots and backslashes, which superjson's paths escape
    // (an own "__proto__" key is refused: see below)
    fc.dictionary(fc.oneof(fc.string().filter((key) => key !== '__proto__'), fc.constantFrom('a.b', 'c\\d', 'e\\.f', '0')), tie('value'), { maxKeys: 4 }),
  ),
})).value;

describe('answers on the wire', () => {
  it('reads back equal to what was answered, dates included, at any depth and under any key', () => {
    fc.assert(
      fc.property(plainAnswer, (value) => {
        expect(overTheWire(value)).toEqual(value);
      }),
      { numRuns: 500 },
    );
  });

  it('writes what superjson itself writes for plain answers', () => {
    const value = { items: [{ createdAt: new Date(0), 'x.y': new Date(1), nested: { at: new Date(2) } }], next: null };
    const json = (v: unknown) => JSON.parse(JSON.stringify(v));
    expect(json(serializeAnswer(value))).toEqual(json(superjson.serialize(value)));
    expect(json(serializeAnswer(new Date(3)))).toEqual(json(superjson.serialize(new Date(3))));
  });

  it('hands values JSON cannot carry to superjson, so they still arrive intact', () => {
    const value = { missing: undefined, big: 10n, map: new Map([['k', new Date(5)]]), set: new Set([1]), nan: Number.NaN, infinite: -Infinity };
    expect(overTheWire(value)).toEqual(value);
    expect(Object.is((overTheWire({ zero: -0 }) as { zero: number }).zero, -0)).toBe(true);
    // an own "__proto__" key is refused, as superjson refuses it: such an answer becomes an internal error, never a payload
    expect(() => serializeAnswer(JSON.parse('{"a": 1, "__proto__": {"polluted": true}}'))).toThrow(/prototype pollution/);
  });
});
