import pg from "pg";
import { describe, expect, it } from "vitest";
import { clientConfig } from "./connection";
import { createTestDatabase, databaseExists, withDatabase } from "./testDb";

describe("throwaway test databases", () => {
  it("creates an empty database of its own and drops it", async () => {
    const db = await createTestDatabase();
    expect(db.name).toMatch(/^mmr_test_\d+_[0-9a-f]{8}$/);
    expect(await databaseExists(db.name)).toBe(true);
    const client = new pg.Client(clientConfig(db.url));
    await client.connect();
    const { rows } = await client.query<{ db: string; tables: string }>(
      "SELECT current_database() AS db, (SELECT count(*) FROM pg_tables WHERE schemaname = 'public') AS tables",
    );
    await client.end();
    expect(rows[0]).toEqual({ db: db.name, tables: "0" });
    await db.drop();
    expect(await databaseExists(db.name)).toBe(false);
  });

  it("keeps the socket host of the admin URL when it names another database", () => {
    expect(withDatabase("postgresql:///postgres?host=/var/run/postgresql", "mmr_x")).toBe("postgresql:///mmr_x?host=/var/run/postgresql");
    expect(withDatabase("postgres://bob@db.example:5433/postgres", "mmr_x")).toBe("postgres://bob@db.example:5433/mmr_x");
  });
});
