import { hashPassword } from '@carparts/auth';
import { users } from '@carparts/db';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { appRouter } from '../src/root.ts';
import { handleTrpc } from '../src/http.ts';
import { callerFor, makeWorld, outcome, procedureOf, useTestApi } from './helpers.ts';
import { ACTORS, isSubscription, KNOWN_PASSWORD, MATRIX, secretsFor } from './matrix.ts';

const env = useTestApi();
beforeAll(async () => {
  const [known] = await env.db.insert(users).values({ username: 'matrix-known', email: 'known@example.test', passwordHash: await hashPassword(KNOWN_PASSWORD), role: 'buyer', displayName: 'Known' }).returning();
  expect(known).toBeDefined();
});

async function callProcedure(path: string, caller: ReturnType<typeof callerFor>, input: unknown) {
  const fn = procedureOf(caller, path);
  const answer = await fn(input);
  // a stream that opened: close it again
  if (isSubscription(path)) await (answer as AsyncIterable<unknown>)[Symbol.asyncIterator]().return?.();
  return answer;
}

describe('authorization matrix', () => {
  it('has a row for every procedure of the router, and no row for a procedure that does not exist', () => {
    const procedures = Object.keys(appRouter._def.procedures).sort();
    expect(Object.keys(MATRIX).sort()).toEqual(procedures);
  });

  for (const [path, row] of Object.entries(MATRIX)) {
    describe(path, () => {
      for (const actor of ACTORS) {
        it(`${actor} → ${row.expect[actor]}`, async () => {
          const w = await makeWorld(env);
          const user = actor === 'anon' ? null : w[actor].user;
          const caller = callerFor(env, user);
          let output: unknown;
          const code = await outcome(async () => {
            output = await callProcedure(path, caller, await row.input(w));
          });
          expect(code).toBe(row.expect[actor]);
          if (code === 'OK') {
            const json = JSON.stringify(output ?? null);
            expect(json).not.toMatch(/passwordHash|password_hash|secretHash|storageKey/);
            for (const secret of secretsFor(w, actor, path)) expect(json).not.toContain(secret);
          }
        });
      }
    });
  }

  it('gives the anonymous column the same answers over HTTP', async () => {
    const w = await makeWorld(env);
    for (const [path, row] of Object.entries(MATRIX)) {
      // streams are opened over HTTP by the three-door matrix, which reads their first message
      if (isSubscription(path)) continue;
      const procedure = appRouter._def.procedures[path as keyof typeof appRouter._def.procedures] as unknown as { _def: { type: string } };
      const input = await row.input(w);
      const url = new URL(`http://localhost/api/trpc/${path}`);
      let request: Request;
      if (procedure._def.type === 'query') {
        if (input !== undefined) url.searchParams.set('input', JSON.stringify({ json: input }));
        request = new Request(url);
      } else if (input instanceof FormData) {
        request = new Request(url, { method: 'POST', body: input });
      } else {
        request = new Request(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ json: input ?? null }) });
      }
      const response = await handleTrpc({ db: env.db, config: env.config, now: env.now }, request, '198.51.100.7');
      const body = (await response.json()) as { error?: { json: { data: { code: string } } } };
      expect({ path, code: body.error?.json.data.code ?? 'OK' }).toEqual({ path, code: row.expect.anon });
    }
  });

  it('a suspended account is signed out everywhere at once', async () => {
    const w = await makeWorld(env);
    await callerFor(env, w.operator.user).console.suspendUser({ userId: w.buyer.user.id, reason: 'Chargeback fraud' });
    const request = new Request('http://localhost/api/trpc/auth.me', { headers: { authorization: `Bearer ${w.buyer.token}` } });
    const response = await handleTrpc({ db: env.db, config: env.config, now: env.now }, request, '198.51.100.8');
    expect(response.status).toBe(401);
    const stored = await env.db.query.users.findFirst({ where: eq(users.id, w.buyer.user.id) });
    expect(stored?.status).toBe('suspended');
  });
});
