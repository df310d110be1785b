import { describeInsightsContract, describePredictionsContract, type InsightsHarness } from "../contract/insightsContract";
import { importRecords } from "../../test-fixtures/importFixture";
import { tempDir } from "../../test-fixtures/splitFiles";
import { SqliteStore } from "./sqliteStore";

async function open(): Promise<InsightsHarness> {
  const dir = tempDir("mmr-insights-contract-");
  const store = new SqliteStore(dir.file("review.db"));
  return {
    importRecords: async (split, records) => void (await importRecords(store, dir, split, records)),
    saveDecision: (request) => store.saveDecision(request),
    insights: store.insights(),
    predictions: store.predictions(),
    async cleanup() {
      await store.close();
      dir.remove();
    },
  };
}

describeInsightsContract("SQLite", open);
describePredictionsContract("SQLite", open);
