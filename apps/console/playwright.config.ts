import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';
import { chromiumUse, suiteDefaults } from '@carparts/kit/playwright';

const STOREFRONT = 4175;
const CONSOLE = 4176;
const dataDir = fileURLToPath(new URL('./e2e-data/', import.meta.url));
const env = {
  DATABASE_URL: `file:${dataDir}e2e.db`,
  PHOTO_DIR: `${dataDir}photos`,
  CARPARTS_QUIET_LOGS: '1',
};

/**
 * The console's end-to-end tests need the storefront beside it on the same fresh database: the storefront seeds the
 * demo data; the console's command waits for it, creates the operator with the real CLI, then serves the console.
 */
export default defineConfig({
  ...suiteDefaults,
  use: {
    baseURL: `http://localhost:${CONSOLE}`,
    ...chromiumUse,
  },
  webServer: [
    {
      command: `rm -rf "${dataDir}" && node --import tsx ../storefront/server.ts`,
      url: `http://localhost:${STOREFRONT}/`,
      timeout: 180_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      env: { ...env, PORT: String(STOREFRONT) },
    },
    {
      command: [
        `node -e "const go=()=>fetch('http://localhost:${STOREFRONT}/').then(r=>{if(!r.ok)throw 0}).catch(()=>new Promise(r=>setTimeout(r,500)).then(go));go()"`,
        'node --import tsx ../../packages/seed/src/create-operator.ts --username ops-e2e --email ops-e2e@example.com --name "Olivia Ops"',
        'node --import tsx server.ts',
      ].join(' && '),
      url: `http://localhost:${CONSOLE}/signin`,
      timeout: 240_000,
      reuseExistingServer: false,
      stdout: 'ignore',
      env: { ...env, CONSOLE_PORT: String(CONSOLE), OPERATOR_PASSWORD: 'operator e2e passphrase' },
    },
  ],
});

