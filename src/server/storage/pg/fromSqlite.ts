import { createHash } from "node:crypto";
import type Database from "better-sqlite3";
import type pg from "pg";
import { UserError } from "../../errors";
import { openDatabase } from "../sqlite/database";
import { migrations as sqliteMigrations } from "../sqlite/migrations";
import { decodeRaw } from "../sqlite/rawCodec";
import { CopyBuffer, type CopyValue } from "./copy";
import { inTransaction } from "./decisionWrite";
import { recountAllSummaries } from "./splitSummary";
import { recountDecidedTallies } from "./splitTallies";

/*
 * `mmr-review migrate --from review.db --to postgres://…`: copies a SQLite review database into an
 * empty PostgreSQL one (splits, records, pairs, decisions, history, idempotency keys, counts and
 * predictions), in one transaction, then verifies it: the row count of every table and a checksum
 * of every decision, history entry and prediction must match on both sides, or the transaction is rolled
 * back and nothing stays. The export preview's split summary is recounted from the copied rows.
 */

/**
 * Tables copied, with their columns (the same names in both schemas), in both directions. A table
 * added to either schema must be listed here or in DERIVED_* below: `migrate` refuses a database
 * holding a table it does not know (it would be lost), and a test checks both lists.
 */
export const TABLES: readonly { name: string; columns: readonly string[]; pgSelect?: string }[] = [
  // Read from PostgreSQL through `pgSelect` where its rows are striped (splitTallies.ts): the sum.
  {
    name: "splits",
    columns: ["name", "source_file", "source_hash", "imported_at", "changes"],
    pgSelect:
      "SELECT name, source_file, source_hash, imported_at, changes + coalesce((SELECT sum(c.n) FROM split_changes c WHERE c.split = splits.name), 0)::bigint AS changes FROM splits",
  },
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
  {
    name: "pair_counts",
    columns: ["split", "status", "granularity", "flags", "target_count", "n"],
    pgSelect: "SELECT split, status, granularity, flags, target_count, sum(n)::int AS n FROM pair_counts GROUP BY 1, 2, 3, 4, 5",
  },
  { name: "prediction_models", columns: ["pk", "split", "name", "source_file", "imported_at", "pairs"] },
  { name: "predictions", columns: ["pk", "model_pk", "pair_id", "h", "w", "masks", "scores", "target_ious", "iou", "sort_iou"] },
  // Accounts move with the review (password hashes and token hashes as stored); sessions do not.
  { name: "users", columns: ["name_key", "name", "role", "password_hash", "created_at", "updated_at"] },
  { name: "api_tokens", columns: ["id", "hash", "user_key", "label", "created_at", "last_used_at", "revoked_at"] },
  // Review rounds with their slots, leases, votes and vote history, and the pairs' comment threads.
  { name: "rounds", columns: ["id", "name", "split", "filter", "overlap", "share", "seed", "blind", "reviewers", "created_by", "created_at", "closed"] },
  { name: "round_members", columns: ["reviewer", "round_id"] },
  { name: "round_slots", columns: ["round_id", "pair_id", "seq", "needed", "state", "votes"] },
  { name: "round_leases", columns: ["round_id", "pair_id", "reviewer", "expires_at"] },
  {
    name: "votes",
    columns: ["round_id", "pair_id", "reviewer", "status", "reasons", "note", "edits", "targets", "granularity", "at", "at_ms", "version"],
  },
  { name: "vote_history", columns: ["pk", "round_id", "pair_id", "reviewer", "at", "vote"] },
  { name: "comments", columns: ["pk", "pair_id", "split", "author", "text", "mentions", "discussion", "at", "edited_at"] },
];

/**
 * PostgreSQL tables rebuilt rather than copied: the schema version (each side keeps its own), the
 * per-split summary and the reasons and reviewers of decided pairs (recounted), the decisions'
 * change-counter stripes (copied into `splits.changes`), sessions (everyone signs in again on the
 * new server) and the failed-login counters (minutes-long, per server).
 */
export const DERIVED_PG: readonly string[] = ["schema_version", "split_summary", "split_reasons", "split_reviewers", "split_changes", "sessions", "login_attempts"];

/**
 * SQLite tables rebuilt from the copied ones rather than copied: the schema version, full text
 * (pairs_fts and FTS5's shadow tables), the per-split summaries, recounted from pairs and decisions,
 * and sessions (not moved).
 */
export const DERIVED_SQLITE: readonly string[] = ["schema_version", "pairs_fts", "split_reasons", "split_reviewers", "split_summary", "sessions"];

export interface MigrationReport {
  counts: Record<string, number>;
  /** sha256 of every decision in pair-id order, equal on both sides. */
  decisionChecksum: string;
  /** sha256 of every history entry in (pair id, version) order, equal on both sides. */
  historyChecksum: string;
  /** sha256 of every prediction (model, pair, masks, scores, IoUs) in model and pair-id order, equal on both sides. */
  predictionChecksum: string;
}

/** The tables of `present` neither copied nor derived, which a migration would lose. */
export function unknownTables(present: Iterable<string>, derived: readonly string[]): string[] {
  const known = new Set([...TABLES.map((t) => t.name), ...derived]);
  // FTS5 keeps its index in shadow tables named after the virtual table (pairs_fts_data, …).
  return [...present].filter((name) => !known.has(name) && !name.startsWith("pairs_fts_")).sort();
}

// Byte order on both sides (SQLite BINARY, PostgreSQL COLLATE "C" on split and pair id; model names compared as "C" too).
const PREDICTION_CHECKSUM_SQL = `SELECT m.split, m.name, m.source_file, m.imported_at, m.pairs AS model_pairs, pr.pair_id, pr.h, pr.w, pr.masks, pr.scores,
  pr.target_ious, pr.iou, pr.sort_iou FROM predictions pr JOIN prediction_models m ON m.pk = pr.model_pk ORDER BY m.split, m.name, pr.pair_id`;
const PREDICTION_CHECKSUM_PG = PREDICTION_CHECKSUM_SQL.replace("m.name, pr.pair_id", 'm.name COLLATE "C", pr.pair_id');

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

/** One history entry, for the checksum (its seq is copied too, but only the order matters here). */
export function historyLine(row: Record<string, unknown>): string {
  return ["pair_id", "version", "reviewer", "at", "before", "after"].map((c) => JSON.stringify(row[c] ?? null)).join("\t");
}

export const DECISIONS_IN_ORDER = "SELECT * FROM decisions ORDER BY pair_id";
export const HISTORY_IN_ORDER = "SELECT * FROM history ORDER BY pair_id, version";

export function checksum(lines: Iterable<string>): string {
  const hash = createHash("sha256");
  for (const line of lines) hash.update(line + "\n");
  return hash.digest("hex");
}

/** Rows of `sql` through a server-side cursor, `batch` at a time (inside a transaction of `client`). */
export async function* cursorRows<T extends Record<string, unknown>>(client: pg.ClientBase, sql: string, batch = 2000): AsyncGenerator<T> {
  const name = `mmr_migrate_${Math.random().toString(36).slice(2)}`;
  await client.query(`DECLARE ${name} NO SCROLL CURSOR FOR ${sql}`);
  try {
    for (;;) {
      const { rows } = await client.query<T>(`FETCH ${batch} FROM ${name}`);
      yield* rows;
      if (rows.length < batch) return;
    }
  } finally {
    await client.query(`CLOSE ${name}`);
  }
}

export async function asyncChecksum(lines: AsyncIterable<string>): Promise<string> {
  const hash = createHash("sha256");
  for await (const line of lines) hash.update(line + "\n");
  return hash.digest("hex");
}

async function* mapped(rows: AsyncIterable<Record<string, unknown>>, line: (row: Record<string, unknown>) => string): AsyncGenerator<string> {
  for await (const row of rows) yield line(row);
}

export interface Checksums {
  decisions: string;
  history: string;
  predictions: string;
}

/** The checksums of the decisions, the history and the predictions on a PostgreSQL connection (inside a transaction). */
export async function pgChecksums(client: pg.ClientBase): Promise<Checksums> {
  return {
    decisions: await asyncChecksum(mapped(cursorRows(client, DECISIONS_IN_ORDER), decisionLine)),
    history: await asyncChecksum(mapped(cursorRows(client, HISTORY_IN_ORDER), historyLine)),
    predictions: await asyncChecksum(mapped(cursorRows(client, PREDICTION_CHECKSUM_PG), predictionLine)),
  };
}

/** The same checksums of a SQLite database. */
export function sqliteChecksums(db: Database.Database): Checksums {
  const lines = (sql: string, line: (row: Record<string, unknown>) => string) =>
    (function* () {
      for (const row of db.prepare(sql).iterate() as IterableIterator<Record<string, unknown>>) yield line(row);
    })();
  return {
    decisions: checksum(lines(DECISIONS_IN_ORDER, decisionLine)),
    history: checksum(lines(HISTORY_IN_ORDER, historyLine)),
    predictions: checksum(lines(PREDICTION_CHECKSUM_SQL, predictionLine)),
  };
}

/** Throws (one line, "nothing was kept") when the source's and the copy's checksums differ. */
export function compareChecksums(source: Checksums, copy: Checksums): void {
  if (source.decisions !== copy.decisions) throw new UserError("migrate: the decisions differ after the copy (checksum mismatch); nothing was kept");
  if (source.history !== copy.history) throw new UserError("migrate: the history differs after the copy (checksum mismatch); nothing was kept");
  if (source.predictions !== copy.predictions) throw new UserError("migrate: the predictions differ after the copy (checksum mismatch); nothing was kept");
}

/** Names of the tables of the current schema of a PostgreSQL connection. */
export async function pgTables(client: pg.ClientBase): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    "SELECT table_name AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
  );
  return rows.map((r) => r.name);
}

/** Names of the tables of a SQLite database (FTS5 shadow tables included; sqlite_* excluded). */
export function sqliteTables(db: Database.Database): string[] {
  return db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").pluck().all() as string[];
}

/** Schema version of a SQLite database, opened read-only (0 when it has none). */
function sqliteSchemaVersion(db: Database.Database): number {
  const has = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'").get();
  if (!has) return 0;
  return (db.prepare("SELECT max(version) FROM schema_version").pluck().get() as number | null) ?? 0;
}

/**
 * Opens the SQLite source read-only, refusing a database of a newer mmr-review in one line and
 * bringing an older one to the current schema first (as `serve` would), so the columns match.
 */
function openSqliteSource(file: string): Database.Database {
  const what = `--from ${file}`;
  const open = (readonly: boolean) => {
    try {
      return openDatabase(file, { readonly });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      throw new UserError(`${what}: cannot open it as an mmr-review database (${message})`);
    }
  };
  let db = open(true);
  let version: number;
  try {
    version = sqliteSchemaVersion(db);
  } catch (error) {
    db.close();
    throw new UserError(`${what}: not an mmr-review database (${error instanceof Error ? error.message : String(error)})`);
  }
  const newest = sqliteMigrations.at(-1)!.version;
  if (version > newest) {
    db.close();
    throw new UserError(`${what}: the database has schema version ${version}, newer than this program knows (${newest}); upgrade mmr-review`);
  }
  if (version === 0) {
    db.close();
    throw new UserError(`${what}: not an mmr-review database (no schema_version table)`);
  }
  if (version < newest) {
    db.close();
    open(false).close();
    db = open(true);
  }
  return db;
}

export async function migrateSqliteToPostgres(sqliteFile: string, pool: pg.Pool): Promise<MigrationReport> {
  const source = openSqliteSource(sqliteFile);
  try {
    const lost = unknownTables(sqliteTables(source), DERIVED_SQLITE);
    if (lost.length > 0) throw new UserError(`--from ${sqliteFile}: holds tables this mmr-review cannot migrate (${lost.join(", ")}); nothing was copied`);
    return await inTransaction(pool, async (client) => {
      const unknown = unknownTables(await pgTables(client), DERIVED_PG);
      if (unknown.length > 0) throw new UserError(`--to: the PostgreSQL database holds tables this mmr-review does not know (${unknown.join(", ")}); nothing was copied`);
      for (const table of TABLES) {
        const present = await client.query(`SELECT 1 FROM ${table.name} LIMIT 1`);
        if (present.rowCount! > 0) throw new UserError(`--to: the PostgreSQL database is not empty (${table.name} has rows); migrate into an empty database`);
      }
      const counts: Record<string, number> = {};
      for (const table of TABLES) {
        const buffer = new CopyBuffer(table.name, table.columns);
        let n = 0;
        // Sent as one COPY per ~16 MB of text while the SQLite iterator stays open (the awaits use
        // the PostgreSQL connection, never the SQLite one): memory holds one slice, not a table
        // (the 154K split's records are 480 MB).
        for (const row of source.prepare(`SELECT ${table.columns.join(", ")} FROM ${table.name}`).raw().iterate() as IterableIterator<unknown[]>) {
          const values = row.map((v, i) => (table.name === "images" && table.columns[i] === "raw" ? decodeRaw(v as Buffer) : v)) as CopyValue[];
          buffer.add(values, () => `${table.name} row ${n + 1}`);
          n++;
          if (buffer.size >= 16 << 20) await buffer.flush(client);
        }
        await buffer.flush(client);
        counts[table.name] = n;
      }
      await client.query("SELECT setval(pg_get_serial_sequence('history', 'seq'), coalesce((SELECT max(seq) FROM history), 0) + 1, false)");
      await client.query("SELECT setval(pg_get_serial_sequence('prediction_models', 'pk'), coalesce((SELECT max(pk) FROM prediction_models), 0) + 1, false)");
      await client.query("SELECT setval(pg_get_serial_sequence('predictions', 'pk'), coalesce((SELECT max(pk) FROM predictions), 0) + 1, false)");
      for (const [table, column] of [["rounds", "id"], ["vote_history", "pk"], ["comments", "pk"]] as const) {
        await client.query(`SELECT setval(pg_get_serial_sequence('${table}', '${column}'), coalesce((SELECT max(${column}) FROM ${table}), 0) + 1, false)`);
      }

      // Verification, inside the transaction: a mismatch rolls everything back.
      for (const table of TABLES) {
        const there = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table.name}`);
        if (there.rows[0]!.n !== counts[table.name]) {
          throw new UserError(`migrate: ${table.name} has ${counts[table.name]} rows in SQLite but ${there.rows[0]!.n} in PostgreSQL; nothing was kept`);
        }
      }
      const before = sqliteChecksums(source);
      const after = await pgChecksums(client);
      compareChecksums(before, after);
      await recountAllSummaries(client);
      await recountDecidedTallies(client);
      await client.query("UPDATE prediction_models m SET mean_iou = (SELECT avg(pr.iou) FROM predictions pr WHERE pr.model_pk = m.pk AND pr.iou IS NOT NULL)");
      return { counts, decisionChecksum: after.decisions, historyChecksum: after.history, predictionChecksum: after.predictions };
    });
  } finally {
    source.close();
  }
}
