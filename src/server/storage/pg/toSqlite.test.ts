import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import type { ReviewStore } from "../store";
import { clientConfig } from "./connection";
import { DERIVED_PG, DERIVED_SQLITE, migrateSqliteToPostgres, pgTables, sqliteTables, unknownTables } from "./fromSqlite";
import { PgStore } from "./pgStore";
import { createTestDatabase, type TestDatabase } from "./testDb";
import { migratePostgresToSqlite } from "./toSqlite";

/* `migrate` both ways: PostgreSQL → SQLite, the round trip, and what it refuses (one line, nothing kept). */

const bin = fileURLToPath(new URL("../../../../bin/mmr-review.mjs", import.meta.url));
const databases: TestDatabase[] = [];
let dir: TempDir;
let solo: string;

async function newDatabase(): Promise<TestDatabase> {
  const db = await createTestDatabase();
  databases.push(db);
  return db;
}

function cli(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

function expectOneLine(outcome: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(outcome.stderr).toMatch(pattern);
  expect(outcome.code).toBe(2);
  expect(outcome.stderr.split("\n")).toHaveLength(1);
  expect(outcome.stderr).toMatch(/^mmr-review: /);
}

const at = (minute: number) => ({ flags: [], granularity: "object" as const, now: `2026-01-01T00:${String(minute).padStart(2, "0")}:00.000Z` });

/** Every decision and history row of a SQLite file, as stored. */
function rowsOf(file: string): Record<string, unknown[]> {
  const db = new Database(file, { readonly: true });
  try {
    return {
      decisions: db.prepare("SELECT * FROM decisions ORDER BY pair_id").all(),
      history: db.prepare("SELECT seq, pair_id, version, reviewer, at, before, after FROM history ORDER BY seq").all(),
      pairs: db.prepare("SELECT id, status, reviewer, edited_question, edited_answer, targets FROM pairs ORDER BY id").all(),
      annotations: db.prepare("SELECT pk, annotations FROM images ORDER BY pk").all(),
      rounds: db.prepare("SELECT * FROM rounds ORDER BY id").all(),
      slots: db.prepare("SELECT * FROM round_slots ORDER BY round_id, pair_id").all(),
      comments: db.prepare("SELECT * FROM comments ORDER BY pk").all(),
    };
  } finally {
    db.close();
  }
}

async function withSqlite<T>(file: string, work: (store: ReviewStore) => Promise<T>): Promise<T> {
  const store = await openStore(file);
  try {
    return await work(store);
  } finally {
    await store.close();
  }
}

beforeAll(async () => {
  dir = tempDir("mmr-migrate-");
  // A solo review: two splits, decisions overwritten, an edit of the question, a rejection with
  // reasons and a note (text a reviewer typed, with a tab, a newline and a backslash).
  solo = dir.file("solo.db");
  await withSqlite(solo, async (store) => {
    await importRecords(store, dir, "val", fixtureRecords(5));
    await importRecords(store, dir, "test", fixtureRecords(2, 40));
    await store.saveDecision({ id: "val:1000:0", input: { status: "accepted", reviewer: "ann", baseVersion: 0 }, ...at(1) });
    await store.saveDecision({
      id: "val:1000:0",
      input: { status: "rejected", reasons: ["wrong_target", "other"], note: "tab\there\nnew line \\ back", reviewer: "bo", baseVersion: 1 },
      ...at(2),
    });
    await store.saveDecision({ id: "val:1002:1", input: { status: "accepted", reviewer: "ann", baseVersion: 0, edits: { question: "Zebra crossing?" } }, ...at(3) });
    await store.saveDecision({ id: "test:1040:0", input: { status: "accepted", reviewer: "cy", baseVersion: 0 }, ...at(4) });
    // A blind double-review round over two pairs and a discussion thread: they move too.
    await store.rounds().create({
      name: "pilot",
      split: "val",
      filter: { split: "val" },
      overlap: 2,
      share: 1,
      seed: "s1",
      blind: true,
      reviewers: ["ann", "bo"],
      createdBy: "lead",
      createdAt: at(5).now,
      slots: [
        { pairId: "val:1001:0", needed: 2 },
        { pairId: "val:1001:1", needed: 2 },
      ],
    });
    await store.comments().add({ pairId: "val:1001:0", split: "val", author: "ann", text: "@bo is the cup a part?", mentions: ["bo"], discussion: true, at: at(6).now });
  });
}, 60_000);

afterAll(async () => {
  await Promise.all(databases.map((db) => db.drop()));
  dir?.remove();
}, 60_000);

describe("migrate PostgreSQL → SQLite", () => {
  it("a round trip SQLite → PostgreSQL → SQLite gives the same decisions, history, search and stats, and the copy takes new decisions", async () => {
    const team = await newDatabase();
    const pgStore = await PgStore.open(team.url);
    let back: string;
    try {
      await migrateSqliteToPostgres(solo, pgStore.pool);
      back = dir.file("back.db");
      const report = await migratePostgresToSqlite(pgStore.pool, back);
      // 5 + 2 fixture records with their questions (17 and 7 pairs, see splitFiles.ts), 3 decided
      // pairs, 4 history entries.
      expect(report.counts).toMatchObject({ splits: 2, images: 7, pairs: 24, decisions: 3, history: 4, rounds: 1, round_slots: 2, comments: 1 });
    } finally {
      await pgStore.close();
    }
    expect(rowsOf(back)).toEqual(rowsOf(solo));

    await withSqlite(back, async (store) => {
      await withSqlite(solo, async (original) => {
        expect(await store.stats("val")).toEqual(await original.stats("val"));
        expect(await store.listSplits()).toEqual(await original.listSplits());
      });
      // full text rebuilt from the current (edited) question
      expect((await store.listPairs({ q: "zebra" })).items.map((p) => p.id)).toEqual(["val:1002:1"]);
      expect(await store.history("val:1000:0")).toMatchObject([
        { version: 1, reviewer: "ann", after: { status: "accepted" } },
        { version: 2, reviewer: "bo", after: { status: "rejected", note: "tab\there\nnew line \\ back" } },
      ]);
      expect(await store.saveDecision({ id: "val:1000:0", input: { status: "accepted", reviewer: "dee", baseVersion: 2 }, ...at(9) })).toMatchObject({
        kind: "saved",
        decision: { version: 3 },
      });
    });
  });

  it("brings back a decision made on the team server, and refuses a target that is not empty, leaving it as it was", async () => {
    const team = await newDatabase();
    const pgStore = await PgStore.open(team.url);
    try {
      await migrateSqliteToPostgres(solo, pgStore.pool);
      await pgStore.saveDecision({ id: "val:1003:0", input: { status: "rejected", reasons: ["other"], reviewer: "eve", baseVersion: 0 }, ...at(20) });
      const back = dir.file("from-team.db");
      await migratePostgresToSqlite(pgStore.pool, back);
      await withSqlite(back, async (store) => {
        expect((await store.history("val:1003:0"))!.map((h) => [h.version, h.reviewer, h.after.status])).toEqual([[1, "eve", "rejected"]]);
        expect((await store.listSplits()).find((s) => s.name === "val")!.byStatus).toEqual({ pending: 14, accepted: 1, rejected: 2 });
      });

      const before = rowsOf(solo);
      await expect(migratePostgresToSqlite(pgStore.pool, solo)).rejects.toThrow(/--to .*solo\.db: the database is not empty \(splits has rows\)/);
      expect(rowsOf(solo)).toEqual(before);
    } finally {
      await pgStore.close();
    }
  });

  it("rolls everything back when the copy does not verify, and removes a file it created", async () => {
    const team = await newDatabase();
    const pgStore = await PgStore.open(team.url);
    try {
      await migrateSqliteToPostgres(solo, pgStore.pool);
      // An existing, empty review database whose decisions are tampered with as they arrive.
      const tampered = dir.file("tampered.db");
      await withSqlite(tampered, async () => undefined);
      const db = new Database(tampered);
      db.exec("CREATE TRIGGER tamper AFTER INSERT ON decisions BEGIN UPDATE decisions SET note = 'changed' WHERE pair_id = NEW.pair_id; END");
      db.close();
      await expect(migratePostgresToSqlite(pgStore.pool, tampered)).rejects.toThrow("migrate: the decisions differ after the copy (checksum mismatch); nothing was kept");
      const after = new Database(tampered, { readonly: true });
      expect(TABLES_WITH_ROWS(after)).toEqual([]);
      after.close();

      // A history entry the target refuses half-way through: nothing stays, not even the file.
      const fresh = dir.file("half.db");
      const admin = new pg.Client(clientConfig(team.url));
      await admin.connect();
      try {
        // SQLite's history has UNIQUE (pair_id, version): a second row for val:1000:0 v1, which
        // PostgreSQL would refuse too, is made possible on its side by dropping the constraint.
        await admin.query("ALTER TABLE history DROP CONSTRAINT history_pair_id_version_key");
        await admin.query("INSERT INTO history (pair_id, version, reviewer, at, before, after) SELECT pair_id, version, reviewer, at, before, after FROM history WHERE pair_id = 'val:1000:0' AND version = 1");
      } finally {
        await admin.end();
      }
      await expect(migratePostgresToSqlite(pgStore.pool, fresh)).rejects.toThrow(/UNIQUE/);
      expect(existsSync(fresh)).toBe(false);
    } finally {
      await pgStore.close();
    }
  });
});

function TABLES_WITH_ROWS(db: Database.Database): string[] {
  return ["splits", "images", "annotations", "pairs", "decisions", "history", "pair_counts", "pairs_fts", "split_summary"].filter(
    (t) => db.prepare(`SELECT 1 FROM ${t} LIMIT 1`).get() !== undefined,
  );
}

describe("migrate SQLite → PostgreSQL verifies too", () => {
  it("rolls back a copy whose history does not verify: the team database stays empty", async () => {
    const team = await newDatabase();
    const pgStore = await PgStore.open(team.url);
    try {
      await pgStore.pool.query(`
        CREATE FUNCTION tamper() RETURNS trigger AS $$ BEGIN NEW.reviewer := 'mallory'; RETURN NEW; END $$ LANGUAGE plpgsql;
        CREATE TRIGGER tamper BEFORE INSERT ON history FOR EACH ROW EXECUTE FUNCTION tamper();`);
      await expect(migrateSqliteToPostgres(solo, pgStore.pool)).rejects.toThrow("migrate: the history differs after the copy (checksum mismatch); nothing was kept");
      const { rows } = await pgStore.pool.query<{ n: number }>("SELECT (SELECT count(*) FROM splits) + (SELECT count(*) FROM pairs) + (SELECT count(*) FROM history) AS n");
      expect(rows[0]!.n).toBe(0);
    } finally {
      await pgStore.close();
    }
  });

  it("knows every table of both schemas, so nothing is left behind", async () => {
    const team = await newDatabase();
    const pgStore = await PgStore.open(team.url);
    const client = await pgStore.pool.connect();
    try {
      expect(unknownTables(await pgTables(client), DERIVED_PG)).toEqual([]);
    } finally {
      client.release();
      await pgStore.close();
    }
    const db = new Database(solo, { readonly: true });
    try {
      expect(unknownTables(sqliteTables(db), DERIVED_SQLITE)).toEqual([]);
    } finally {
      db.close();
    }
    expect(unknownTables(["splits", "pairs_fts_data", "notes"], DERIVED_SQLITE)).toEqual(["notes"]);
  });
});

describe("mmr-review migrate on the command line", () => {
  it("copies both ways and prints the counts", async () => {
    const team = await newDatabase();
    const there = cli("migrate", "--from", solo, "--to", team.url);
    expect(there.stderr).toBe("");
    expect(there.stdout).toMatch(/: 2 splits, 7 images, 24 pairs, 3 decisions, 4 history entries; checksums match/);
    const back = dir.file("cli-back.db");
    const again = cli("migrate", "--from", team.url, "--to", back);
    expect(again.stdout).toMatch(/: 2 splits, 7 images, 24 pairs, 3 decisions, 4 history entries; checksums match/);
    expect(rowsOf(back)).toEqual(rowsOf(solo));
  }, 60_000);

  it("says in one line what is wrong: not empty, unreachable, newer schema, two files", async () => {
    const team = await newDatabase();
    expect(cli("migrate", "--from", solo, "--to", team.url).code).toBe(0);
    expectOneLine(cli("migrate", "--from", solo, "--to", team.url), /--to: the PostgreSQL database is not empty \(splits has rows\)/);
    expectOneLine(cli("migrate", "--from", "postgres://nobody@127.0.0.1:1/none", "--to", dir.file("x.db")), /--from postgres:\/\/nobody@127\.0\.0\.1:1\/none: no PostgreSQL server answers there/);
    expect(existsSync(dir.file("x.db"))).toBe(false);
    const admin = new pg.Client(clientConfig(team.url));
    await admin.connect();
    await admin.query("INSERT INTO schema_version (version) VALUES (9999)");
    await admin.end();
    expectOneLine(cli("migrate", "--from", team.url, "--to", dir.file("y.db")), /--from .*schema version 9999, newer than this program knows/);
    expectOneLine(cli("migrate", "--from", solo, "--to", dir.file("z.db")), /one must be a SQLite file and the other a postgres:\/\/ URL/);
  }, 60_000);
});
