import { describeStoreContract } from "../contract/storeContract";
import { tempDir } from "../../test-fixtures/splitFiles";
import { SqliteStore } from "./sqliteStore";

describeStoreContract("SQLite (file)", async () => {
  const dir = tempDir("mmr-contract-");
  const store = new SqliteStore(dir.file("review.db"));
  return {
    store,
    async cleanup() {
      await store.close();
      dir.remove();
    },
  };
});
