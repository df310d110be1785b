import Database from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import { migrate, migrations } from "./migrations";

let dir: TempDir;

beforeEach(async () => {
  dir = tempDir();
});

afterEach(() => dir.remove());

function version(db: Database.Database): number {
  return db.prepare("SELECT max(version) FROM schema_version").pluck().get() as number;
}

describe("migrations", () => {
  it("bring a version-1 database up to date, filling new tables from existing rows", async () => {
    const file = dir.file("old.db");
    const db = new Database(file);
    db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
    db.exec(migrations[0]!.sql);
    db.exec("INSERT INTO schema_version VALUES (1)");
    db.prepare(
      `INSERT INTO pairs (id, split, seq, image_pk, image_id, idx, question, text_answer, orig_targets, imported_flags,
         imported_granularity, content_hash, targets, target_count, granularity, flags, flag_order)
       VALUES ('s:1:0', 's', 0, 1, 1, 0, 'q', 'a {seg}', '[0]', 0, 'object', 'h', '[0]', 1, 'object', 0, 1)`,
    ).run();
    db.prepare("INSERT INTO splits (name, source_file, source_hash, imported_at) VALUES ('s', 'f', 'h', 't')").run();
    db.prepare(
      `INSERT INTO pairs (id, split, seq, image_pk, image_id, idx, question, text_answer, orig_targets, imported_flags,
         imported_granularity, content_hash, targets, target_count, granularity, flags, flag_order, status, reviewer)
       VALUES ('s:1:1', 's', 1, 1, 1, 1, 'q', 'a {seg}', '[0]', 0, 'object', 'h', '[1]', 1, 'object', 0, 1, 'rejected', 'ann')`,
    ).run();
    db.prepare(
      `INSERT INTO decisions (pair_id, status, reasons, note, edits, reviewer, updated_at, version, flags, granularity, targets)
       VALUES ('s:1:1', 'rejected', '["bad_mask"]', '', '{"targets":[1]}', 'ann', 't', 1, 0, 'object', '[1]')`,
    ).run();
    db.close();

    const store = await openStore(file);
    expect((await store.listPairs({ split: "s" })).counts).toEqual({ pending: 1, accepted: 0, rejected: 1 });
    expect((await store.stats()).targetHistogram).toEqual({ "1": 2 });
    expect((await store.stats("s")).byReviewer).toEqual({ ann: 1 });
    expect((await store.stats("s")).byReason).toEqual({ bad_mask: 1 });
    expect((await store.insights().exportPreview("s", true)).editedKept).toBe(0); // the edited pair is rejected
    store.close();

    const reopened = new Database(file);
    expect(version(reopened)).toBe(migrations.at(-1)!.version);
    // Version 5 marks the split's source as changed, so its next import re-runs the new checks.
    expect(reopened.prepare("SELECT source_hash FROM splits").pluck().get()).toBe("before-v5:h");
    expect(migrate(reopened)).toBe(migrations.at(-1)!.version); // a second run changes nothing
    reopened.close();
  });

  it("refuse a database from a newer program", async () => {
    const file = dir.file("new.db");
    await (await openStore(file)).close();
    const db = new Database(file);
    db.exec("INSERT INTO schema_version VALUES (999)");
    db.close();
    await expect(openStore(file)).rejects.toThrow(/schema version 999/);
  });

  it("use WAL with full fsync", async () => {
    const file = dir.file("wal.db");
    await (await openStore(file)).close();
    const db = new Database(file);
    expect(db.pragma("journal_mode", { simple: true })).toBe("wal");
    db.close();
  });
});
