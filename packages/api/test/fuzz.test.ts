import { createHash } from 'node:crypto';
import { TRPCError } from '@trpc/server';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { appRouter } from '../src/root.ts';
import { callerFor, makeWorld, procedureOf, useTestApi, type World } from './helpers.ts';
import { MATRIX } from './matrix.ts';

/**
 * Random input to every public procedure (mass assignment, input validation, prototype pollution): arbitrary JSON
 * values, valid inputs with one field replaced or one forbidden key added, and malformed multipart uploads. Whatever
 * comes in, the answer is a result or a 4xx — never an internal error — and a rejected call leaves every table as it
 * was.
 */
const env = useTestApi();

/**
 * Every row of every table, hashed. Throttle counters are left out: counting a refused call is their job. The FTS
 * shadow tables follow their listings through triggers, so the listings stand for them.
 */
const TABLES = ['users', 'sessions', 'part_listings', 'inventory_photos', 'purchases', 'compatibility_logs', 'seller_ratings', 'inquiries', 'inquiry_replies', 'audit_log'];
async function fingerprint(): Promise<string> {
  const hash = createHash('sha256');
  for (const table of TABLES) {
    const result = await env.db.$client.execute(`SELECT * FROM ${table} ORDER BY rowid`);
    hash.update(table);
    for (const row of result.rows) hash.update(JSON.stringify(Array.from(row, (v) => (v instanceof ArrayBuffer ? Buffer.from(v).toString('hex') : v))));
  }
  return hash.digest('hex');
}

const FORBIDDEN_KEYS = ['id', 'sellerId', 'buyerId', 'status', 'role', 'isVerifiedPurchase', 'createdAt', 'version', 'expiresAt', 'uploadedBy', 'passwordHash', '__proto__', 'constructor'];

const jsonish = fc.anything({
  maxDepth: 3,
  maxKeys: 5,
  withBigInt: false,
  withBoxedValues: false,
  withMap: false,
  withSet: false,
  withTypedArray: false,
  withSparseArray: false,
  withDate: true,
  withNullPrototype: true,
  withObjectString: true,
});

const mutation = fc.record({
  key: fc.oneof(fc.constantFrom(...FORBIDDEN_KEYS), fc.string({ maxLength: 12 })),
  // values that pass the first checks too, so the fuzzing reaches the domain code behind validation
  value: fc.oneof(
    { arbitrary: jsonish, weight: 2 },
    { arbitrary: fc.stringMatching(/^[a-z0-9]{10,40}$/), weight: 2 },
    { arbitrary: fc.integer(), weight: 1 },
    { arbitrary: fc.string({ maxLength: 300 }), weight: 1 },
    { arbitrary: fc.constantFrom('', ' ', 'null', 'VW', 'E1234567'), weight: 1 },
  ),
  replaceExisting: fc.boolean(),
});

function mutate(valid: unknown, m: { key: string; value: unknown; replaceExisting: boolean }): unknown {
  if (!valid || typeof valid !== 'object' || valid instanceof FormData) return m.value;
  const keys = Object.keys(valid);
  const key = m.replaceExisting && keys.length ? keys[m.key.length % keys.length]! : m.key;
  const copy: Record<string, unknown> = { ...valid };
  Object.defineProperty(copy, key, { value: m.value, enumerable: true, configurable: true, writable: true });
  return copy;
}

function call(path: string, caller: ReturnType<typeof callerFor>, input: unknown) {
  const fn = procedureOf(caller, path);
  return fn(input);
}

/** Prototype pollution shows up as new keys on the built-in prototypes. */
const prototypeKeys = () => [Object.prototype, Array.prototype, Function.prototype, String.prototype].map((p) => Reflect.ownKeys(p).map(String).sort());
const PROTOTYPE_KEYS = prototypeKeys();

const ACTING_AS = ['buyer', 'seller', 'operator'] as const;

describe('fuzzed input to every procedure', () => {
  let world: World;

  for (const path of Object.keys(appRouter._def.procedures)) {
    it(`${path}: never an internal error, and rejected calls change nothing`, async () => {
      world ??= await makeWorld(env);
      const valid = await MATRIX[path]!.input(world);
      await fc.assert(
        fc.asyncProperty(fc.oneof({ arbitrary: jsonish.map((v) => ({ raw: v })), weight: 1 }, { arbitrary: mutation.map((m) => ({ mutation: m })), weight: 3 }), fc.constantFrom(...ACTING_AS), async (arbitrary, as) => {
          const input = 'raw' in arbitrary ? arbitrary.raw : mutate(valid, arbitrary.mutation);
          const before = await fingerprint();
          try {
            await call(path, callerFor(env, world[as].user), input);
          } catch (error) {
            expect(error).toBeInstanceOf(TRPCError);
            const code = (error as TRPCError).code;
            expect(code, `${path} as ${as} with ${String(JSON.stringify(input))?.slice(0, 200)}`).not.toBe('INTERNAL_SERVER_ERROR');
            expect(await fingerprint()).toBe(before);
          }
        }),
        { numRuns: 50, seed: 20261125 + path.length },
      );
      expect(prototypeKeys()).toEqual(PROTOTYPE_KEYS);
    });
  }
});

describe('fuzzed multipart uploads', () => {
  const field = fc.oneof(fc.constantFrom('listingId', 'caption', 'angle', 'isPrimary', 'file', 'sellerId', '__proto__', 'storageKey'), fc.string({ maxLength: 12 }));
  const fileBytes = fc.oneof(
    fc.uint8Array({ maxLength: 2048 }),
    // real image signatures followed by garbage: the decoder must refuse them cleanly
    fc.constantFrom([0xff, 0xd8, 0xff, 0xe0], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], [0x52, 0x49, 0x46, 0x46, 0, 0, 0, 0, 0x57, 0x45, 0x42, 0x50]).chain((sig) =>
      fc.uint8Array({ maxLength: 512 }).map((rest) => Uint8Array.from([...sig, ...rest])),
    ),
  );

  it('photos.upload: never an internal error, and rejected uploads change nothing', async () => {
    const world = await makeWorld(env);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(field, fc.oneof(fc.string({ maxLength: 60 }), fc.constantFrom(world.listing.id, world.soldListing.id, 'true', 'front'))), { maxLength: 6 }),
        fc.option(fc.tuple(fileBytes, fc.string({ maxLength: 40 }), fc.constantFrom('image/png', 'image/jpeg', 'image/svg+xml', 'text/html', '')), { nil: undefined }),
        fc.constantFrom(...ACTING_AS),
        async (fields, file, as) => {
          const form = new FormData();
          for (const [name, value] of fields) form.append(name, value);
          if (file) form.append('file', new Blob([file[0]], { type: file[2] }), file[1] || 'upload.bin');
          const before = await fingerprint();
          try {
            await callerFor(env, world[as].user).photos.upload(form);
          } catch (error) {
            expect(error).toBeInstanceOf(TRPCError);
            expect((error as TRPCError).code, `as ${as} with ${JSON.stringify(fields)}`).not.toBe('INTERNAL_SERVER_ERROR');
            expect(await fingerprint()).toBe(before);
          }
        },
      ),
      { numRuns: 60, seed: 20261128 },
    );
    expect(prototypeKeys()).toEqual(PROTOTYPE_KEYS);
  });
});
