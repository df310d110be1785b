import type { StatementCache } from "./statementCache";

/*
 * pair_counts keeps how many pairs share each (split, status, granularity, flags, target count),
 * so the queue's totals, the split list and the dashboard read a few hundred rows instead of
 * scanning 154K pairs (and blocking the event loop) on every request.
 */

export interface CountKey {
  split: string;
  status: string;
  granularity: string;
  flags: number;
  targetCount: number;
}

function sameKey(a: CountKey, b: CountKey): boolean {
  return a.split === b.split && a.status === b.status && a.granularity === b.granularity && a.flags === b.flags && a.targetCount === b.targetCount;
}

/** Moves one pair from one key to another (a decision changed its status, flags or targets). */
export function movePairCount(statements: StatementCache, from: CountKey, to: CountKey): void {
  if (sameKey(from, to)) return;
  statements
    .get("UPDATE pair_counts SET n = n - 1 WHERE split = ? AND status = ? AND granularity = ? AND flags = ? AND target_count = ?")
    .run(from.split, from.status, from.granularity, from.flags, from.targetCount);
  statements
    .get(
      `INSERT INTO pair_counts (split, status, granularity, flags, target_count, n) VALUES (?, ?, ?, ?, ?, 1)
       ON CONFLICT (split, status, granularity, flags, target_count) DO UPDATE SET n = n + 1`,
    )
    .run(to.split, to.status, to.granularity, to.flags, to.targetCount);
}

/** Recomputes the counts of one split from its pairs (end of an import). */
export function recountSplit(statements: StatementCache, split: string): void {
  statements.get("DELETE FROM pair_counts WHERE split = ?").run(split);
  statements
    .get(
      `INSERT INTO pair_counts (split, status, granularity, flags, target_count, n)
       SELECT split, status, granularity, flags, target_count, count(*) FROM pairs WHERE split = ? GROUP BY 1, 2, 3, 4, 5`,
    )
    .run(split);
}

/**
 * Replaces the counts of one split with `counts` (an import tallies its pairs as it writes them):
 * the same rows `recountSplit` would compute from the pairs.
 */
export function writeSplitCounts(
  statements: StatementCache,
  split: string,
  counts: Iterable<{ status: string; granularity: string; flags: number; targetCount: number; n: number }>,
): void {
  statements.get("DELETE FROM pair_counts WHERE split = ?").run(split);
  const insert = statements.get("INSERT INTO pair_counts (split, status, granularity, flags, target_count, n) VALUES (?, ?, ?, ?, ?, ?)");
  for (const c of counts) insert.run(split, c.status, c.granularity, c.flags, c.targetCount, c.n);
}
