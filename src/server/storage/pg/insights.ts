import type pg from "pg";
import type { AnnotationView, PairFilter, PairSummary } from "../../../shared/api";
import { granularities, statuses, type Decision, type Granularity, type Status } from "../../../shared/domain";
import type { Activity, ExportPreview } from "../../../shared/insightsApi";
import type { InsightsStore, StoredThumb } from "../insights";
import { decisionFromRow, type DecisionRow } from "../sqlite/rows";
import { toSummary, type SummaryRow } from "../sqlite/summaryRow";
import { annotationViews } from "../annotationViews";
import { storedAnnotation, type AnnotationRow } from "./annotationRows";
import { usesActivity } from "./filterSql";
import { SUMMARY_COLUMNS as TALLY_COLUMNS } from "./splitTallies";
import { filterWhere, Params, SUMMARY_COLUMNS, tsQuery } from "./pairList";

/*
 * The gallery, dashboard and export-preview aggregates on PostgreSQL, with the semantics of
 * ../sqlite/insights.ts: read-only queries on the pool. The export preview and the per-granularity
 * counts of plain filters read the per-split summaries (pair_counts, split_summary: a few rows,
 * kept by every decision's transaction), not the split's 154K pairs. Names are ordered and
 * compared as bytes (COLLATE "C"), as SQLite does.
 */

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

/** Whether pair_counts can count the filter (no category, reviewer, reason, history, comments or text). */
function countsFromSummary(filter: PairFilter): boolean {
  return (
    filter.category === undefined &&
    filter.reviewer === undefined &&
    filter.reason === undefined &&
    !usesActivity(filter) &&
    (filter.q === undefined || tsQuery(filter.q) === null)
  );
}

/** bigint columns (image ids, counts) as numbers, whatever type parser the pool has. */
function summaryOf(row: SummaryRow): PairSummary {
  return toSummary({ ...row, image_id: Number(row.image_id), version: Number(row.version) });
}

/** The status a history entry wrote (a stored column generated from its `after`, migration 2). */
const AFTER_STATUS = "h.status";

export class PgInsights implements InsightsStore {
  constructor(readonly pool: pg.Pool) {}

  async activity(split?: string): Promise<Activity> {
    // A split's history is the range of its pair ids, "split:" to "split;" (';' follows ':', and
    // split names have no ':'): the history index alone, no lookup of 154K pairs. Unlike the
    // SQLite store's join on pairs, this also counts entries of pairs a re-import removed.
    const scope = split === undefined ? "" : "AND h.pair_id >= $1 AND h.pair_id < $2";
    const params = split === undefined ? [] : [`${split}:`, `${split};`];
    const hours = await this.pool.query<{ reviewer: string; hour: string; decisions: number }>(
      `SELECT h.reviewer, substr(h.at, 1, 13) AS hour, count(*)::int AS decisions FROM history h
       WHERE ${AFTER_STATUS} <> 'pending' ${scope}
       GROUP BY h.reviewer, hour ORDER BY substr(h.at, 1, 13) COLLATE "C", h.reviewer COLLATE "C"`,
      params,
    );
    // Each reviewer's last word on each pair; two reviewers agree when those statuses match.
    const agreement = await this.pool.query<{ a: string; b: string; pairs: number; agreed: number }>(
      `WITH last AS (
         SELECT pair_id, reviewer, status FROM (
           SELECT h.pair_id, h.reviewer, ${AFTER_STATUS} AS status,
                  row_number() OVER (PARTITION BY h.pair_id, h.reviewer ORDER BY h.version DESC) AS rn
           FROM history h WHERE true ${scope}) x
         WHERE rn = 1 AND status <> 'pending')
       SELECT a.reviewer AS a, b.reviewer AS b, count(*)::int AS pairs, (count(*) FILTER (WHERE a.status = b.status))::int AS agreed
       FROM last a JOIN last b ON a.pair_id = b.pair_id AND a.reviewer COLLATE "C" < b.reviewer COLLATE "C"
       GROUP BY a.reviewer, b.reviewer ORDER BY pairs DESC, a.reviewer COLLATE "C", b.reviewer COLLATE "C"`,
      params,
    );
    return {
      hours: hours.rows.map((r) => ({ reviewer: r.reviewer, hour: r.hour, decisions: r.decisions })),
      agreement: agreement.rows.map((r) => ({ a: r.a, b: r.b, pairs: r.pairs, agreed: r.agreed })),
    };
  }

  async filteredIds(filter: PairFilter): Promise<string[]> {
    const params = new Params();
    const where = filterWhere(filter, params);
    // Rows as arrays: a whole split is 154K of them.
    const { rows } = await this.pool.query<[string]>({ text: `SELECT p.id FROM pairs p WHERE ${where} ORDER BY p.split, p.seq`, values: params.values, rowMode: "array" });
    return rows.map((r) => r[0]);
  }

  async countByGranularity(filter: PairFilter): Promise<Record<Granularity, number>> {
    const summary = countsFromSummary(filter);
    const params = new Params();
    const where = filterWhere(filter, params, false, summary);
    const { rows } = await this.pool.query<{ g: string; n: number }>(
      summary
        ? `SELECT p.granularity AS g, coalesce(sum(p.n), 0)::int AS n FROM pair_counts p WHERE ${where} GROUP BY p.granularity`
        : `SELECT p.granularity AS g, count(*)::int AS n FROM pairs p WHERE ${where} GROUP BY p.granularity`,
      params.values,
    );
    const counts = Object.fromEntries(granularities.map((g) => [g, 0])) as Record<Granularity, number>;
    for (const row of rows) if ((granularities as readonly string[]).includes(row.g)) counts[row.g as Granularity] = row.n;
    return counts;
  }

  async summaries(ids: readonly string[]): Promise<PairSummary[]> {
    if (ids.length === 0) return [];
    const { rows } = await this.pool.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM pairs p WHERE p.id = ANY($1::text[]) ORDER BY p.split, p.seq`,
      [[...ids]],
    );
    return rows.map(summaryOf);
  }

  async imagePairs(split: string, imageId: number): Promise<PairSummary[]> {
    const { rows } = await this.pool.query<SummaryRow>(
      `SELECT ${SUMMARY_COLUMNS} FROM pairs p JOIN images i ON i.pk = p.image_pk WHERE i.split = $1 AND i.image_id = $2 ORDER BY p.idx`,
      [split, imageId],
    );
    return rows.map(summaryOf);
  }

  async thumbs(ids: readonly string[]): Promise<StoredThumb[]> {
    if (ids.length === 0) return [];
    const pairs = await this.pool.query<{ id: string; split: string; image_id: number; image_pk: number; targets: string; width: number; height: number }>(
      `SELECT p.id, p.split, p.image_id, p.image_pk, p.targets, i.width, i.height
       FROM pairs p JOIN images i ON i.pk = p.image_pk WHERE p.id = ANY($1::text[]) ORDER BY p.split, p.seq`,
      [[...ids]],
    );
    if (pairs.rows.length === 0) return [];
    // Only the target annotations, each once (pairs of one image share them).
    const wanted = new Set<string>();
    const pks: number[] = [];
    const idxs: number[] = [];
    for (const pair of pairs.rows) {
      for (const t of JSON.parse(pair.targets) as number[]) {
        const key = `${pair.image_pk}:${t}`;
        if (wanted.has(key)) continue;
        wanted.add(key);
        pks.push(pair.image_pk);
        idxs.push(t);
      }
    }
    const annotations = await this.pool.query<AnnotationRow & { image_pk: number }>(
      `SELECT a.* FROM unnest($1::int[], $2::int[]) AS t(image_pk, idx)
       JOIN annotations a ON a.image_pk = t.image_pk AND a.idx = t.idx`,
      [pks, idxs],
    );
    // A mask the record already holds as compressed RLE is not stored twice: read it from the record.
    const needRecord = [...new Set(annotations.rows.filter((a) => a.rle === null).map((a) => a.image_pk))];
    const records = new Map<number, string>();
    if (needRecord.length > 0) {
      const raws = await this.pool.query<{ pk: number; raw: string }>("SELECT pk, raw FROM images WHERE pk = ANY($1::int[])", [needRecord]);
      for (const row of raws.rows) records.set(row.pk, row.raw);
    }
    const byImage = new Map<number, AnnotationRow[]>();
    for (const row of annotations.rows) {
      const rows = byImage.get(row.image_pk);
      if (rows) rows.push(row);
      else byImage.set(row.image_pk, [row]);
    }
    const views = new Map<number, Map<number, AnnotationView>>();
    for (const [imagePk, rows] of byImage) {
      const list = annotationViews(rows.map(storedAnnotation), () => records.get(imagePk) ?? "{}");
      views.set(imagePk, new Map(list.map((view) => [view.index, view])));
    }
    return pairs.rows.map((pair) => {
      const byIndex = views.get(pair.image_pk) ?? new Map<number, AnnotationView>();
      const targets = (JSON.parse(pair.targets) as number[]).flatMap((t) => byIndex.get(t) ?? []);
      return { id: pair.id, split: pair.split, imageId: Number(pair.image_id), width: pair.width, height: pair.height, targets };
    });
  }

  async decisions(ids: readonly string[]): Promise<Record<string, Decision | null>> {
    const found = new Map<string, Decision>();
    if (ids.length > 0) {
      const { rows } = await this.pool.query<DecisionRow>("SELECT * FROM decisions WHERE pair_id = ANY($1::text[])", [[...ids]]);
      for (const row of rows) found.set(row.pair_id, decisionFromRow(row));
    }
    return Object.fromEntries(ids.map((id) => [id, found.get(id) ?? null]));
  }

  async exportPreview(split: string, includePending: boolean): Promise<ExportPreview> {
    const keptStatuses: Status[] = includePending ? ["accepted", "pending"] : ["accepted"];
    const byStatus = Object.fromEntries(statuses.map((s) => [s, { object: 0, part: 0, mixed: 0 }])) as ExportPreview["byStatus"];
    let kept = 0;
    let dropped = 0;
    let decided = 0;
    // pair_counts and split_summary hold all of it: a few rows, whatever the split's size.
    const [counts, summaries] = await Promise.all([
      this.pool.query<{ status: Status; g: Granularity; n: number }>(
        "SELECT status, granularity AS g, sum(n)::int AS n FROM pair_counts WHERE split = $1 GROUP BY status, granularity",
        [split],
      ),
      // Summed over the stripes (splitTallies.ts); no row when the split does not exist.
      this.pool.query<SplitSummaryRow>(
        `SELECT ${["images", ...TALLY_COLUMNS].map((c) => `sum(${c})::bigint AS ${c}`).join(", ")} FROM split_summary WHERE split = $1 GROUP BY split`,
        [split],
      ),
    ]);
    const summary = summaries.rows[0];
    for (const row of counts.rows) {
      const cell = byStatus[row.status];
      if (cell && row.g in cell) cell[row.g] += row.n;
      if (keptStatuses.includes(row.status)) kept += row.n;
      else dropped += row.n;
      if (row.status !== "pending") decided += row.n;
    }
    let editedKept = 0;
    for (const status of keptStatuses) editedKept += summary ? Number(summary[`edited_${status}`]) : 0;
    const total = Number(summary?.images ?? 0);
    const keptImages = Number((includePending ? summary?.open_images : summary?.accepted_images) ?? 0);
    return {
      split,
      includePending,
      pairs: { kept, dropped },
      images: { kept: keptImages, dropped: total - keptImages },
      byStatus,
      editedKept,
      estimatedBytes: Number((includePending ? summary?.open_bytes : summary?.accepted_bytes) ?? 0),
      decided,
    };
  }
}
