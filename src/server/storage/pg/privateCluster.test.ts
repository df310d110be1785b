import { existsSync } from "node:fs";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startPrivateCluster, type PrivateCluster } from "./privateCluster";

/* The private test server: its own port and folder, restartable without touching the shared cluster. */

let cluster: PrivateCluster;

beforeAll(async () => {
  cluster = await startPrivateCluster({ settings: { fsync: "off" } });
}, 120_000);

afterAll(async () => {
  await cluster?.destroy();
});

async function query(url: string, sql: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(sql)).rows;
  } finally {
    await client.end();
  }
}

describe("private PostgreSQL cluster", () => {
  it("serves a database of its own on its own port, keeps its data over a restart, and refuses connections while stopped", async () => {
    expect(cluster.port).toBeGreaterThan(0);
    // Not the shared cluster's port.
    expect(cluster.port).not.toBe(5432);
    const url = await cluster.createDatabase("mmr_private");
    await query(url, "CREATE TABLE t (n int); INSERT INTO t VALUES (41), (1)");

    await cluster.stop();
    expect(cluster.running()).toBe(false);
    await expect(query(url, "SELECT 1")).rejects.toMatchObject({ code: "ECONNREFUSED" });

    await cluster.start();
    expect(await query(url, "SELECT sum(n)::int AS s FROM t")).toEqual([{ s: 42 }]);

    await cluster.restart("immediate");
    expect(await query(url, "SELECT count(*)::int AS c FROM t")).toEqual([{ c: 2 }]);
  }, 120_000);

  it("destroy stops it and removes its folder", async () => {
    const other = await startPrivateCluster();
    const dir = other.dataDir;
    expect(existsSync(dir)).toBe(true);
    await other.destroy();
    expect(existsSync(dir)).toBe(false);
    await expect(query(other.url(), "SELECT 1")).rejects.toMatchObject({ code: "ECONNREFUSED" });
  }, 120_000);
});
