import type pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { describeAccountsContract } from "../contract/accountsContract";
import { createPgAccounts } from "./accounts";
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

describe("PostgreSQL: solo or team mode, as two servers see it", () => {
  it("a server sees its own user changes at once and another server's within the TTL", async () => {
    const one = await PgStore.open(db.url, { max: 2 });
    const two = await PgStore.open(db.url, { max: 2 });
    try {
      await one.pool.query("TRUNCATE users, sessions, api_tokens");
      let clock = 0;
      const mine = createPgAccounts(one.pool, { hasUsersTtlMs: 1_000, nowMs: () => clock });
      const theirs = createPgAccounts(two.pool, { hasUsersTtlMs: 1_000, nowMs: () => clock });
      expect(await mine.hasUsers()).toBe(false);
      expect(await theirs.hasUsers()).toBe(false);

      // The other server (or `mmr-review users add`) adds the first user.
      await theirs.addUser({ name: "lea", role: "lead", passwordHash: "h", now: "2026-12-03T00:00:00.000Z" });
      expect(await theirs.hasUsers()).toBe(true);
      clock = 999;
      expect(await mine.hasUsers()).toBe(false);
      clock = 1_000;
      expect(await mine.hasUsers()).toBe(true);
      expect(await theirs.hasUsers()).toBe(true); // asked again at 1,000: kept until 2,000

      // Removed here: this server is back in solo mode at once; the other one a TTL later.
      expect(await mine.removeUser("lea")).toBe(true);
      expect(await mine.hasUsers()).toBe(false);
      expect(await theirs.hasUsers()).toBe(true);
      clock = 2_000;
      expect(await theirs.hasUsers()).toBe(false);
    } finally {
      await one.close();
      await two.close();
    }
  });

  it("a failed lookup is not remembered: the next request asks again", async () => {
    const answers: Array<() => Promise<unknown>> = [
      () => Promise.reject(new Error("connection terminated")),
      () => Promise.resolve({ rows: [{ any: true }] }),
    ];
    let asked = 0;
    const pool = { query: () => answers[asked++]!() } as unknown as pg.Pool;
    const accounts = createPgAccounts(pool, { nowMs: () => 0 });
    await expect(accounts.hasUsers()).rejects.toThrow("connection terminated");
    expect(await accounts.hasUsers()).toBe(true);
    expect(await accounts.hasUsers()).toBe(true);
    expect(asked).toBe(2);
  });
});
