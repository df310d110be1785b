import { afterAll, beforeAll } from "vitest";
import { describeRoundsContract } from "../contract/roundsContract";
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
    async cleanup() {
      await other.close();
      await store.close();
      dir.remove();
    },
  };
});
