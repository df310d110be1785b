import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type pg from "pg";
import { UserError } from "../../errors";
import { openDatabase } from "../sqlite/database";
import { decodeRaw } from "../sqlite/rawCodec";
import { CopyBuffer, type CopyValue } from "./copy";
import { inTransaction } from "./decisionWrite";
import { recountAllSummaries } from "./splitSummary";

/*
 * `mmr-review migrate --from review.db --to postgres://…`: copies a SQLite review database into an
 * empty PostgreSQL one (splits, records, pairs, decisions, history, idempotency keys, counts and
 * predictions), in one transaction, then verifies it: the row count of every table and a checksum
 * of every decision and of every prediction must match on both sides, or the transaction is rolled
 * back and nothing stays. The export preview's split summary is recounted from the copied rows.
 */

/** Tables copied, with their columns (the same names in both schemas). */
const TABLES: readonly { name: string; columns: readonly string[] }[] = [
  { name: "splits", columns: ["name", "source_file", "source_hash", "imported_at", "changes"] },
  { name: "images", columns: ["pk", "split", "ordinal", "image_id", "file_name", "width", "height", "file_flags", "raw"] },
  {
    name: "annotations",
    columns: ["image_pk", "idx", "ann_id", "category_id", "category", "kind", "instance_name", "parent", "bbox", "area", "mask_box", "rle", "h", "w"],
  },
  {
    name: "pairs",
    columns: [
      "pk", "id", "split", "seq", "image_pk", "image_id", "idx", "question", "text_answer", "raw_answer", "orig_targets", "imported_flags",
      "imported_granularity", "content_hash", "targets", "target_count", "granularity", "flags", "flag_order", "status", "reviewer",
      "edited_question", "edited_answer",
    ],
  },
  { name: "pair_categories", columns: ["category", "pair_pk"] },
  { name: "decisions", columns: ["pair_id", "status", "reasons", "note", "edits", "reviewer", "updated_at", "version", "flags", "granularity", "targets"] },
  { name: "history", columns: ["seq", "pair_id", "version", "reviewer", "at", "before", "after"] },
  { name: "idempotency", columns: ["key", "pair_id", "result", "created_at"] },
  { name: "pair_counts", columns: ["split", "status", "granularity", "flags", "target_count", "n"] },
  { name: "prediction_models", columns: ["pk", "split", "name", "source_file", "imported_at", "pairs"] },
  { name: "predictions", columns: ["pk", "model_pk", "pair_id", "h", "w", "masks", "scores", "target_ious", "iou", "sort_iou"] },
];

export interface MigrationReport {
  counts: Record<string, number>;
  /** sha256 of every decision in pair-id order, equal on both sides. */
  decisionChecksum: string;
  /** sha256 of every prediction (model, pair, masks, scores, IoUs) in model and pair-id order, equal on both sides. */
  predictionChecksum: string;
}

const PREDICTION_CHECKSUM_SQL = `SELECT m.split, m.name, m.source_file, m.imported_at, m.pairs AS model_pairs, pr.pair_id, pr.h, pr.w, pr.masks, pr.scores,
  pr.target_ious, pr.iou, pr.sort_iou FROM predictions pr JOIN prediction_models m ON m.pk = pr.model_pk ORDER BY m.split, m.name, pr.pair_id`;

/** One prediction with its model, one line, for the checksum (numbers as JSON: the same double prints the same). */
export function predictionLine(row: Record<string, unknown>): string {
  return ["split", "name", "source_file", "imported_at", "model_pairs", "pair_id", "h", "w", "masks", "scores", "target_ious", "iou", "sort_iou"]
    .map((c) => JSON.stringify(row[c] ?? null))
    .join("\t");
}

/** Rows of decisions in pair-id (byte) order, one line each, for the checksum. */
export function decisionLine(row: Record<string, unknown>): string {
  return ["pair_id", "status", "reasons", "note", "edits", "reviewer", "updated_at", "version"].map((c) => JSON.stringify(row[c] ?? null)).join("\t");
}

function checksum(lines: Iterable<string>): string {
  const hash = createHash("sha256");
  for (const line of lines) hash.update(line + "\n");
  return hash.digest("hex");
}

export async function migrateSqliteToPostgres(sqliteFile: string, pool: pg.Pool): Promise<MigrationReport> {
  let source: Database.Database;
  try {
    source = openDatabase(sqliteFile, { readonly: true });
  } catch (error) {
    throw new UserError(`--from ${sqliteFile}: cannot open it as an mmr-review database (${error instanceof Error ? error.message : String(error)})`);
  }
  try {
    return await inTransaction(pool, async (client) => {
      const present = await client.query<{ n: number }>("SELECT count(*)::int AS n FROM splits");
      if (present.rows[0]!.n > 0) throw new UserError("--to: the PostgreSQL database already holds splits; migrate into an empty database");
      const counts: Record<string, number> = {};
      for (const table of TABLES) {
        const buffer = new CopyBuffer(table.name, table.columns);
        let n = 0;
        // better-sqlite3 allows no other work on the connection while iterating, so a table is
        // read to its end before its COPY is sent: memory holds one table's COPY text at a time.
        for (const row of source.prepare(`SELECT ${table.columns.join(", ")} FROM ${table.name}`).raw().iterate() as IterableIterator<unknown[]>) {
          const values = row.map((v, i) => (table.name === "images" && table.columns[i] === "raw" ? decodeRaw(v as Buffer) : v)) as CopyValue[];
          buffer.add(values, () => `${table.name} row ${n + 1}`);
          n++;
        }
        await buffer.flush(client);
        counts[table.name] = n;
      }
      await client.query("SELECT setval(pg_get_serial_sequence('history', 'seq'), coalesce((SELECT max(seq) FROM history), 0) + 1, false)");
      await client.query("SELECT setval(pg_get_serial_sequence('prediction_models', 'pk'), coalesce((SELECT max(pk) FROM prediction_models), 0) + 1, false)");
      await client.query("SELECT setval(pg_get_serial_sequence('predictions', 'pk'), coalesce((SELECT max(pk) FROM predictions), 0) + 1, false)");

      // Verification, inside the transaction: a mismatch rolls everything back.
      for (const table of TABLES) {
        const there = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table.name}`);
        if (there.rows[0]!.n !== counts[table.name]) {
          throw new Error(`migrate: ${table.name} has ${counts[table.name]} rows in SQLite but ${there.rows[0]!.n} in PostgreSQL; nothing was kept`);
        }
      }
      const fromSqlite = checksum(
        (source.prepare("SELECT * FROM decisions ORDER BY pair_id").all() as Record<string, unknown>[]).map(decisionLine),
      );
      const copied = await client.query<Record<string, unknown>>("SELECT * FROM decisions ORDER BY pair_id");
      const fromPostgres = checksum(copied.rows.map(decisionLine));
      if (fromSqlite !== fromPostgres) throw new Error("migrate: the decisions differ after the copy (checksum mismatch); nothing was kept");
      // Byte order on both sides (SQLite BINARY, PostgreSQL COLLATE "C" on split and pair id; model names compared as "C" too).
      const predictionsSqlite = checksum((source.prepare(PREDICTION_CHECKSUM_SQL).all() as Record<string, unknown>[]).map(predictionLine));
      const predictionsPg = checksum(
        (await client.query<Record<string, unknown>>(PREDICTION_CHECKSUM_SQL.replace("m.name, pr.pair_id", 'm.name COLLATE "C", pr.pair_id'))).rows.map(predictionLine),
      );
      if (predictionsSqlite !== predictionsPg) throw new Error("migrate: the predictions differ after the copy (checksum mismatch); nothing was kept");
      await recountAllSummaries(client);
      await client.query("UPDATE prediction_models m SET mean_iou = (SELECT avg(pr.iou) FROM predictions pr WHERE pr.model_pk = m.pk AND pr.iou IS NOT NULL)");
      return { counts, decisionChecksum: fromPostgres, predictionChecksum: predictionsPg };
    });
  } finally {
    source.close();
  }
}
