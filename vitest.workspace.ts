import { defineConfig } from 'vitest/config';

/**
 * The one list of test projects. Vitest 4 no longer discovers workspace files by name, so `pnpm test` points
 * `vitest --config` at this file (see ../shared/STYLE.md).
 */
export default defineConfig({
  test: {
    projects: ['packages/domain', 'packages/db', 'packages/auth', 'packages/api', 'packages/client', 'apps/server'],
    maxWorkers: 2,
  },
});
