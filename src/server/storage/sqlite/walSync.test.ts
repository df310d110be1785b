import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";
import { SqliteStore } from "./sqliteStore";
import { WalSync } from "./walSync";

let dir: TempDir;

beforeEach(() => {
  dir = tempDir();
});

afterEach(() => dir.remove());

describe("WalSync", () => {
  it("lets a sync asked for during a running one wait for a new one, shared by every later caller", async () => {
    const wal = new WalSync(dir.write("x.db-wal", "frames"));
    const first = wal.sync();
    const second = wal.sync();
    const third = wal.sync();
    expect(second).not.toBe(first); // the running sync may have started before the caller's commit
    expect(third).toBe(second);
    await Promise.all([first, second, third]);
    const after = wal.sync(); // nothing running: a fresh one
    expect(after).not.toBe(second);
    await after;
    await wal.close();
  });

  it("rejects when the WAL cannot be opened, and recovers once it can", async () => {
    const wal = new WalSync(dir.file("missing.db-wal"));
    await expect(wal.sync()).rejects.toThrow(/ENOENT/);
    dir.write("missing.db-wal", "");
    await expect(wal.sync()).resolves.toBeUndefined();
    await wal.close();
  });
});

describe("saveDecisions (durable group commit)", () => {
  it("saves like saveDecisions, visible to another connection once it resolves", async () => {
    const file = dir.file("review.db");
    const store = new SqliteStore(file);
    await importRecords(store, dir, "val", fixtureRecords(2));
    const results = await store.saveDecisions([
      { id: "val:1000:0", input: { status: "accepted", reviewer: "ann", baseVersion: 0 }, flags: [], granularity: "object", now: "2026-01-01T00:00:00.000Z" },
      { id: "val:1000:1", input: { status: "accepted", reviewer: "ann", baseVersion: 5 }, flags: [], granularity: "object", now: "2026-01-01T00:00:00.000Z" },
    ]);
    expect(results.map((r) => r.kind)).toEqual(["saved", "conflict"]);
    const other = new Database(file, { readonly: true });
    expect(other.prepare("SELECT status FROM pairs WHERE id = 'val:1000:0'").pluck().get()).toBe("accepted");
    other.close();
    await store.close();
  });
});
