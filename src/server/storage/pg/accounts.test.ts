import { afterAll, beforeAll } from "vitest";
import { describeAccountsContract } from "../contract/accountsContract";
import { PgStore } from "./pgStore";
import { createTestDatabase, type TestDatabase } from "./testDb";

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(() => db.drop());

describeAccountsContract("PostgreSQL", async () => {
  const store = await PgStore.open(db.url, { max: 2 });
  await store.pool.query("TRUNCATE users, sessions, api_tokens");
  return {
    accounts: store.accounts(),
    cleanup: () => store.close(),
  };
});
