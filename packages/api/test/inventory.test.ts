import { inventoryImports, partListings } from '@carparts/db';
import { CSV_COLUMNS, MAX_CSV_ROWS } from '@carparts/domain';
import { TRPCError } from '@trpc/server';
import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { csvTemplate } from '../src/services/inventory.ts';
import { handleRest, REST_BASE } from '../src/rest/handler.ts';
import { makeWorld, photoForm, signedIn, tinyPng, useTestApi } from './helpers.ts';

const env = useTestApi();
const HEADER = 'stock_number,title,category,condition,price,currency,make,model,year_from,year_to,oem_numbers,notes,returns_days,warranty_days';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n');
const message = async (call: Promise<unknown>) => {
  const error = await call.catch((e: unknown) => e);
  expect(error).toBeInstanceOf(TRPCError);
  return (error as TRPCError).message;
};

describe('importing an inventory CSV', () => {
  it('checks every row first and names each error by its line and column, writing nothing', async () => {
    const yard = await signedIn(env, 'seller');
    const file = csv(
      'Y-1,Alternator 140A,electrical,used_good,89.00,USD,Volkswagen,Golf,2009,2013,03L903023F,,30,90',
      'Y-2,Starter motor,engines-and-things,used_good,40,USD,Volkswagen,Golf,2009,2013,,,,',
      // a quoted note over two lines: the next row starts on line 6
      'Y-3,Door mirror,glass_mirrors,used_good,25.00,USD,Ford,Focus,2012,2011,,"Left side,\nheated",0,0',
      'Y-1,Caliper,brakes,used_good,abc,USD,Ford,Focus,2010,2012,,,7,0',
    );
    const checked = await yard.caller.listings.importCsv({ csv: file, dryRun: true });
    expect(checked).toMatchObject({ rows: 4, valid: 1, created: 1, updated: 0, imported: false });
    expect(checked.errors).toEqual([
      { line: 3, stockNumber: 'Y-2', columns: { category: ['Choose a category'] } },
      { line: 4, stockNumber: 'Y-3', columns: { year_to: [expect.stringMatching(/year/i)] } },
      { line: 6, stockNumber: 'Y-1', columns: { stock_number: ['Repeats the stock number of line 2'], price: [expect.any(String)], returns_days: ['Choose no returns, 14 or 30 days'] } },
    ]);
    // asked to import, a file with errors still writes nothing
    expect(await yard.caller.listings.importCsv({ csv: file, dryRun: false })).toMatchObject({ imported: false, created: 1 });
    expect(await env.db.select().from(partListings).where(eq(partListings.sellerId, yard.user.id))).toEqual([]);
  });

  it('imports by stock number: a second upload updates, never duplicates, and leaves a sold part alone', async () => {
    const yard = await signedIn(env, 'seller');
    const first = csv(
      'S-100,Alternator 140A,electrical,used_good,89.00,USD,Volkswagen,Golf,2009,2013,03L903023F; 03L903024,From a 1.6 TDI,30,90',
      'S-101,Brake caliper front left,brakes,used_excellent,35.50,EUR,Opel,Astra,2010,,,,,',
    );
    expect(await yard.caller.listings.importCsv({ csv: first, dryRun: false })).toMatchObject({ rows: 2, created: 2, updated: 0, imported: true, errors: [] });
    const mine = async () => env.db.select().from(partListings).where(eq(partListings.sellerId, yard.user.id));
    const alternator = (await mine()).find((l) => l.stockNumber === 'S-100')!;
    expect(alternator).toMatchObject({ title: 'Alternator 140A', priceCents: 8_900, currency: 'USD', returnsDays: 30, warrantyDays: 90, compatibilityNotes: 'From a 1.6 TDI', status: 'active' });
    expect((await yard.caller.listings.get({ id: alternator.id })).partNumbers.map((n) => n.number)).toEqual(['03L903023F', '03L903024']);

    const second = csv(
      'S-100,Alternator 140A,electrical,used_good,79.00,USD,Volkswagen,Golf,2009,2013,03L903023F,From a 1.6 TDI,30,90',
      'S-101,Brake caliper front left,brakes,used_excellent,35.50,EUR,Opel,Astra,2010,,,,,',
      'S-102,Radiator,cooling,used_good,60.00,USD,Ford,Focus,2012,2014,,,,',
    );
    expect(await yard.caller.listings.importCsv({ csv: second, dryRun: true })).toMatchObject({ created: 1, updated: 2, imported: false });
    expect(await yard.caller.listings.importCsv({ csv: second, dryRun: false })).toMatchObject({ created: 1, updated: 2, imported: true });
    expect((await mine()).length).toBe(3);
    expect((await mine()).find((l) => l.stockNumber === 'S-100')).toMatchObject({ id: alternator.id, priceCents: 7_900, version: alternator.version + 1 });

    // another seller's S-100 is another part
    const other = await signedIn(env, 'seller');
    expect(await other.caller.listings.importCsv({ csv: second, dryRun: true })).toMatchObject({ created: 3, updated: 0 });

    await env.db.update(partListings).set({ status: 'sold' }).where(and(eq(partListings.sellerId, yard.user.id), eq(partListings.stockNumber, 'S-101')));
    const refused = await yard.caller.listings.importCsv({ csv: second, dryRun: false });
    expect(refused).toMatchObject({ imported: false, errors: [{ line: 3, stockNumber: 'S-101', columns: { stock_number: ["This stock number's listing is sold and cannot be changed by an import"] } }] });
  });

  it('refuses a file that is not a CSV of its columns, in words', async () => {
    const yard = await signedIn(env, 'seller');
    const importing = (file: string) => message(yard.caller.listings.importCsv({ csv: file, dryRun: true }));
    expect(await importing('stock,name\nA,B')).toBe('Unknown columns: stock, name (the template lists the columns)');
    expect(await importing('stock_number,title\nA,B')).toBe('Missing columns: category, condition, price, currency, make, model, year_from');
    expect(await importing(HEADER)).toBe('The file has no rows under its header');
    expect(await importing(`${HEADER}\nA-1,"Unclosed quote,electrical,used_good,1,USD,VW,Golf,,,,,,`)).toMatch(/^The file is not a readable CSV/);
    expect(await importing(`${HEADER}\nA-1,Caf\uFFFD part,electrical,used_good,1,USD,VW,Golf,,,,,,`)).toBe('The file is not UTF-8 text: save it as "CSV UTF-8" and upload it again');
    const tooMany = csv(...Array.from({ length: MAX_CSV_ROWS + 1 }, (_, i) => `R-${i},Part ${i},other,used_good,1,USD,VW,Golf,2010,,,,,`));
    expect(await importing(tooMany)).toBe('The file has 10,001 rows; import at most 10,000 at a time');
  });
});

describe('an import while it runs', () => {
  it('reports rows written of rows to write, and a second import waits for the first to finish (or to have died)', async () => {
    const yard = await signedIn(env, 'seller');
    expect(await yard.caller.listings.importProgress()).toBeNull();
    const rows = Array.from({ length: 260 }, (_, i) => `P-${i},Brake pad set ${i},brakes,used_good,12.00,USD,Ford,Focus,2012,2014,,,0,0`);
    await yard.caller.listings.importCsv({ csv: csv(...rows), dryRun: false });
    // two batches (250 + 10), counted as each committed
    expect(await yard.caller.listings.importProgress()).toMatchObject({ total: 260, done: 260, finishedAt: expect.any(Date) });

    // an import of the same seller still writing (its row not finished, started a minute ago) holds the next one off
    await env.db.update(inventoryImports).set({ finishedAt: null, done: 100, startedAt: new Date(env.now().getTime() - 60_000) }).where(eq(inventoryImports.sellerId, yard.user.id));
    expect(await message(yard.caller.listings.importCsv({ csv: csv(rows[0]!), dryRun: false }))).toMatch(/previous import is still running/);
    // checking a file is not importing it
    expect(await yard.caller.listings.importCsv({ csv: csv(rows[0]!), dryRun: true })).toMatchObject({ updated: 1 });
    // one that started 20 minutes ago and never finished died with its process
    await env.db.update(inventoryImports).set({ startedAt: new Date(env.now().getTime() - 20 * 60_000) }).where(eq(inventoryImports.sellerId, yard.user.id));
    expect(await yard.caller.listings.importCsv({ csv: csv(rows[0]!), dryRun: false })).toMatchObject({ imported: true, updated: 1 });
    expect(await yard.caller.listings.importProgress()).toMatchObject({ total: 1, done: 1 });
  });
});

describe('the template', () => {
  it('is itself a file the import takes: every column, one example row that passes', async () => {
    const yard = await signedIn(env, 'seller');
    const template = csvTemplate();
    expect(template.split('\r\n')[0]).toBe(CSV_COLUMNS.join(','));
    expect(await yard.caller.listings.importCsv({ csv: template, dryRun: true })).toMatchObject({ rows: 1, valid: 1, created: 1, errors: [] });
  });
});

describe('photos that follow an import', () => {
  it('attach to the listing with the seller\'s stock number, and to no other seller\'s', async () => {
    const yard = await signedIn(env, 'seller');
    await yard.caller.listings.importCsv({ csv: csv('P-7,Headlamp left,lighting,used_good,70.00,USD,Ford,Focus,2012,2014,,,,'), dryRun: false });
    const photo = await yard.caller.photos.upload(await photoForm(undefined, await tinyPng(), { stockNumber: 'P-7', caption: 'Lens side' }));
    const [listing] = await env.db.select().from(partListings).where(and(eq(partListings.sellerId, yard.user.id), eq(partListings.stockNumber, 'P-7')));
    expect(photo).toMatchObject({ listingId: listing!.id, caption: 'Lens side', isPrimary: true });

    const other = await signedIn(env, 'seller');
    expect(await message(other.caller.photos.upload(await photoForm(undefined, await tinyPng(), { stockNumber: 'P-7' })))).toBe('No listing of yours has the stock number P-7');
    expect(await message(yard.caller.photos.upload(await photoForm(listing!.id, await tinyPng(), { stockNumber: 'P-7' })))).toMatch(/Name the listing by its id or by your stock number/);
  });

  it('arrive through REST by stock number too, as a yard\'s tool sends them', async () => {
    const yard = await signedIn(env, 'seller');
    await yard.caller.listings.importCsv({ csv: csv('Q 8/1,Tail lamp right,lighting,used_good,40.00,USD,Ford,Focus,2012,2014,,,,'), dryRun: false });
    const upload = async (stock: string, token: string) => {
      const form = new FormData();
      form.set('file', new Blob([new Uint8Array(await tinyPng())], { type: 'image/png' }), 'lamp.png');
      form.set('caption', 'Lens');
      const request = new Request(`http://localhost${REST_BASE}/inventory/${encodeURIComponent(stock)}/photos`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      return handleRest({ db: env.db, config: env.config, now: env.now }, request, '198.51.100.30');
    };
    const created = await upload('Q 8/1', yard.token);
    expect(created.status).toBe(201);
    const [listing] = await env.db.select().from(partListings).where(and(eq(partListings.sellerId, yard.user.id), eq(partListings.stockNumber, 'Q 8/1')));
    expect(await created.json()).toMatchObject({ listingId: listing!.id, caption: 'Lens', isPrimary: true });
    const other = await signedIn(env, 'seller');
    expect((await upload('Q 8/1', other.token)).status).toBe(404);
  });
});

describe('exporting the inventory', () => {
  it('gives back the import\'s format, with cells a spreadsheet would run as formulas kept as text, and imports again unchanged', async () => {
    const w = await makeWorld(env);
    const yard = await signedIn(env, 'seller');
    await yard.caller.listings.importCsv({
      csv: csv('E-1,"=HYPERLINK(""http://evil.example"",""click"")",electrical,used_good,12.00,USD,Volkswagen,Golf,2010,2012,,"+1 looks like a formula",14,30'),
      dryRun: false,
    });
    const { csv: exported, rows } = await yard.caller.listings.exportCsv();
    expect(rows).toBe(1);
    const [header, line] = exported.trim().split('\n');
    expect(header).toBe(CSV_COLUMNS.join(','));
    expect(line).toContain(`"'=HYPERLINK(""http://evil.example"",""click"")"`);
    expect(line).toContain(`'+1 looks like a formula`);
    // read back, the apostrophes go: the same file updates the same listing with the same words
    expect(await yard.caller.listings.importCsv({ csv: exported, dryRun: false })).toMatchObject({ created: 0, updated: 1, imported: true });
    const [listing] = await env.db.select().from(partListings).where(eq(partListings.sellerId, yard.user.id));
    expect(listing).toMatchObject({ title: '=HYPERLINK("http://evil.example","click")', compatibilityNotes: '+1 looks like a formula' });
    // one seller's export holds only their parts
    expect((await w.seller.caller.listings.exportCsv()).csv).not.toContain('HYPERLINK');
  });
});
