import fc from 'fast-check';
import superjson from 'superjson';
import { describe, expect, it } from 'vitest';
import { answerJson, KeptJson, serializeAnswer, withKeptJson } from '../src/wire.ts';

/** What a client reads: the answer through JSON and superjson's deserializer, as the typed client does. */
const overTheWire = (value: unknown) => superjson.deserialize(JSON.parse(JSON.stringify(serializeAnswer(value))));

const validDate = fc.date({ noInvalidDate: true });
const notRefusedBySuperjson = (key: string) => key !== '__proto__' && key !== 'prototype' && key !== 'constructor';
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
    // (an own "__proto__" key is refused: see below; superjson's reader refuses a date's path through "prototype" or
    // "constructor", whoever wrote it)
    fc.dictionary(fc.oneof(fc.string().filter(notRefusedBySuperjson), fc.constantFrom('a.b', 'c\\d', 'e\\.f', '0')), tie('value'), { maxKeys: 4 }),
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

  /** A value kept as JSON text, as SQLite hands a page of cards over: the text, its dates' paths, and how to read it. */
  const keptOf = <V,>(value: V) => {
    const { json, meta } = serializeAnswer(value);
    return new KeptJson<V>(JSON.stringify(json), Object.keys(meta?.values ?? {}), (parsed) => superjson.deserialize({ json: parsed as never, meta }));
  };
  const containerOf = fc.oneof(fc.array(plainAnswer, { minLength: 1, maxLength: 4 }), fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('a.b', 'c\\d')).filter(notRefusedBySuperjson), plainAnswer, { minKeys: 1, maxKeys: 4 }));

  it('copies a kept text nobody has read into the answer, which reads back as the objects it stands for, dates included', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string().filter((key) => notRefusedBySuperjson(key) && key !== 'kept'), plainAnswer, { maxKeys: 3 }), containerOf, (rest, kept) => {
        const answer = withKeptJson({ ...rest, kept: keptOf(kept) });
        const answered = superjson.deserialize(JSON.parse(answerJson({ pages: [answer], at: new Date(7) })));
        expect(answered).toEqual({ pages: [{ ...rest, kept }], at: new Date(7) });
      }),
      { numRuns: 300 },
    );
  });

  it('copies the text as it is, and once anything has read the value, answers the objects as they are then', () => {
    const text = '[ {"title": "as SQLite wrote it", "at": "1970-01-01T00:00:00.005Z"} ]';
    const kept = () => new KeptJson(text, ['0.at'], (parsed) => (parsed as { title: string; at: string }[]).map((item) => ({ ...item, at: new Date(item.at) })));
    const unread = withKeptJson({ items: kept(), next: null });
    expect(answerJson(unread)).toBe(`{"json":{"items":${text},"next":null},"meta":{"values":{"items.0.at":["Date"]},"v":1}}`);

    const read = withKeptJson({ items: kept(), next: null });
    read.items[0]!.title = 'changed after reading';
    expect(superjson.deserialize(JSON.parse(answerJson(read)))).toEqual({ items: [{ title: 'changed after reading', at: new Date(5) }], next: null });

    const replaced = withKeptJson({ items: kept(), next: null });
    replaced.items = [];
    expect(JSON.parse(answerJson(replaced))).toEqual({ json: { items: [], next: null } });
    // a kept text's meta is written once for its paths and place: the same paths elsewhere are that place's dates
    const paths = ['0.at'];
    const metaAt = (key: string) => JSON.parse(answerJson(withKeptJson({ [key]: new KeptJson(text, paths, (parsed) => parsed) }))).meta;
    expect(metaAt('items')).toEqual({ values: { 'items.0.at': ['Date'] }, v: 1 });
    expect(metaAt('others')).toEqual({ values: { 'others.0.at': ['Date'] }, v: 1 });
    expect(metaAt('items')).toEqual({ values: { 'items.0.at': ['Date'] }, v: 1 });
    // other writers read the value through its getter
    expect(superjson.deserialize(JSON.parse(JSON.stringify(serializeAnswer(withKeptJson({ items: kept() })))))).toEqual({ items: [{ title: 'as SQLite wrote it', at: new Date(5) }] });
  });
});

