import { spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { TestDb } from '@carparts/db/testing';
import { startTestApiHost, type TestApiHost } from '@carparts/server/testing';
import { afterAll, beforeAll, expect, it } from 'vitest';

/* The example of another language: a Python script that imports a CSV of listings through REST, run for real. */
let host: TestApiHost;
let t: TestDb;
let base: string;

beforeAll(async () => {
  host = await startTestApiHost();
  ({ t, base } = host);
});
afterAll(() => host.close());

const script = fileURLToPath(new URL('../examples/import_listings.py', import.meta.url));

function run(csvPath: string, env: Record<string, string>) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn('python3', [script, csvPath], { env: { ...process.env, ...env } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

it('imports the rows the server accepts, reports the refused one by field, and the listings are searchable', async () => {
  const signUp = await fetch(`${base}/api/v1/auth/sign-up`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'csv-yard', email: 'csv@example.test', password: 'a long yard passphrase', role: 'seller', displayName: 'CSV Yard' }),
  });
  expect(signUp.status).toBe(201);

  const csvPath = join(t.dir, 'parts.csv');
  writeFileSync(
    csvPath,
    [
      'title,part_category,condition,price_cents,currency,make,model,year_from,year_to,engine,oem_number,notes',
      '"Door mirror, left, heated",glass_mirrors,used_good,4500,USD,Ford,Focus,2011,2014,,,"Blue, with indicator"',
      'Radiator,cooling,used_excellent,7900,EUR,VW,Golf,2009,2012,1.6 TDI,1K0 121 251 DM,',
      'Brake caliper,brakes,broken_beyond_repair,-5,USD,Honda,Civic,2016,2019,,,',
    ].join('\n'),
  );
  const result = await run(csvPath, { CARPARTS_URL: base, CARPARTS_USERNAME: 'csv-yard', CARPARTS_PASSWORD: 'a long yard passphrase' });
  expect(result.code).toBe(1);
  expect(result.stdout).toMatch(/^created \w+ Door mirror, left, heated$/m);
  expect(result.stdout).toMatch(/^created \w+ Radiator$/m);
  expect(result.stderr).toMatch(/^line 4: /m);
  expect(result.stderr).toMatch(/^ {2}condition: /m);
  expect(result.stderr).toMatch(/^ {2}priceCents: /m);

  const mirror = (await (await fetch(`${base}/api/v1/listings?make=Ford&model=Focus&year=2012`)).json()) as { items: Record<string, unknown>[] };
  expect(mirror.items).toEqual([expect.objectContaining({ title: 'Door mirror, left, heated', priceCents: 4500, currency: 'USD' })]);
  const radiator = (await (await fetch(`${base}/api/v1/listings?partNumber=1k0121251dm`)).json()) as { items: Record<string, unknown>[] };
  expect(radiator.items).toEqual([expect.objectContaining({ title: 'Radiator', coverage: [expect.objectContaining({ make: 'Volkswagen', engine: '1.6 TDI' })] })]);
  const all = (await (await fetch(`${base}/api/v1/listings?q=caliper`)).json()) as { items: unknown[] };
  expect(all.items).toEqual([]);
});
