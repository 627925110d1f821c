import superjson, { type SuperJSONResult } from 'superjson';

class NotPlain extends Error {}
const NOT_PLAIN = new NotPlain();
const MAX_DEPTH = 64;

const escapeKey = (key: string) => key.replace(/\\/g, '\\\\').replace(/\./g, '\\.');

/**
 * A value an answer already holds as JSON text, because SQLite wrote it: the text, where its dates are (paths within
 * the value, as superjson names them) and how to read it into the objects it stands for.
 */
export class KeptJson<V> {
  constructor(
    readonly text: string,
    readonly datePaths: readonly string[],
    private readonly revive: (parsed: unknown) => V,
  ) {}

  read(): V {
    return this.revive(JSON.parse(this.text));
  }
}

type Unkept<V> = V extends KeptJson<infer Read> ? Read : V;

/** The properties of objects made by {@link withKeptJson} whose kept text nobody has read yet. */
const keptTexts = new WeakMap<object, Map<string, KeptJson<unknown>>>();

/**
 * `value`, with each of its {@link KeptJson} properties turned into a getter that reads the text into objects the first
 * time anything reads the property (and leaves an ordinary property behind). Until then an answer written by
 * {@link answerJson} copies the text as it is, instead of parsing it into objects and writing them out again; once
 * read, the objects may have been changed, so the text is no longer used.
 */
export function withKeptJson<T extends object>(value: T): { [K in keyof T]: Unkept<T[K]> } {
  let kept: Map<string, KeptJson<unknown>> | undefined;
  for (const key in value) {
    const property = value[key];
    if (!(property instanceof KeptJson)) continue;
    (kept ??= new Map()).set(key, property);
    const settle = (read: unknown) => {
      kept!.delete(key);
      Object.defineProperty(value, key, { value: read, writable: true, enumerable: true, configurable: true });
      return read;
    };
    Object.defineProperty(value, key, { enumerable: true, configurable: true, get: () => settle(property.read()), set: settle });
  }
  if (kept) keptTexts.set(value, kept);
  return value as { [K in keyof T]: Unkept<T[K]> };
}

interface Shape {
  /** superjson's paths of the dates in the value, but for those inside kept texts. */
  dates: string[];
  /** The kept texts' dates: where each text is, and its dates' paths within it. */
  keptDates: { at: string; paths: readonly string[] }[];
  /** The objects and arrays on the way to a kept text: written piece by piece, where the rest is JSON.stringify's. */
  holders: Set<object>;
}

/**
 * Where an answer's dates are, and (with `useKept`) which of its objects hold a kept text that is to be copied. Throws
 * NOT_PLAIN for anything but plain objects, arrays, strings, finite numbers, booleans, null and valid dates.
 */
function shapeOf(value: unknown, useKept: boolean): Shape {
  const dates: string[] = [];
  const keptDates: Shape['keptDates'] = [];
  const holders = new Set<object>();
  const path: (string | number)[] = [];
  const within: object[] = [];
  const here = () => path.map((key) => (typeof key === 'number' ? key : escapeKey(key))).join('.');

  const visit = (v: unknown): void => {
    if (v === null || typeof v === 'string' || typeof v === 'boolean') return;
    if (typeof v === 'number') {
      if (!Number.isFinite(v) || Object.is(v, -0)) throw NOT_PLAIN;
      return;
    }
    if (typeof v !== 'object') throw NOT_PLAIN;
    if (path.length > MAX_DEPTH) throw NOT_PLAIN;
    if (v instanceof Date) {
      if (Number.isNaN(v.getTime())) throw NOT_PLAIN;
      dates.push(here());
      return;
    }
    within.push(v);
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        path.push(i);
        visit(v[i]);
        path.pop();
      }
    } else {
      const proto = Object.getPrototypeOf(v);
      if (proto !== Object.prototype && proto !== null) throw NOT_PLAIN;
      const kept = useKept ? keptTexts.get(v) : undefined;
      for (const key in v) {
        if (key === '__proto__') throw NOT_PLAIN;
        path.push(key);
        const text = kept?.get(key);
        if (text) {
          if (text.datePaths.length) keptDates.push({ at: here(), paths: text.datePaths });
          for (const holder of within) holders.add(holder);
        } else {
          visit((v as Record<string, unknown>)[key]);
        }
        path.pop();
      }
    }
    within.pop();
  };

  visit(value);
  return { dates, keptDates, holders };
}

function metaOf(value: unknown, dates: string[]): SuperJSONResult['meta'] | undefined {
  if (dates.length === 0) return undefined;
  if (value instanceof Date) return { values: ['Date'], v: 1 };
  const values: Record<string, ['Date']> = {};
  for (const at of dates) values[at] = ['Date'];
  return { values, v: 1 };
}

/**
 * superjson's wire format for what the API answers, written in one pass. Answers are plain objects, arrays, strings,
 * finite numbers, booleans, null and dates: this only notes where the dates are (JSON.stringify writes them as the
 * same ISO strings superjson would) and leaves the value as it is, where superjson walks and copies every node with
 * path bookkeeping — a tenth of a millisecond per page of results. Anything else (undefined, a Map, a BigInt, NaN, a
 * class instance) goes to superjson itself, so the client's superjson reads every answer the same way.
 */
export function serializeAnswer(value: unknown): SuperJSONResult {
  let shape: Shape;
  try {
    shape = shapeOf(value, false);
  } catch (error) {
    if (error === NOT_PLAIN) return superjson.serialize(value);
    throw error;
  }
  const meta = metaOf(value, shape.dates);
  return meta ? { json: value as SuperJSONResult['json'], meta } : { json: value as SuperJSONResult['json'] };
}

/**
 * `JSON.stringify(serializeAnswer(value))`, except that a kept JSON text nobody has read ({@link withKeptJson}) is
 * copied into the answer as SQLite wrote it.
 */
export function answerJson(value: unknown): string {
  let shape: Shape;
  try {
    shape = shapeOf(value, true);
  } catch (error) {
    if (error === NOT_PLAIN) return JSON.stringify(superjson.serialize(value));
    throw error;
  }
  const write = (v: unknown): string => {
    if (typeof v !== 'object' || v === null || !shape.holders.has(v)) return JSON.stringify(v);
    if (Array.isArray(v)) return `[${v.map(write).join(',')}]`;
    const kept = keptTexts.get(v);
    const members: string[] = [];
    for (const key in v) members.push(`${JSON.stringify(key)}:${kept?.get(key)?.text ?? write((v as Record<string, unknown>)[key])}`);
    return `{${members.join(',')}}`;
  };
  const meta = metaJsonOf(value, shape);
  return `{"json":${write(value)}${meta ? `,"meta":${meta}` : ''}}`;
}

/**
 * The meta of an answer whose dates are all those of one kept text, by where the text is and its paths (a page of
 * cards: the same paths for every page of that size). Written once per pair, where building it per answer made an
 * object with a new key per date.
 */
const keptMetaJson = new WeakMap<readonly string[], Map<string, string>>();

function metaJsonOf(value: unknown, { dates, keptDates }: Shape): string | undefined {
  const only = keptDates.length === 1 && dates.length === 0 ? keptDates[0]! : undefined;
  if (only) {
    let byPlace = keptMetaJson.get(only.paths);
    if (!byPlace) keptMetaJson.set(only.paths, (byPlace = new Map()));
    let json = byPlace.get(only.at);
    if (json === undefined) byPlace.set(only.at, (json = JSON.stringify(metaOf(value, only.paths.map((path) => `${only.at}.${path}`)))));
    return json;
  }
  const all = [...dates, ...keptDates.flatMap(({ at, paths }) => paths.map((path) => `${at}.${path}`))];
  const meta = metaOf(value, all);
  return meta && JSON.stringify(meta);
}

/** Inputs are read by superjson (clients send its format); answers are written by {@link serializeAnswer}. */
export const wireTransformer = {
  input: superjson,
  output: { serialize: serializeAnswer, deserialize: superjson.deserialize.bind(superjson) },
};
