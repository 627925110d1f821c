import type { Db } from './client.ts';

/**
 * Upkeep of the full-text index. Every write transaction that changes listings adds a small segment to the FTS5 index
 * (a bulk load, whose rows arrive newest last while the index is ordered newest first, adds one per row), and FTS5's
 * automerge keeps their number logarithmic, not at one: a search reads a word's list from every segment, and on the
 * peer benchmark's 100,000 listings loaded through the triggers a page of text results cost twice what it does after
 * a merge. This is FTS5's incremental optimize (the 'merge' command with a negative page count): each step merges at
 * most `pagesPerStep` pages in its own short write transaction, so a writer waits one step at most; the steps stop when
 * one finds nothing left to merge (FTS5 then changes fewer than two rows) or when `budgetMs` is spent.
 */
export async function mergeSearchIndex(db: Db, { pagesPerStep = 500, budgetMs = 2_000 }: { pagesPerStep?: number; budgetMs?: number } = {}): Promise<{ steps: number; merged: boolean }> {
  const started = performance.now();
  let steps = 0;
  for (;;) {
    const [before, , after] = await db.$client.batch(
      ['SELECT total_changes() AS n', { sql: "INSERT INTO part_listings_fts(part_listings_fts, rank) VALUES ('merge', ?)", args: [-pagesPerStep] }, 'SELECT total_changes() AS n'],
      'write',
    );
    const didWork = Number(after!.rows[0]!.n) - Number(before!.rows[0]!.n) >= 2;
    if (!didWork) return { steps, merged: true };
    steps++;
    if (performance.now() - started >= budgetMs) return { steps, merged: false };
  }
}
