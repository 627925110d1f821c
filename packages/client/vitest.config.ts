import { defineProject } from 'vitest/config';
export default defineProject({ test: { name: 'client', include: ['test/**/*.test.ts'], environment: 'node', testTimeout: 30_000, env: { CARPARTS_QUIET_LOGS: '1' } } });
