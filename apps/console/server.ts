/**
 * The operator console's server: serves the built console on http://localhost:3001 (CONSOLE_PORT overrides it), on
 * the same database as the storefront. It migrates but never seeds; `pnpm start` migrates before starting both apps.
 */
import { fileURLToPath } from 'node:url';
import { startBuiltApp } from '@carparts/kit/serve';

const port = Number(process.env.CONSOLE_PORT || 3001);
await startBuiltApp({ appDir: fileURLToPath(new URL('.', import.meta.url)), name: 'operator console', port });
console.log(`Car Parts Marketplace operator console on http://localhost:${port} (first operator: pnpm create-operator)`);
