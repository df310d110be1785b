import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeInsightsContract, describePredictionsContract, type InsightsHarness } from "../contract/insightsContract";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { StoredPrediction } from "../store";
import { clientConfig } from "./connection";
import { PgStore } from "./pgStore";
import { createTestDatabase, emptyTables, type TestDatabase } from "./testDb";
import { analyseRecords } from "./testImport";

/*
 * The insights and predictions contract on PostgreSQL: one throwaway database for the file,
 * emptied after every test, read through the store's insights() and predictions() (PgInsights and
 * PgPredictions behind the store's typed-error facade).
 */

let db: TestDatabase;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});


async function open(): Promise<InsightsHarness> {
  const dir = tempDir("mmr-pg-insights-");
  const store = await PgStore.open(db.url);
  return {
    async importRecords(split, records) {
      const { source, images } = await analyseRecords(dir, split, records);
      const job = await store.beginImport(source);
      for (const image of images) await job.addImage(image);
      await job.commit();
    },
    saveDecision: (request) => store.saveDecision(request),
    insights: store.insights(),
    predictions: store.predictions(),
    async cleanup() {
      await emptyTables(db.url);
      await store.close();
      dir.remove();
    },
  };
}

describeInsightsContract("PostgreSQL", open);
describePredictionsContract("PostgreSQL", open);

describe("PostgreSQL prediction import", () => {
  const prediction = (pairId: string, iou: number): StoredPrediction => ({ pairId, height: 40, width: 60, masks: ["PPYo0"], scores: null, targetIous: [iou], iou });

  it("is invisible to another connection until commit, and then replaces the model at once", async () => {
    const harness = await open();
    const other = new pg.Client(clientConfig(db.url));
    await other.connect();
    try {
      await harness.importRecords("val", fixtureRecords(2));
      const first = await harness.predictions.beginImport("val", "m", "a.jsonl", "t1");
      await first.add(prediction("val:1000:0", 0.5));
      await first.commit();

      const job = await harness.predictions.beginImport("val", "m", "b.jsonl", "t2");
      await job.add(prediction("val:1001:0", 0.25));
      await job.add(prediction("val:1001:1", 0.75));
      const seen = await other.query<{ source_file: string; n: number }>(
        "SELECT m.source_file, count(p.pk)::int AS n FROM prediction_models m LEFT JOIN predictions p ON p.model_pk = m.pk GROUP BY m.source_file",
      );
      expect(seen.rows).toEqual([{ source_file: "a.jsonl", n: 1 }]);
      // The pool's other connections (the app's reads) still see the old model too.
      expect(await harness.predictions.get("val", "m", "val:1000:0")).toMatchObject({ iou: 0.5 });
      await job.commit();
      expect((await harness.predictions.listModels("val")).map((m) => [m.sourceFile, m.pairs])).toEqual([["b.jsonl", 2]]);
      expect(await harness.predictions.get("val", "m", "val:1000:0")).toBeNull();
    } finally {
      await other.end();
      await harness.cleanup();
    }
  });

  it("refuses a NUL character (which PostgreSQL text cannot hold) with one line and keeps the model as it was", async () => {
    const harness = await open();
    try {
      await harness.importRecords("val", fixtureRecords(1));
      const job = await harness.predictions.beginImport("val", "m", "a.jsonl", "t1");
      const refused = await job.add(prediction("val:1000:0\u0000", 0.5)).then(() => null, (error: unknown) => error);
      await job.abort();
      expect(refused).toBeInstanceOf(Error);
      expect((refused as Error).message).toMatch(/^prediction of pair .*: contains a NUL character/);
      expect(await harness.predictions.listModels()).toEqual([]);
      // Inside a mask's JSON text a NUL is an escape, not a character: it is kept as it was.
      const again = await harness.predictions.beginImport("val", "m", "a.jsonl", "t1");
      await again.add({ ...prediction("val:1000:0", 0.5), masks: ["a\u0000b"] });
      await again.commit();
      expect((await harness.predictions.get("val", "m", "val:1000:0"))?.masks).toEqual(["a\u0000b"]);
    } finally {
      await harness.cleanup();
    }
  });
});
