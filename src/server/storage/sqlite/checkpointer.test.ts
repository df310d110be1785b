import { statSync } from "node:fs";
import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";
import type { Checkpointer } from "./checkpointer";
import { SqliteStore } from "./sqliteStore";

/*
 * Decision writes commit with SQLite's auto-checkpoint off and a worker thread checkpoints instead
 * (checkpointer.ts). What a user would notice if that broke: a WAL that grows with every decision
 * (disk, and slower reads), or decisions lost. 1,500 back-to-back single-decision group commits
 * write about 18,500 WAL frames (4 KB each): without checkpoints the WAL reaches 47 MB (measured
 * with the worker's checkpoints turned off); with them it is rewound whenever it passes
 * DRAIN_FRAMES (2,048 frames, 8 MB) plus what arrives during one drain.
 */

let dir: TempDir;

beforeEach(() => {
  dir = tempDir();
});

afterEach(() => dir.remove());

const MB = 1024 * 1024;

async function decideMany(store: SqliteStore, count: number, from = 0): Promise<void> {
  for (let i = from; i < from + count; i++) {
    const [result] = await store.saveDecisions([
      {
        id: `val:1000:${i % 2}`,
        input: { status: i % 3 === 0 ? "rejected" : "accepted", ...(i % 3 === 0 ? { reasons: ["ambiguous" as const] } : {}), reviewer: "ann", baseVersion: i >> 1, note: `n${i}` },
        flags: [],
        granularity: "object",
        now: "2026-01-01T00:00:00.000Z",
      },
    ]);
    expect(result?.kind).toBe("saved");
  }
}

async function settled(): Promise<void> {
  // The worker's checkpoint runs after a quiet spell of 200 ms; give it that and its own time.
  await new Promise((r) => setTimeout(r, 800));
}

describe("background checkpoints of decision writes", () => {
  it("keep the WAL short across many decisions, and every decision is in the database", async () => {
    const file = dir.file("review.db");
    const store = new SqliteStore(file);
    await importRecords(store, dir, "val", fixtureRecords(2));
    await decideMany(store, 1_500);
    await settled();
    expect(statSync(`${file}-wal`).size).toBeLessThan(12 * MB);
    await store.close();

    const db = new Database(file, { readonly: true });
    expect(db.prepare("SELECT version FROM decisions WHERE pair_id = 'val:1000:1'").pluck().get()).toBe(750);
    expect(db.prepare("SELECT COUNT(*) FROM history WHERE pair_id LIKE 'val:1000:%'").pluck().get()).toBe(1_500);
    db.close();
  });

  it("a store whose checkpoint worker is gone still keeps the WAL short (commits checkpoint themselves again)", async () => {
    const file = dir.file("review.db");
    const store = new SqliteStore(file);
    await importRecords(store, dir, "val", fixtureRecords(2));
    await decideMany(store, 1); // starts the worker
    // The worker dying: nothing outside the store can reach it, so stop it the way the store would.
    await (store as unknown as { checkpointer: Checkpointer }).checkpointer.close();
    await decideMany(store, 1_500, 1);
    expect(statSync(`${file}-wal`).size).toBeLessThan(12 * MB);
    await store.close();
  });
});

/*
 * An import commits without checkpointing on the thread that owns the connection (the server's
 * event loop): its WAL is synced before `commit` resolves, and the worker copies it into the
 * database file afterwards.
 */
describe("an import's commit", () => {
  type Internals = { db: Database.Database; walSync: { sync(): Promise<void> } };

  it("is durable when it resolves, leaves the copy into the database file to the worker, and restores the decision settings", async () => {
    const file = dir.file("review.db");
    const store = new SqliteStore(file);
    const before = statSync(file).size;
    const result = await importRecords(store, dir, "val", fixtureRecords(300));
    expect(result.pairs).toBe(1050); // 150 fixture records of 3 pairs, 150 of 4
    // Committed: another connection sees every pair, while the pages are still in the WAL only.
    const reader = new Database(file, { readonly: true });
    expect(reader.prepare("SELECT COUNT(*) FROM pairs WHERE split = 'val'").pluck().get()).toBe(1050);
    reader.close();
    expect(statSync(file).size).toBe(before);
    expect(statSync(`${file}-wal`).size).toBeGreaterThan(200 * 1024);
    await settled();
    expect(statSync(file).size).toBeGreaterThan(before + 200 * 1024);
    const { db } = store as unknown as Internals;
    expect(db.pragma("synchronous", { simple: true })).toBe(2); // FULL, which single decision writes rely on
    expect(db.pragma("wal_autocheckpoint", { simple: true })).toBe(1000);
    await store.close();
  });

  it("reports a WAL that could not be synced instead of an import that landed safely", async () => {
    const file = dir.file("review.db");
    const store = new SqliteStore(file);
    (store as unknown as Internals).walSync.sync = () => Promise.reject(new Error("EIO: i/o error, fdatasync"));
    await expect(importRecords(store, dir, "val", fixtureRecords(2))).rejects.toThrow(
      "the import was committed, but syncing the database's WAL to disk failed (EIO: i/o error, fdatasync): it may not survive a power loss; check the disk",
    );
    await store.close();
  });
});
