import { describeAccountsContract } from "../contract/accountsContract";
import { tempDir } from "../../test-fixtures/splitFiles";
import { SqliteStore } from "./sqliteStore";

describeAccountsContract("SQLite (file)", async () => {
  const dir = tempDir("mmr-accounts-");
  const store = new SqliteStore(dir.file("review.db"));
  return {
    accounts: store.accounts(),
    async cleanup() {
      await store.close();
      dir.remove();
    },
  };
});
