import { hashPassword } from '@carparts/auth';
import { users } from '@carparts/db';
import { beforeAll, describe, expect, it } from 'vitest';
import { REST_ROUTES, INTERNAL_PROCEDURES, type ProcedurePath } from '../src/rest/routes.ts';
import { appRouter } from '../src/root.ts';
import { GRAPHQL_CALLS, graphqlUpload, viaGraphql, viaRest, viaTrpc, type Door, type DoorAnswer } from './doors.ts';
import { makeWorld, signedIn, useTestApi, type World } from './helpers.ts';
import { ACTORS, KNOWN_PASSWORD, MATRIX, secretsFor, type Actor } from './matrix.ts';

/*
 * One authorization for three doors: every procedure, for every point of view (the matrix's actors and a suspended
 * account), gives the same outcome over tRPC, REST and — where GraphQL offers it — GraphQL, and no door's answer
 * carries a value that viewer may not see.
 */
const env = useTestApi();
const opts = () => ({ db: env.db, config: env.config, now: env.now });

beforeAll(async () => {
  await env.db.insert(users).values({ username: 'matrix-known', email: 'known@example.test', passwordHash: await hashPassword(KNOWN_PASSWORD), role: 'buyer', displayName: 'Known' });
});

type DoorActor = Actor | 'suspended';
const DOOR_ACTORS: DoorActor[] = [...ACTORS, 'suspended'];

/** The bearer token an actor calls with; a suspended account's token was ended by the suspension. */
async function tokenOf(w: World, actor: DoorActor): Promise<string | null> {
  if (actor === 'anon') return null;
  if (actor !== 'suspended') return w[actor].token;
  const suspended = await signedIn(env, 'seller');
  await w.operator.caller.console.suspendUser({ userId: suspended.user.id, reason: 'Chargeback fraud' });
  return suspended.token;
}

async function callThrough(door: Door, path: ProcedurePath, w: World, actor: DoorActor): Promise<DoorAnswer> {
  const row = MATRIX[path]!;
  const input = await row.input(w);
  const token = await tokenOf(w, actor);
  if (door === 'trpc') return viaTrpc(opts(), path, input, token);
  if (door === 'rest') return viaRest(opts(), path, input, token);
  const call = path === 'photos.upload' ? graphqlUpload(input as FormData) : GRAPHQL_CALLS[path]!(input as Record<string, unknown>);
  return viaGraphql(opts(), call, token);
}

const procedures = Object.keys(appRouter._def.procedures).sort() as ProcedurePath[];
const graphqlDoors = new Set<string>([...Object.keys(GRAPHQL_CALLS), 'photos.upload']);

describe('three doors, one authorization', () => {
  it('every procedure has a REST operation or is listed as internal with its reason, and no route names a missing one', () => {
    const routed = REST_ROUTES.filter((r) => !r.variant).map((r) => r.procedure);
    expect(new Set(routed).size).toBe(routed.length);
    expect([...routed, ...Object.keys(INTERNAL_PROCEDURES)].sort()).toEqual(procedures);
  });

  for (const path of procedures) {
    const doors: Door[] = graphqlDoors.has(path) ? ['trpc', 'rest', 'graphql'] : ['trpc', 'rest'];
    describe(path, () => {
      for (const actor of DOOR_ACTORS) {
        const expected = actor === 'suspended' ? MATRIX[path]!.expect.anon : MATRIX[path]!.expect[actor];
        it(`${actor} → ${expected} through ${doors.join(', ')}`, async () => {
          const outcomes: Record<string, string> = {};
          for (const door of doors) {
            // a fresh marketplace per door: the first door's reservation must not decide the second's
            const w = await makeWorld(env);
            const answer = await callThrough(door, path, w, actor);
            outcomes[door] = answer.code;
            if (answer.code === 'OK') {
              expect(answer.text, `${door} leaks a stored secret`).not.toMatch(/passwordHash|password_hash|secretHash|storageKey/);
              const viewer = actor === 'suspended' ? 'anon' : actor;
              for (const secret of secretsFor(w, viewer, path)) expect(answer.text, `${door} shows ${viewer} a value they may not see`).not.toContain(secret);
            }
          }
          expect(outcomes).toEqual(Object.fromEntries(doors.map((door) => [door, expected])));
        });
      }
    });
  }
});
