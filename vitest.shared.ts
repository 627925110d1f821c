import { defineProject, type UserWorkspaceConfig } from 'vitest/config';

/**
 * What every test project shares: Node, and no test that passes without asserting anything. Each package's
 * vitest.config.ts names itself and says where its tests are.
 */
export function testProject(test: NonNullable<UserWorkspaceConfig['test']> & { name: string; include: string[] }) {
  return defineProject({ test: { environment: 'node', expect: { requireAssertions: true }, ...test } });
}

/** Projects that start servers or write through the API: quiet logs and room for real I/O. */
export const serverTests = { testTimeout: 30_000, env: { CARPARTS_QUIET_LOGS: '1' } };
