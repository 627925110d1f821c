import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const run = promisify(execFile);
const benchDir = fileURLToPath(new URL('..', import.meta.url));

/** The benchmarks are only figures while their inputs still say what they claim; this runs one on a small file. */
describe('the inventory import benchmark', () => {
  it('checks, imports and re-imports its file without a refused row', async () => {
    const { stdout } = await run(process.execPath, ['--import', 'tsx', 'src/import-csv.ts', '--rows', '40'], { cwd: benchDir });
    expect(stdout).toMatch(/check only \(dryRun\)\s+[\d.]+ s {2}\(40 new, 0 updated, 0 errors, imported: false\)/);
    expect(stdout).toMatch(/import, every row new\s+[\d.]+ s {2}\(40 new, 0 updated, 0 errors, imported: true\)/);
    expect(stdout).toMatch(/the same file again, every row updated\s+[\d.]+ s {2}\(0 new, 40 updated, 0 errors, imported: true\)/);
  });
});
