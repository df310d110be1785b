import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import { decisionLine, migrateSqliteToPostgres, predictionLine } from "./fromSqlite";
import { PgInsights } from "./insights";
import { PgStore } from "./pgStore";
import { PgPredictions } from "./predictions";
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

  it("copies predictions (verified by checksum) and recounts the export preview's summary", async () => {
    const target = await createTestDatabase();
    const file = dir.file("predictions.db");
    const sqlite = await openStore(file);
    await importRecords(sqlite, dir, "val", fixtureRecords(3));
    const request = { flags: [], granularity: "object" as const, now: "2026-01-01T00:00:00.000Z" };
    await sqlite.saveDecision({ id: "val:1001:2", input: { status: "accepted", reviewer: "ann", baseVersion: 0, edits: { question: "Which device?" } }, ...request });
    for (const [model, iou] of [["m-b", 0.25], ["m-a", 0.75]] as const) {
      const job = await sqlite.predictions().beginImport("val", model, `${model}.jsonl`, "2026-02-01T00:00:00.000Z");
      await job.add({ pairId: "val:1000:0", height: 40, width: 60, masks: ["abc"], scores: [0.5], targetIous: [iou], iou });
      await job.add({ pairId: "val:1001:1", height: 40, width: 60, masks: ["d", "e"], scores: null, targetIous: [null, null], iou: null });
      await job.commit();
    }
    await sqlite.close();

    const store = await PgStore.open(target.url);
    try {
      const report = await migrateSqliteToPostgres(file, store.pool);
      expect(report.counts).toMatchObject({ prediction_models: 2, predictions: 4 });
      expect(report.predictionChecksum).toMatch(/^[0-9a-f]{64}$/);
      const predictions = new PgPredictions(store.pool);
      expect((await predictions.listModels("val")).map((m) => [m.model, m.pairs, m.meanIou])).toEqual([
        ["m-a", 2, 0.75],
        ["m-b", 2, 0.25],
      ]);
      expect(await predictions.get("val", "m-b", "val:1001:1")).toEqual({
        pairId: "val:1001:1",
        height: 40,
        width: 60,
        masks: ["d", "e"],
        scores: null,
        targetIous: [null, null],
        iou: null,
      });
      expect((await predictions.listByIou({ split: "val", model: "m-a" })).items.map((i) => [i.id, i.iou])).toEqual([
        ["val:1000:0", 0.75],
        ["val:1001:1", null],
      ]);
      // One accepted (edited) pair on image 1001: the copied database's preview says so.
      const preview = await new PgInsights(store.pool).exportPreview("val", false);
      expect(preview).toMatchObject({ pairs: { kept: 1, dropped: 9 }, images: { kept: 1, dropped: 2 }, editedKept: 1, decided: 1 });
    } finally {
      await store.close();
      await target.drop();
    }
  });

  it("checksums every field of a prediction", () => {
    const row = { split: "val", name: "m", source_file: "f", imported_at: "t", model_pairs: 1, pair_id: "val:1:0", h: 4, w: 4, masks: "[]", scores: null, target_ious: "[1]", iou: 1, sort_iou: 1 };
    expect(predictionLine(row)).not.toBe(predictionLine({ ...row, masks: '["x"]' }));
    expect(predictionLine(row)).not.toBe(predictionLine({ ...row, iou: 0.5 }));
    expect(predictionLine(row)).not.toBe(predictionLine({ ...row, name: "n" }));
  });

  it("checksums every field of a decision that a reviewer sees", () => {
    const row = { pair_id: "s:1:0", status: "accepted", reasons: "[]", note: "", edits: null, reviewer: "ann", updated_at: "t", version: 1 };
    expect(decisionLine(row)).not.toBe(decisionLine({ ...row, note: "x" }));
    expect(decisionLine(row)).not.toBe(decisionLine({ ...row, version: 2 }));
    expect(decisionLine(row)).not.toBe(decisionLine({ ...row, edits: '{"question":"q"}' }));
  });
});
