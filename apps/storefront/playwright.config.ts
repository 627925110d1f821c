import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumUse, suiteDefaults } from '@carparts/kit/playwright';

const PORT = 4174;
const dataDir = fileURLToPath(new URL('./e2e-data/', import.meta.url));

/** End-to-end tests against the built storefront (never `vite dev`) on a fresh database, in Debian's Chromium. */
export default defineConfig({
  ...suiteDefaults,
  use: {
    baseURL: `http://localhost:${PORT}`,
    ...chromiumUse,
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
      // emails of unread notifications go out at once, as .eml files the tests read
      MAIL_DIR: `${dataDir}mail`,
      EMAIL_DELAY_SECONDS: '0',
      MAIL_SWEEP_SECONDS: '1',
      CARPARTS_QUIET_LOGS: '1',
    },
  },
});
