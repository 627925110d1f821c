import type { z } from 'zod';
import { innerSchema, objectShape } from '../schema-shape.ts';

type AnySchema = z.core.$ZodType;
type Shape = Record<string, AnySchema>;

/** A field of the schema by name; never something inherited (`__proto__`, `constructor`). */
const fieldOf = (shape: Shape | null, name: string) => (shape && Object.hasOwn(shape, name) ? shape[name] : undefined);

const NUMBER = /^-?\d+(\.\d+)?$/;

/**
 * A query-string value as the field's schema expects it: numbers and booleans are written as text in a URL, so
 * `year=2012` becomes 2012 and `withCounts=false` becomes false. Anything that does not read cleanly stays text, and
 * the schema then names the field and what it expected.
 */
function coerceValue(schema: AnySchema | undefined, raw: string): unknown {
  if (!schema) return raw;
  const type = (innerSchema(schema)._zod.def as { type: string }).type;
  if (type === 'number' && NUMBER.test(raw)) return Number(raw);
  if (type === 'boolean' && (raw === 'true' || raw === 'false')) return raw === 'true';
  return raw;
}

function coerceField(schema: AnySchema | undefined, values: string[]): unknown {
  const inner = schema && innerSchema(schema);
  const def = inner?._zod.def as { type: string; element?: AnySchema } | undefined;
  if (def?.type === 'array') return values.map((v) => coerceValue(def.element, v));
  return values.length === 1 ? coerceValue(schema, values[0]!) : values.map((v) => coerceValue(schema, v));
}

/**
 * Reads a query string into the input of an object schema. Lists repeat the parameter (`conditions=new&conditions=
 * used_good`), nested objects use brackets (`fitFor[vehicleMake]=VW`). Names the schema does not know are passed on
 * as they are, for the strict schema to refuse by name.
 */
export function inputFromQuery(params: URLSearchParams, shape: Shape | null): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  // an own property even for `__proto__`, so that the schema refuses it by name instead of it changing the prototype
  const setOwn = (target: Record<string, unknown>, key: string, value: unknown) =>
    Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
  for (const key of new Set(params.keys())) {
    const values = params.getAll(key);
    const nested = /^([A-Za-z0-9_]+)\[([A-Za-z0-9_]+)\]$/.exec(key);
    if (nested) {
      const [, outer, field] = nested as unknown as [string, string, string];
      const outerShape = fieldOf(shape, outer) ? objectShape(fieldOf(shape, outer)) : null;
      if (!Object.hasOwn(input, outer) || typeof input[outer] !== 'object') setOwn(input, outer, {});
      setOwn(input[outer] as Record<string, unknown>, field, coerceField(fieldOf(outerShape, field), values));
      continue;
    }
    setOwn(input, key, coerceField(fieldOf(shape, key), values));
  }
  return input;
}
