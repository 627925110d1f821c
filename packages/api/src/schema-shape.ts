import type { z } from 'zod';

/** Reading the zod input schemas of the procedures, so REST and GraphQL derive their forms from them. */
export type AnySchema = z.core.$ZodType;
export type Shape = Record<string, AnySchema>;

const WRAPPERS = new Set(['optional', 'default', 'prefault', 'nullable', 'readonly', 'catch', 'nonoptional']);

/** The schema under optional/default/nullable wrappers and a transform's input side: what a client must send. */
export function innerSchema(schema: AnySchema): AnySchema {
  let current = schema;
  for (;;) {
    const def = current._zod.def as { type: string; innerType?: AnySchema; in?: AnySchema };
    if (WRAPPERS.has(def.type) && def.innerType) current = def.innerType;
    else if (def.type === 'pipe' && def.in) current = def.in;
    else return current;
  }
}

/** The fields of an object schema (through wrappers and transforms), or null when the input is not an object. */
export function objectShape(schema: AnySchema | undefined): Shape | null {
  if (!schema) return null;
  const inner = innerSchema(schema);
  const def = inner._zod.def as { type: string; shape?: Shape };
  return def.type === 'object' && def.shape ? def.shape : null;
}


/** Whether a client may leave the field out (optional, or a default fills it). */
export function isOptional(schema: AnySchema): boolean {
  return (schema as z.ZodType).safeParse(undefined).success;
}
