import type pg from "pg";
import type { PairRow } from "../sqlite/rows";
import { SUMMARY_COLUMNS, type SummaryColumn } from "./splitTallies";

/*
 * Per-split summary (PostgreSQL migration 2) that the export preview reads in one row instead of
 * joining 154K pairs to their images: edited pairs per status, and the images (and record bytes)
 * an export would keep. As in ../sqlite/splitSummary.ts, a decision moves its pair inside its own
 * transaction and an import (or `migrate`) recounts the split.
 *
 * Concurrency: the move reads the other pairs of the pair's image. Every decision locks its image's
 * row first (decisionWrite.ts), so two decisions of one image never move the summary at the same
 * time, and (READ COMMITTED) the later one's statements see what the earlier one committed. The
 * moves are added to the summary's stripes at the end of the transaction (splitTallies.ts).
 */

export interface SummarySide {
  status: string;
  edited: boolean;
}

/** The side of a pair row as stored (before a decision). */
export function pairSide(pair: Pick<PairRow, "status" | "edited_question" | "edited_answer" | "targets" | "orig_targets">): SummarySide {
  return { status: pair.status, edited: pair.edited_question !== null || pair.edited_answer !== null || pair.targets !== pair.orig_targets };
}

function editedColumn(status: string): "edited_pending" | "edited_accepted" | "edited_rejected" | null {
  return status === "pending" || status === "accepted" || status === "rejected" ? `edited_${status}` : null;
}

/** What the summary move of a pair needs to know about the rest of its image (read under the image's lock). */
export interface ImageOthers {
  /** The image's other pairs that are accepted, and that are pending. */
  accepted: number;
  pending: number;
  /** Bytes of the image's record (what an export keeping the image writes). */
  bytes: number;
}

/**
 * What moving one pair from its state before a decision to its state after it does to its split's
 * summary, given the image's other pairs (`others`, read in the decision's transaction after the
 * image's row was locked).
 */
export function summaryDeltas(others: ImageOthers, before: SummarySide, after: SummarySide): Record<SummaryColumn, number> {
  const deltas = Object.fromEntries(SUMMARY_COLUMNS.map((c) => [c, 0])) as Record<SummaryColumn, number>;
  for (const [side, sign] of [[before, -1], [after, 1]] as const) {
    const column = side.edited ? editedColumn(side.status) : null;
    if (column) deltas[column] += sign;
  }
  if (before.status !== after.status) {
    // An image is kept by an accepted-only export while one of its pairs is accepted, and with
    // pending pairs while one is accepted or pending: this pair's move can flip either.
    const flip = (kind: "accepted" | "open", was: boolean, is: boolean): void => {
      if (was === is) return;
      const sign = is ? 1 : -1;
      deltas[`${kind}_images`] += sign;
      deltas[`${kind}_bytes`] += sign * others.bytes;
    };
    flip("accepted", others.accepted > 0 || before.status === "accepted", others.accepted > 0 || after.status === "accepted");
    const open = (status: string) => status === "accepted" || status === "pending";
    const othersOpen = others.accepted + others.pending > 0;
    flip("open", othersOpen || open(before.status), othersOpen || open(after.status));
  }
  return deltas;
}

/** The summary of every split whose name passes `where` (on `s`, the splits table), counted from its rows. */
export function summarySelect(where: string): string {
  return `SELECT s.name, count(k.pk), count(*) FILTER (WHERE k.a > 0), coalesce(sum(k.b) FILTER (WHERE k.a > 0), 0),
         count(*) FILTER (WHERE k.a + k.o > 0), coalesce(sum(k.b) FILTER (WHERE k.a + k.o > 0), 0),
         (SELECT count(*) FROM pairs p WHERE p.split = s.name AND p.status = 'pending' AND ${EDITED_SQL}),
         (SELECT count(*) FROM pairs p WHERE p.split = s.name AND p.status = 'accepted' AND ${EDITED_SQL}),
         (SELECT count(*) FROM pairs p WHERE p.split = s.name AND p.status = 'rejected' AND ${EDITED_SQL})
       FROM splits s LEFT JOIN (
         SELECT i.pk, i.split, octet_length(i.raw) AS b,
                count(p.pk) FILTER (WHERE p.status = 'accepted') AS a, count(p.pk) FILTER (WHERE p.status = 'pending') AS o
         FROM images i LEFT JOIN pairs p ON p.image_pk = i.pk WHERE ${where.replaceAll("s.name", "i.split")} GROUP BY i.pk
       ) k ON k.split = s.name
       WHERE ${where} GROUP BY s.name`;
}

/** Pairs edited away from the import: question, answer or targets (the same test as the export). */
const EDITED_SQL = "(p.edited_question IS NOT NULL OR p.edited_answer IS NOT NULL OR p.targets <> p.orig_targets)";

const SUMMARY_INSERT = `INSERT INTO split_summary (split, images, accepted_images, accepted_bytes, open_images, open_bytes,
  edited_pending, edited_accepted, edited_rejected)`;

/** Recounts one split's summary from its rows (end of an import), inside the caller's transaction. */
export async function recountSummary(client: pg.ClientBase, split: string): Promise<void> {
  await client.query("DELETE FROM split_summary WHERE split = $1", [split]);
  await client.query(`${SUMMARY_INSERT} ${summarySelect("s.name = $1")}`, [split]);
}

/** Recounts every split (after `migrate` copied a SQLite database). */
export async function recountAllSummaries(client: pg.ClientBase): Promise<void> {
  await client.query("DELETE FROM split_summary");
  await client.query(`${SUMMARY_INSERT} ${summarySelect("true")}`);
}
