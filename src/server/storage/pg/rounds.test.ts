import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeRoundsContract, newRound } from "../contract/roundsContract";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import { PgStore } from "./pgStore";
import { analyseRecords } from "./testImport";
import { createTestDatabase, emptyTables, type TestDatabase } from "./testDb";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describeRoundsContract("PostgreSQL (two pools, as two servers)", async () => {
  const dir = tempDir("mmr-pg-rounds-");
  const store = await PgStore.open(db.url);
  await emptyTables(db.url);
  const { source, images } = await analyseRecords(dir, "val", fixtureRecords(5));
  const job = await store.beginImport(source);
  for (const image of images) await job.addImage(image);
  await job.commit();
  const other = await PgStore.open(db.url);
  const pairIds = (await store.listPairs({ split: "val", limit: 100 })).items.map((item) => item.id);
  return {
    rounds: store.rounds(),
    comments: store.comments(),
    other: other.rounds(),
    pairIds,
    history: (id) => store.history(id),
    decisionLog: (split) => store.decisionLog(split),
    listPairs: (query) => store.listPairs(query),
    getPairContext: (id) => store.getPairContext(id),
    saveDecision: (request) => store.saveDecision(request),
    saveDecisions: (requests) => store.saveDecisions(requests),
    async cleanup() {
      await other.close();
      await store.close();
      dir.remove();
    },
  };
});

describe("a round created while a decision holds one of its images", () => {
  it("waits for that decision to commit; a decision after it is refused with in_round", async () => {
    const dir = tempDir("mmr-pg-rounds-race-");
    const store = await PgStore.open(db.url);
    try {
      await emptyTables(db.url);
      const { source, images } = await analyseRecords(dir, "val", fixtureRecords(2));
      const job = await store.beginImport(source);
      for (const image of images) await job.addImage(image);
      await job.commit();
      // What a decision transaction holds from its BEGIN batch on: its pair's image row.
      const inFlight = await store.pool.connect();
      await inFlight.query("BEGIN");
      await inFlight.query("SELECT 1 FROM images WHERE split = 'val' AND image_id = 1000 FOR UPDATE");
      let created = false;
      const creating = store
        .rounds()
        .create(newRound(["val:1000:0"], 1, ["ann"]))
        .then((result) => {
          created = true;
          return result;
        });
      await new Promise((done) => setTimeout(done, 300));
      expect(created).toBe(false);
      await inFlight.query("COMMIT");
      inFlight.release();
      const { round } = await creating;
      const direct = { id: "val:1000:0", input: { status: "accepted" as const, reviewer: "dan", baseVersion: 0 }, flags: [], granularity: "object" as const, now: "2026-01-01T00:00:01.000Z" };
      expect(await store.saveDecision(direct)).toEqual({ kind: "in_round", roundId: round.id });
    } finally {
      await store.close();
      dir.remove();
    }
  });
});
