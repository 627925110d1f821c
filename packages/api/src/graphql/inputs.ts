import type { z } from 'zod';
import { innerSchema, isOptional, objectShape, type AnySchema } from '../schema-shape.ts';

// input types are built for one schema whose type parameters this module does not need to know
type Builder = PothosSchemaTypes.SchemaBuilder<any>;
type InputRef = ReturnType<Builder['inputType']>;

const capitalize = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/**
 * GraphQL input types made from the procedures' zod schemas, so a rule about an input lives in one place: GraphQL
 * checks only the shape (types, required fields), and the procedure's own schema then validates the values and
 * names any field at fault, exactly as over tRPC and REST. Enumerations are strings whose allowed values are listed
 * in the field's description.
 */
export class ZodInputTypes {
  private readonly made = new Map<string, InputRef>();
  constructor(private readonly builder: Builder) {}

  /** The input type `name` with the fields of an object schema (less `omit`). */
  object(name: string, schema: z.core.$ZodType, omit: readonly string[] = []): InputRef {
    const existing = this.made.get(name);
    if (existing) return existing;
    const shape = objectShape(schema);
    if (!shape) throw new Error(`${name}: the schema is not an object`);
    const ref = this.builder.inputType(name, {
      fields: (t) =>
        Object.fromEntries(
          Object.entries(shape)
            .filter(([field]) => !omit.includes(field))
            .map(([field, fieldSchema]) => [field, this.field(t, `${name}${capitalize(field)}`, fieldSchema)]),
        ),
    });
    this.made.set(name, ref);
    return ref;
  }

  /** The GraphQL type of one zod field, and whether it is a list. */
  typeOf(name: string, schema: AnySchema): { type: unknown; list: boolean; description?: string } {
    const inner = innerSchema(schema);
    const def = inner._zod.def as { type: string; element?: AnySchema; entries?: Record<string, string> };
    switch (def.type) {
      case 'array': {
        const element = this.typeOf(name, def.element!);
        return { ...element, list: true };
      }
      case 'object':
        return { type: this.object(name, inner), list: false };
      case 'number': {
        const format = (inner._zod.def as { format?: string }).format;
        return { type: format && /int/.test(format) ? 'Int' : 'Float', list: false };
      }
      case 'boolean':
        return { type: 'Boolean', list: false };
      case 'enum':
        return { type: 'String', list: false, description: `One of: ${Object.values(def.entries ?? {}).join(', ')}` };
      case 'union': {
        // a closed set of whole numbers (a warranty of 0, 30, 90 or 365 days) is an Int that names its choices
        const values = ((def as { options?: AnySchema[] }).options ?? []).flatMap((option) => ((option._zod.def as { values?: unknown[] }).values ?? [undefined]) as unknown[]);
        if (values.length > 0 && values.every((value) => Number.isInteger(value))) return { type: 'Int', list: false, description: `One of: ${values.join(', ')}` };
        return { type: 'String', list: false };
      }
      default:
        return { type: 'String', list: false };
    }
  }

  private field(t: any, name: string, schema: AnySchema) {
    const { type, list, description } = this.typeOf(name, schema);
    const required = !isOptional(schema);
    const meta = (schema as { meta?: () => { description?: string } | undefined }).meta?.();
    return t.field({ type: list ? [type] : type, required, description: [meta?.description, description].filter(Boolean).join('. ') || undefined });
  }
}

