import { existsSync, rmSync } from "node:fs";
import type Database from "better-sqlite3";
import type pg from "pg";
import { UserError } from "../../errors";
import { BatchInsert } from "../sqlite/batchInsert";
import { openDatabase } from "../sqlite/database";
import { recountSummary } from "../sqlite/splitSummary";
import { encodeRaw } from "../sqlite/rawCodec";
import { StatementCache } from "../sqlite/statementCache";
import {
  compareChecksums,
  cursorRows,
  DERIVED_PG,
  DERIVED_SQLITE,
  pgChecksums,
  pgTables,
  sqliteChecksums,
  sqliteTables,
  TABLES,
  unknownTables,
  type MigrationReport,
} from "./fromSqlite";

/*
 * `mmr-review migrate --from postgres://… --to review.db`: the way back from a team server to a
 * solo review. Reads one consistent snapshot of the PostgreSQL database (a read-only REPEATABLE READ
 * transaction, so servers may keep running: what they write after it began is not copied), writes
 * every table of fromSqlite.ts's list into the SQLite file in one transaction, rebuilds what SQLite
 * keeps besides (full text, per-split summaries), then verifies: the row count of every table and
 * the checksums of every decision and every history entry must match, or the transaction is rolled
 * back, and a file this run created is removed: nothing stays.
 */

/** Rows per multi-row INSERT: SQLite binds at most 32766 values per statement; far below it. */
function batchOf(columns: number): number {
  return Math.max(1, Math.floor(960 / columns));
}

function removeDatabaseFiles(file: string): void {
  for (const suffix of ["", "-wal", "-shm", "-journal"]) rmSync(file + suffix, { force: true });
}

function openTarget(file: string): Database.Database {
  try {
    return openDatabase(file);
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    throw new UserError(`--to ${file}: cannot use it as an mmr-review database (${message})`);
  }
}

export async function migratePostgresToSqlite(pool: pg.Pool, sqliteFile: string): Promise<MigrationReport> {
  const created = !existsSync(sqliteFile);
  let target: Database.Database | null = null;
  let committed = false;
  const client = await pool.connect();
  try {
    target = openTarget(sqliteFile);
    const db = target;
    const lostHere = unknownTables(sqliteTables(db), DERIVED_SQLITE);
    if (lostHere.length > 0) throw new UserError(`--to ${sqliteFile}: holds tables this mmr-review does not know (${lostHere.join(", ")}); nothing was copied`);
    for (const table of TABLES) {
      if (db.prepare(`SELECT 1 FROM ${table.name} LIMIT 1`).get() !== undefined) {
        throw new UserError(`--to ${sqliteFile}: the database is not empty (${table.name} has rows); migrate into a new or empty file`);
      }
    }

    await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
    try {
      const lost = unknownTables(await pgTables(client), DERIVED_PG);
      if (lost.length > 0) throw new UserError(`--from: the PostgreSQL database holds tables this mmr-review cannot migrate (${lost.join(", ")}); nothing was copied`);

      const statements = new StatementCache(db);
      db.exec("BEGIN IMMEDIATE");
      try {
        const counts: Record<string, number> = {};
        for (const table of TABLES) {
          if (table.name === "annotations") {
            counts[table.name] = await copyAnnotationLists(client, db);
            continue;
          }
          const insert = new BatchInsert(statements, `INSERT INTO ${table.name} (${table.columns.join(", ")})`, table.columns.length, batchOf(table.columns.length));
          const rawAt = table.name === "images" ? table.columns.indexOf("raw") : -1;
          let n = 0;
          // node-postgres returns rows as objects; the columns are read by name, in the list's order.
          for await (const row of cursorRows(client, table.pgSelect ?? `SELECT ${table.columns.join(", ")} FROM ${table.name}`)) {
            // SQLite keeps booleans (rounds.blind, comments.discussion…) as 0/1 and binds no JS boolean.
            const values = table.columns.map((c) => (typeof row[c] === "boolean" ? (row[c] ? 1 : 0) : row[c]));
            if (rawAt >= 0) values[rawAt] = encodeRaw(values[rawAt] as string);
            insert.add(...values);
            n++;
          }
          insert.flush();
          counts[table.name] = n;
        }
        // What SQLite keeps besides the copied tables: full text of the current question and
        // answer (edits applied, as an import and a decision write it), and per-split summaries.
        db.exec("INSERT INTO pairs_fts (rowid, question, answer) SELECT pk, coalesce(edited_question, question), coalesce(edited_answer, text_answer) FROM pairs");
        for (const split of db.prepare("SELECT name FROM splits").pluck().all() as string[]) recountSummary(statements, split);

        for (const table of TABLES) {
          const there = db.prepare(`SELECT count(*) FROM ${table.name}`).pluck().get() as number;
          if (there !== counts[table.name]) {
            throw new UserError(`migrate: ${table.name} has ${counts[table.name]} rows in PostgreSQL but ${there} in SQLite; nothing was kept`);
          }
        }
        const after = sqliteChecksums(db);
        compareChecksums(await pgChecksums(client), after);
        db.exec("COMMIT");
        committed = true;
        return { counts, decisionChecksum: after.decisions, historyChecksum: after.history, predictionChecksum: after.predictions };
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    } finally {
      await client.query("ROLLBACK").catch(() => undefined);
    }
  } finally {
    client.release();
    target?.close();
    if (created && !committed) removeDatabaseFiles(sqliteFile);
  }
}

/**
 * SQLite keeps an image's annotations as one JSON list in `images.annotations` (migration 8; the
 * `annotations` view reads them back as rows): PostgreSQL's rows, in (image, idx) order, become
 * one list per image, in annotationCodec.ts's positional layout. Returns the rows copied.
 */
async function copyAnnotationLists(client: pg.PoolClient, db: Database.Database): Promise<number> {
  const update = db.prepare("UPDATE images SET annotations = ? WHERE pk = ?");
  const json = (value: unknown) => (typeof value === "string" ? (JSON.parse(value) as unknown) : value);
  let n = 0;
  let image: number | null = null;
  let list: unknown[] = [];
  const flush = () => {
    if (image !== null) update.run(JSON.stringify(list), image);
  };
  const columns = "image_pk, idx, ann_id, category_id, category, kind, instance_name, parent, bbox, area, mask_box, rle, h, w";
  for await (const row of cursorRows(client, `SELECT ${columns} FROM annotations ORDER BY image_pk, idx`)) {
    if (row.image_pk !== image) {
      flush();
      image = row.image_pk as number;
      list = [];
    }
    list.push([row.idx, row.ann_id, row.category_id, row.category, row.kind, row.instance_name, row.parent, json(row.bbox), row.area, json(row.mask_box), row.rle, row.h, row.w]);
    n++;
  }
  flush();
  return n;
}
