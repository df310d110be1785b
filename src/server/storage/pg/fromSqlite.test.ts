import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import { decisionLine, migrateSqliteToPostgres } from "./fromSqlite";
import { PgStore } from "./pgStore";
import { createTestDatabase, type TestDatabase } from "./testDb";

let db: TestDatabase;
let dir: TempDir;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = tempDir();
});
afterAll(async () => {
  await db?.drop();
  dir?.remove();
});

describe("migrate a SQLite review to PostgreSQL", () => {
  it("copies splits, decisions and history, verified, and refuses a database that is not empty", async () => {
    const file = dir.file("review.db");
    const sqlite = await openStore(file);
    await importRecords(sqlite, dir, "val", fixtureRecords(5));
    const request = { flags: [], granularity: "object" as const, now: "2026-01-01T00:00:00.000Z" };
    await sqlite.saveDecision({ id: "val:1000:0", input: { status: "accepted", reviewer: "ann", baseVersion: 0 }, ...request });
    await sqlite.saveDecision({ id: "val:1000:0", input: { status: "rejected", reasons: ["other"], reviewer: "bo", baseVersion: 1 }, ...request });
    await sqlite.saveDecision({ id: "val:1002:1", input: { status: "accepted", reviewer: "ann", baseVersion: 0, edits: { question: "Zebra?" } }, ...request });
    await sqlite.close();

    const target = await PgStore.open(db.url);
    try {
      const report = await migrateSqliteToPostgres(file, target.pool);
      expect(report.counts).toMatchObject({ splits: 1, images: 5, pairs: 17, decisions: 2, history: 3 });
      expect(report.decisionChecksum).toMatch(/^[0-9a-f]{64}$/);
      expect(await target.listSplits()).toMatchObject([{ name: "val", images: 5, pairs: 17, byStatus: { pending: 15, accepted: 1, rejected: 1 } }]);
      expect((await target.history("val:1000:0"))!.map((h) => [h.version, h.reviewer, h.after.status])).toEqual([
        [1, "ann", "accepted"],
        [2, "bo", "rejected"],
      ]);
      expect((await target.listPairs({ q: "zebra" })).items.map((p) => p.id)).toEqual(["val:1002:1"]);
      // the copy takes new decisions, on from the copied versions
      expect(await target.saveDecision({ id: "val:1000:0", input: { status: "accepted", reviewer: "cy", baseVersion: 2 }, ...request })).toMatchObject({
        kind: "saved",
        decision: { version: 3 },
      });
      await expect(migrateSqliteToPostgres(file, target.pool)).rejects.toThrow("--to: the PostgreSQL database is not empty (splits has rows); migrate into an empty database");
    } finally {
      await target.close();
    }
  });

  it("checksums every field of a decision that a reviewer sees", () => {
    const row = { pair_id: "s:1:0", status: "accepted", reasons: "[]", note: "", edits: null, reviewer: "ann", updated_at: "t", version: 1 };
    expect(decisionLine(row)).not.toBe(decisionLine({ ...row, note: "x" }));
    expect(decisionLine(row)).not.toBe(decisionLine({ ...row, version: 2 }));
    expect(decisionLine(row)).not.toBe(decisionLine({ ...row, edits: '{"question":"q"}' }));
  });
});
