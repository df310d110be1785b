import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { addUser } from "../../accounts/manage";
import { PgStore } from "../../storage/pg/pgStore";
import { createTestDatabase, type TestDatabase } from "../../storage/pg/testDb";
import { createApp } from "../app";

/*
 * A team runs several `serve` processes on one PostgreSQL database (issue 10). Failed logins are
 * counted in that database, so an attacker who spreads guesses over the servers meets one limit,
 * not one per process; and when the counters' table cannot be written, each process still counts
 * in its memory instead of letting every guess through.
 */

const PASSWORD = "correct horse battery";
const LIMITS = { perUser: 3, perAddress: 100, windowSeconds: 600 };

let db: TestDatabase;
let stores: PgStore[];

beforeAll(async () => {
  db = await createTestDatabase();
  stores = [await PgStore.open(db.url), await PgStore.open(db.url)];
  await addUser(stores[0]!.accounts(), "ana", "reviewer", PASSWORD);
});

afterAll(async () => {
  for (const store of stores ?? []) await store.close();
  await db?.drop();
});

beforeEach(async () => {
  await stores[0]!.pool.query("CREATE TABLE IF NOT EXISTS login_attempts (key varchar(255) PRIMARY KEY, points integer NOT NULL DEFAULT 0, expire bigint)");
  await stores[0]!.pool.query("DELETE FROM login_attempts");
});

/** One server process's app on its own pool. */
function server(store: PgStore) {
  const streamExport = () => {
    throw new Error("no export in this test");
  };
  const app = createApp({ store, imagesDirs: [], clientDir: null, streamExport, logError: () => {}, auth: { loginLimits: LIMITS, log: () => {} } });
  return async (password: string): Promise<number> => {
    const response = await app.request("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "ana", password }) });
    return response.status;
  };
}

describe("the login limit across server processes on one PostgreSQL", () => {
  it("counts the failures of every process: two on one server and one on the other block the name on both", async () => {
    const [a, b] = [server(stores[0]!), server(stores[1]!)];
    expect(await a("guess 1")).toBe(401);
    expect(await a("guess 2")).toBe(401);
    expect(await b("guess 3")).toBe(401);
    // Counted per process, b would have seen one failure and let this through.
    expect(await b(PASSWORD)).toBe(429);
    expect(await a(PASSWORD)).toBe(429);
  });

  it("a success clears the count for every process", async () => {
    const [a, b] = [server(stores[0]!), server(stores[1]!)];
    expect(await a("guess 1")).toBe(401);
    expect(await a("guess 2")).toBe(401);
    expect(await b(PASSWORD)).toBe(200);
    expect(await a("guess 3")).toBe(401);
    expect(await a("guess 4")).toBe(401);
    expect(await b(PASSWORD)).toBe(200);
  });

  it("falls back to counting in memory when the table cannot be used, never unlimited", async () => {
    await stores[0]!.pool.query("DROP TABLE login_attempts");
    const a = server(stores[0]!);
    for (let i = 0; i < 3; i++) expect(await a(`guess ${i}`)).toBe(401);
    expect(await a(PASSWORD)).toBe(429);
  });
});
