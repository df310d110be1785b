import type Database from "better-sqlite3";
import type { PairFilter } from "../../../shared/api";
import { granularities, statuses, type Granularity, type Status } from "../../../shared/domain";
import type { Activity, ExportPreview } from "../../../shared/insightsApi";
import type { InsightsStore, StoredThumb } from "../insights";
import { filterWhere } from "./filterSql";
import { annotationViews, currentDecision } from "./pairDetail";
import { StatementCache } from "./statementCache";
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from "./summaryRow";

/* SQL behind the gallery, dashboard and export screens; read-only, on the store's connection. */

interface SplitSummaryRow {
  images: number;
  accepted_images: number;
  accepted_bytes: number;
  open_images: number;
  open_bytes: number;
  edited_pending: number;
  edited_accepted: number;
  edited_rejected: number;
}

function activity(statements: StatementCache, split?: string): Activity {
  // A join on the pair's unique id walks the (small) history, not the split's pairs.
  const scope = split === undefined ? "" : "AND EXISTS (SELECT 1 FROM pairs p WHERE p.id = h.pair_id AND p.split = ?)";
  const params = split === undefined ? [] : [split];
  const hours = statements
    .get(
      `SELECT h.reviewer AS reviewer, substr(h.at, 1, 13) AS hour, count(*) AS decisions FROM history h
       WHERE json_extract(h.after, '$.status') != 'pending' ${scope}
       GROUP BY h.reviewer, hour ORDER BY hour, h.reviewer`,
    )
    .all(...params) as Activity["hours"];
  // Each reviewer's last word on each pair; two reviewers agree when those statuses match.
  const agreement = statements
    .get(
      `WITH last AS (
         SELECT pair_id, reviewer, status FROM (
           SELECT h.pair_id, h.reviewer, json_extract(h.after, '$.status') AS status,
                  row_number() OVER (PARTITION BY h.pair_id, h.reviewer ORDER BY h.version DESC) AS rn
           FROM history h WHERE 1 ${scope})
         WHERE rn = 1 AND status != 'pending')
       SELECT a.reviewer AS a, b.reviewer AS b, count(*) AS pairs, sum(a.status = b.status) AS agreed
       FROM last a JOIN last b ON a.pair_id = b.pair_id AND a.reviewer < b.reviewer
       GROUP BY a.reviewer, b.reviewer ORDER BY pairs DESC`,
    )
    .all(...params) as Activity["agreement"];
  return { hours, agreement };
}

function countByGranularity(statements: StatementCache, filter: PairFilter): Record<Granularity, number> {
  const where = filterWhere(filter);
  const counts = Object.fromEntries(granularities.map((g) => [g, 0])) as Record<Granularity, number>;
  const rows = statements
    .get(`SELECT p.granularity AS g, count(*) AS n FROM pairs p WHERE ${where.sql} GROUP BY p.granularity`)
    .all(...where.params) as { g: Granularity; n: number }[];
  for (const row of rows) if (row.g in counts) counts[row.g] = row.n;
  return counts;
}

function thumbs(statements: StatementCache, ids: readonly string[]): StoredThumb[] {
  const pairs = statements
    .get(
      `SELECT p.id, p.split, p.image_id, p.image_pk, p.targets, i.file_name, i.width, i.height, i.file_flags, i.raw, i.annotations
       FROM pairs p JOIN images i ON i.pk = p.image_pk
       WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.split, p.seq`,
    )
    .all(JSON.stringify(ids)) as {
    id: string;
    split: string;
    image_id: number;
    image_pk: number;
    targets: string;
    file_name: string;
    width: number;
    height: number;
    file_flags: number;
    raw: Buffer;
    annotations: string;
  }[];
  // Pairs of one image share its annotations: build their views once per image.
  const views = new Map<number, ReturnType<typeof annotationViews>>();
  return pairs.map((pair) => {
    let anns = views.get(pair.image_pk);
    if (!anns) {
      views.set(pair.image_pk, (anns = annotationViews(pair)));
    }
    const byIndex = new Map(anns.map((a) => [a.index, a]));
    const targets = (JSON.parse(pair.targets) as number[]).flatMap((t) => byIndex.get(t) ?? []);
    return {
      id: pair.id,
      split: pair.split,
      imageId: pair.image_id,
      width: pair.width,
      height: pair.height,
      targets,
    };
  });
}

function exportPreview(statements: StatementCache, split: string, includePending: boolean): ExportPreview {
  const keptStatuses = includePending ? ["accepted", "pending"] : ["accepted"];
  const byStatus = Object.fromEntries(
    statuses.map((s) => [s, { object: 0, part: 0, mixed: 0 }]),
  ) as ExportPreview["byStatus"];
  let kept = 0;
  let dropped = 0;
  let editedKept = 0;
  let decided = 0;
  // pair_counts and split_summary hold all of it: a few rows, whatever the split's size.
  const rows = statements
    .get("SELECT status, granularity AS g, sum(n) AS n FROM pair_counts WHERE split = ? GROUP BY status, granularity")
    .all(split) as { status: Status; g: Granularity; n: number }[];
  const summary = statements.get("SELECT * FROM split_summary WHERE split = ?").get(split) as SplitSummaryRow | undefined;
  const editedOf = (status: Status): number => (summary ? summary[`edited_${status}`] : 0);
  for (const row of rows) {
    const cell = byStatus[row.status];
    if (cell && row.g in cell) cell[row.g] += row.n;
    const keep = keptStatuses.includes(row.status);
    if (keep) kept += row.n;
    else dropped += row.n;
    if (row.status !== "pending") decided += row.n;
  }
  for (const status of keptStatuses) editedKept += editedOf(status as Status);
  const images = {
    total: summary?.images ?? 0,
    kept: (includePending ? summary?.open_images : summary?.accepted_images) ?? 0,
    bytes: (includePending ? summary?.open_bytes : summary?.accepted_bytes) ?? 0,
  };
  return {
    split,
    includePending,
    pairs: { kept, dropped },
    images: { kept: images.kept, dropped: images.total - images.kept },
    byStatus,
    editedKept,
    estimatedBytes: images.bytes,
    decided,
  };
}

/** The insights of a SQLite review database (synchronous queries behind the async contract). */
export function createSqliteInsights(db: Database.Database): InsightsStore {
  const statements = new StatementCache(db);
  return {
    activity: async (split) => activity(statements, split),
    filteredIds: async (filter) => {
      const where = filterWhere(filter);
      return statements.get(`SELECT p.id FROM pairs p WHERE ${where.sql} ORDER BY p.split, p.seq`).pluck().all(...where.params) as string[];
    },
    countByGranularity: async (filter) => countByGranularity(statements, filter),
    summaries: async (ids) =>
      (
        statements
          .get(`SELECT ${SUMMARY_COLUMNS} FROM pairs p WHERE p.id IN (SELECT value FROM json_each(?)) ORDER BY p.split, p.seq`)
          .all(JSON.stringify(ids)) as SummaryRow[]
      ).map(toSummary),
    imagePairs: async (split, imageId) =>
      (
        statements
          .get(`SELECT ${SUMMARY_COLUMNS} FROM pairs p WHERE p.split = ? AND p.image_id = ? ORDER BY p.idx`)
          .all(split, imageId) as SummaryRow[]
      ).map(toSummary),
    thumbs: async (ids) => thumbs(statements, ids),
    decisions: async (ids) => Object.fromEntries(ids.map((id) => [id, currentDecision(statements, id)])),
    exportPreview: async (split, includePending) => exportPreview(statements, split, includePending),
  };
}
