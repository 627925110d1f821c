import { createRequire } from 'node:module';
import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * graphql 16 ships CommonJS (what Node loads for graphql-yoga and Pothos) and an ESM copy (what Vite would pick for
 * code it transforms). Two copies mean two GraphQLError classes, and errors thrown by our resolvers would no longer be
 * recognised as GraphQL errors; tests load the one Node loads.
 */
const graphqlForNode = createRequire(new URL('./packages/api/package.json', import.meta.url)).resolve('graphql');

/**
 * What every test project shares: Node, and no test that passes without asserting anything. Each package's
 * vitest.config.ts names itself and says where its tests are.
 */
export function testProject(test: NonNullable<UserWorkspaceConfig['test']> & { name: string; include: string[] }) {
  return defineProject({ resolve: { alias: [{ find: /^graphql$/, replacement: graphqlForNode }] }, test: { environment: 'node', expect: { requireAssertions: true }, ...test } });
}

/** Projects that start servers or write through the API: quiet logs and room for real I/O. */
export const serverTests = { testTimeout: 30_000, env: { CARPARTS_QUIET_LOGS: '1' } };
