import { defineConfig } from 'vitest/config';

/**
 * The one list of test projects. Vitest 4 no longer discovers workspace files by name, so `pnpm test` points
 * `vitest --config` at this file; what the projects share is in vitest.shared.ts.
 */
export default defineConfig({
  test: {
    projects: ['packages/domain', 'packages/db', 'packages/auth', 'packages/api', 'packages/kit', 'packages/client', 'packages/bench', 'apps/server'],
    maxWorkers: 2,
  },
});
