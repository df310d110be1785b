import type { SplitSummary, Stats, StatusCounts } from "../../../shared/api";
import type { Granularity, Status } from "../../../shared/domain";
import { flagIds, granularities } from "../../../shared/domain";
import { flagBit } from "./flags";
import type { StatementCache } from "./statementCache";

/* Counts for the split list, the dashboard and `mmr-review stats`; all from summary tables. */

const zero = (): StatusCounts => ({ pending: 0, accepted: 0, rejected: 0 });

function add(counts: StatusCounts, status: string, n: number): void {
  if (status === "pending" || status === "accepted" || status === "rejected") counts[status as Status] += n;
}

export function listSplits(statements: StatementCache): SplitSummary[] {
  const splits = statements.get("SELECT name, source_file, imported_at FROM splits ORDER BY name").all() as {
    name: string;
    source_file: string;
    imported_at: string;
  }[];
  const images = new Map(
    (statements.get("SELECT split, images AS n FROM split_summary").all() as { split: string; n: number }[]).map((r) => [r.split, r.n]),
  );
  const byStatus = new Map<string, StatusCounts>();
  for (const row of statements.get("SELECT split, status, sum(n) AS n FROM pair_counts GROUP BY split, status").all() as {
    split: string;
    status: string;
    n: number;
  }[]) {
    let counts = byStatus.get(row.split);
    if (!counts) byStatus.set(row.split, (counts = zero()));
    add(counts, row.status, row.n);
  }
  return splits.map((s) => {
    const counts = byStatus.get(s.name) ?? zero();
    return {
      name: s.name,
      sourceFile: s.source_file,
      importedAt: s.imported_at,
      images: images.get(s.name) ?? 0,
      pairs: counts.pending + counts.accepted + counts.rejected,
      byStatus: counts,
    };
  });
}

/** Counts over every split, or over one split when `split` is given (the caller checks it exists). */
export function stats(statements: StatementCache, split?: string): Stats {
  const one = split !== undefined;
  const params = split !== undefined ? [split] : [];
  const byStatus = zero();
  const byGranularity = Object.fromEntries(granularities.map((g) => [g, zero()])) as Record<Granularity, StatusCounts>;
  const byFlag: Record<string, StatusCounts> = Object.fromEntries(flagIds.map((f) => [f, zero()]));
  const targetHistogram: Record<string, number> = {};

  const groups = statements
    .get(
      `SELECT status, granularity, flags, target_count, sum(n) AS n FROM pair_counts
       WHERE n > 0${one ? " AND split = ?" : ""} GROUP BY status, granularity, flags, target_count`,
    )
    .all(...params) as { status: string; granularity: string; flags: number; target_count: number; n: number }[];
  for (const g of groups) {
    add(byStatus, g.status, g.n);
    const gran = byGranularity[g.granularity as Granularity];
    if (gran) add(gran, g.status, g.n);
    for (const flag of flagIds) if ((g.flags & flagBit(flag)) !== 0) add(byFlag[flag]!, g.status, g.n);
    const key = String(g.target_count);
    targetHistogram[key] = (targetHistogram[key] ?? 0) + g.n;
  }

  // Reasons and reviewers of the current decided pairs, kept per split by the decision writes.
  const byReason: Record<string, number> = {};
  for (const row of statements
    .get(`SELECT reason, sum(n) AS n FROM split_reasons WHERE n > 0${one ? " AND split = ?" : ""} GROUP BY reason ORDER BY n DESC, reason`)
    .all(...params) as { reason: string; n: number }[]) {
    byReason[row.reason] = row.n;
  }
  const byReviewer: Record<string, number> = {};
  for (const row of statements
    .get(`SELECT reviewer, sum(n) AS n FROM split_reviewers WHERE n > 0${one ? " AND split = ?" : ""} GROUP BY reviewer ORDER BY n DESC, reviewer`)
    .all(...params) as { reviewer: string; n: number }[]) {
    byReviewer[row.reviewer] = row.n;
  }

  return {
    splits: one ? listSplits(statements).filter((summary) => summary.name === split) : listSplits(statements),
    total: byStatus.pending + byStatus.accepted + byStatus.rejected,
    byStatus,
    byGranularity,
    byFlag,
    byReason,
    byReviewer,
    targetHistogram,
  };
}
