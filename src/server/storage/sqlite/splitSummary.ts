import type { Decision } from "../../../shared/domain";
import type { PairRow } from "./rows";
import type { StatementCache } from "./statementCache";

/*
 * Per-split summaries (migration 3) that the dashboard's stats and the export preview read in a
 * few rows instead of joining 154K pairs to their decisions: reasons and reviewers of the current
 * decided pairs, edited pairs per status, and the images (and record bytes) an export would keep.
 * A decision moves its pair between them inside its own transaction; an import recounts its split.
 */

/** Pairs edited away from the import: question, answer or targets (the same test as the export). */
export const EDITED_SQL = "(p.edited_question IS NOT NULL OR p.edited_answer IS NOT NULL OR p.targets != p.orig_targets)";

export interface SummarySide {
  status: string;
  reviewer: string | null;
  reasons: readonly string[];
  edited: boolean;
}

function bump(statements: StatementCache, table: "split_reasons" | "split_reviewers", column: string, split: string, key: string, by: number): void {
  statements
    .get(`INSERT INTO ${table} (split, ${column}, n) VALUES (?, ?, ?) ON CONFLICT (split, ${column}) DO UPDATE SET n = n + excluded.n`)
    .run(split, key, by);
}

function editedColumn(status: string): "edited_pending" | "edited_accepted" | "edited_rejected" | null {
  return status === "pending" || status === "accepted" || status === "rejected" ? `edited_${status}` : null;
}

const DELTA_COLUMNS = ["accepted_images", "accepted_bytes", "open_images", "open_bytes", "edited_pending", "edited_accepted", "edited_rejected"] as const;
type Deltas = Record<(typeof DELTA_COLUMNS)[number], number>;

/** Moves one pair of `pair.split` from its state before a decision to its state after it. */
export function moveSummary(statements: StatementCache, pair: PairRow, before: SummarySide, after: SummarySide): void {
  const split = pair.split;
  // Reasons and reviewers count decided pairs only, as the stats always did.
  for (const [side, sign] of [[before, -1], [after, 1]] as const) {
    if (side.status === "pending") continue;
    for (const reason of side.reasons) bump(statements, "split_reasons", "reason", split, reason, sign);
    if (side.reviewer !== null) bump(statements, "split_reviewers", "reviewer", split, side.reviewer, sign);
  }

  const deltas = Object.fromEntries(DELTA_COLUMNS.map((c) => [c, 0])) as Deltas;
  for (const [side, sign] of [[before, -1], [after, 1]] as const) {
    const column = side.edited ? editedColumn(side.status) : null;
    if (column) deltas[column] += sign;
  }
  if (before.status !== after.status) keptChange(statements, pair, before.status, after.status, deltas);
  if (DELTA_COLUMNS.every((c) => deltas[c] === 0)) return;
  statements
    .get(`UPDATE split_summary SET ${DELTA_COLUMNS.map((c) => `${c} = ${c} + ?`).join(", ")} WHERE split = ?`)
    .run(...DELTA_COLUMNS.map((c) => deltas[c]), split);
}

/**
 * An image is kept by an accepted-only export while one of its pairs is accepted, and by an
 * export with pending pairs while one is accepted or pending; the pair's move can flip either.
 */
function keptChange(statements: StatementCache, pair: PairRow, from: string, to: string, deltas: Deltas): void {
  const others = statements
    .get(
      `SELECT coalesce(sum(status = 'accepted'), 0) AS accepted, coalesce(sum(status = 'pending'), 0) AS pending,
              (SELECT length(raw) FROM images WHERE pk = ?) AS bytes
       FROM pairs WHERE image_pk = ? AND pk != ?`,
    )
    .get(pair.image_pk, pair.image_pk, pair.pk) as { accepted: number; pending: number; bytes: number };
  const flip = (kind: "accepted" | "open", was: boolean, is: boolean): void => {
    if (was === is) return;
    const sign = is ? 1 : -1;
    deltas[`${kind}_images`] += sign;
    deltas[`${kind}_bytes`] += sign * others.bytes;
  };
  flip("accepted", others.accepted > 0 || from === "accepted", others.accepted > 0 || to === "accepted");
  const open = (status: string) => status === "accepted" || status === "pending";
  const othersOpen = others.accepted + others.pending > 0;
  flip("open", othersOpen || open(from), othersOpen || open(to));
}

/** The summary side of a pair row and its current decision. */
export function sideOf(pair: PairRow, decision: Decision | null): SummarySide {
  return {
    status: pair.status,
    reviewer: pair.reviewer,
    reasons: decision?.reasons ?? [],
    edited: pair.edited_question !== null || pair.edited_answer !== null || pair.targets !== pair.orig_targets,
  };
}

/** What split_summary keeps about a split's images (the edited counts come from its decisions). */
export interface ImageTally {
  images: number;
  /** Images with an accepted pair, and their stored record bytes (`length(raw)`). */
  acceptedImages: number;
  acceptedBytes: number;
  /** Images with an accepted or pending pair, and their record bytes. */
  openImages: number;
  openBytes: number;
}

/**
 * Recounts one split's summaries from its pairs and decisions (migrate). An import tallies its
 * images as it writes them and calls `writeImageSummary` and `recountDecisionSummaries` itself.
 */
export function recountSummary(statements: StatementCache, split: string): void {
  const tally = statements
    .get(
      `SELECT count(*) AS images, coalesce(sum(a > 0), 0) AS acceptedImages, coalesce(sum(CASE WHEN a > 0 THEN b END), 0) AS acceptedBytes,
              coalesce(sum(a + o > 0), 0) AS openImages, coalesce(sum(CASE WHEN a + o > 0 THEN b END), 0) AS openBytes
       FROM (SELECT length(i.raw) AS b,
                    (SELECT count(*) FROM pairs p WHERE p.image_pk = i.pk AND p.status = 'accepted') AS a,
                    (SELECT count(*) FROM pairs p WHERE p.image_pk = i.pk AND p.status = 'pending') AS o
             FROM images i WHERE i.split = ?)`,
    )
    .get(split) as ImageTally;
  writeImageSummary(statements, split, tally);
  recountDecisionSummaries(statements, split);
}

/** Replaces the split's split_summary row with `tally` and no edited pairs (see recountDecisionSummaries). */
export function writeImageSummary(statements: StatementCache, split: string, tally: ImageTally): void {
  statements.get("DELETE FROM split_summary WHERE split = ?").run(split);
  statements
    .get(
      `INSERT INTO split_summary (split, images, accepted_images, accepted_bytes, open_images, open_bytes,
         edited_pending, edited_accepted, edited_rejected) VALUES (?, ?, ?, ?, ?, ?, 0, 0, 0)`,
    )
    .run(split, tally.images, tally.acceptedImages, tally.acceptedBytes, tally.openImages, tally.openBytes);
}

/**
 * Recounts what one split's decisions contribute: reasons and reviewers of decided pairs, edited
 * pairs per status (into the split_summary row, which must exist). Decisions of a split are the
 * ids from "split:" to "split;" (';' follows ':'; split names have no ':'), and a decided one
 * always has its pair: an import resets the decisions of pairs that disappear.
 */
export function recountDecisionSummaries(statements: StatementCache, split: string): void {
  const from = `${split}:`;
  const to = `${split};`;
  for (const table of ["split_reasons", "split_reviewers"]) {
    statements.get(`DELETE FROM ${table} WHERE split = ?`).run(split);
  }
  statements
    .get(
      `INSERT INTO split_reasons (split, reason, n)
       SELECT ?, r.value, count(*) FROM decisions d, json_each(d.reasons) r
       WHERE d.pair_id >= ? AND d.pair_id < ? AND d.status != 'pending' GROUP BY r.value`,
    )
    .run(split, from, to);
  statements
    .get(
      `INSERT INTO split_reviewers (split, reviewer, n)
       SELECT ?, d.reviewer, count(*) FROM decisions d
       WHERE d.pair_id >= ? AND d.pair_id < ? AND d.status != 'pending' GROUP BY d.reviewer`,
    )
    .run(split, from, to);
  // Only a decision with edits can leave a pair edited.
  const edited = statements
    .get(
      `SELECT p.status AS status, count(*) AS n FROM decisions d JOIN pairs p ON p.id = d.pair_id
       WHERE d.pair_id >= ? AND d.pair_id < ? AND d.edits IS NOT NULL AND ${EDITED_SQL} GROUP BY p.status`,
    )
    .all(from, to) as { status: string; n: number }[];
  for (const row of edited) {
    const column = editedColumn(row.status);
    if (column) statements.get(`UPDATE split_summary SET ${column} = ? WHERE split = ?`).run(row.n, split);
  }
}
