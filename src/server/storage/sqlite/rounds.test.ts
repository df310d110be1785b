import { describeRoundsContract } from "../contract/roundsContract";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import { SqliteStore } from "./sqliteStore";

describeRoundsContract("SQLite (two connections on one file)", async () => {
  const dir = tempDir("mmr-rounds-");
  const store = new SqliteStore(dir.file("review.db"));
  await importRecords(store, dir, "val", fixtureRecords(5));
  const other = new SqliteStore(dir.file("review.db"));
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
