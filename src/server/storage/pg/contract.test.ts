import { afterAll, beforeAll } from "vitest";
import { describeStoreContract } from "../contract/storeContract";
import { PgStore } from "./pgStore";
import { createTestDatabase, emptyTables, type TestDatabase } from "./testDb";

/*
 * The ReviewStore contract on PostgreSQL, on a throwaway database of this file (created and
 * dropped here). Each test opens its own store (pool) on it and empties every table after itself,
 * so tests never see each other's rows.
 */

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});

describeStoreContract("PostgreSQL", async () => {
  const store = await PgStore.open(db.url, { max: 4 });
  const others: PgStore[] = [];
  return {
    store,
    async openOther() {
      const other = await PgStore.open(db.url, { max: 2 });
      others.push(other);
      return other;
    },
    async cleanup() {
      for (const other of others) await other.close();
      await store.close();
      await emptyTables(db.url);
    },
  };
});
