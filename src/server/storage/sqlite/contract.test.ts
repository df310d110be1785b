import { describeStoreContract } from "../contract/storeContract";
import { tempDir } from "../../test-fixtures/splitFiles";
import type { ReviewStore } from "../store";
import { SqliteStore } from "./sqliteStore";

describeStoreContract("SQLite (file)", async () => {
  const dir = tempDir("mmr-contract-");
  const store = new SqliteStore(dir.file("review.db"));
  const others: ReviewStore[] = [];
  return {
    store,
    async openOther() {
      const other = new SqliteStore(dir.file("review.db"));
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close();
      await store.close();
      dir.remove();
    },
  };
});
