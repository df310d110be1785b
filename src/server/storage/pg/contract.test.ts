import pg from "pg";
import { afterAll, beforeAll } from "vitest";
import { describeStoreContract } from "../contract/storeContract";
import { clientConfig } from "./connection";
import { PgStore } from "./pgStore";
import { createTestDatabase, type TestDatabase } from "./testDb";

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

async function emptyTables(url: string): Promise<void> {
  const client = new pg.Client(clientConfig(url));
  await client.connect();
  try {
    const { rows } = await client.query<{ name: string }>(
      "SELECT quote_ident(tablename) AS name FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_version'",
    );
    if (rows.length > 0) await client.query(`TRUNCATE ${rows.map((r) => r.name).join(", ")} RESTART IDENTITY`);
  } finally {
    await client.end();
  }
}

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
