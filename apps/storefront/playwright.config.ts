import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const PORT = 4174;
const dataDir = fileURLToPath(new URL('./e2e-data/', import.meta.url));

/** End-to-end tests against the built storefront (never `vite dev`) on a fresh database, in Debian's Chromium. */
export default defineConfig({
  testDir: 'e2e',
  workers: 1,
  fullyParallel: false,
  timeout: 90_000,
  expect: { timeout: 10_000 },
  reporter: [['list']],
  outputDir: 'test-results/artifacts',
  use: {
    baseURL: `http://localhost:${PORT}`,
    browserName: 'chromium',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    },
    screenshot: 'only-on-failure',
    actionTimeout: 15_000,
    navigationTimeout: 30_000,
  },
  webServer: {
    command: `rm -rf "${dataDir}" && node --import tsx server.ts`,
    url: `http://localhost:${PORT}/`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: 'ignore',
    stderr: 'pipe',
    env: {
      PORT: String(PORT),
      DATABASE_URL: `file:${dataDir}e2e.db`,
      PHOTO_DIR: `${dataDir}photos`,
      CARPARTS_QUIET_LOGS: '1',
    },
  },
});
