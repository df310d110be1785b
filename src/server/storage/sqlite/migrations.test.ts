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
    await store.close();

    const reopened = new Database(file);
    expect(version(reopened)).toBe(migrations.at(-1)!.version);
    // Version 5 marks the split's source as changed, so its next import re-runs the new checks.
    expect(reopened.prepare("SELECT source_hash FROM splits").pluck().get()).toBe("before-v5:h");
    expect(migrate(reopened)).toBe(migrations.at(-1)!.version); // a second run changes nothing
    reopened.close();
  });

  it("move a version-5 database's annotation rows into each image's list, which pair detail and target edits read", async () => {
    const file = dir.file("v5.db");
    const db = new Database(file);
    db.exec("CREATE TABLE schema_version (version INTEGER NOT NULL)");
    for (const m of migrations.filter((m) => m.version <= 5)) db.exec(m.sql);
    db.exec("INSERT INTO schema_version VALUES (5)");
    db.prepare("INSERT INTO splits (name, source_file, source_hash, imported_at) VALUES ('s', 'f', 'h', 't')").run();
    // The record holds annotation 1's mask itself (rle NULL below): it is read from here.
    const raw = JSON.stringify({ annotations: [{}, { segmentation: { size: [4, 4], counts: "from-record" } }] });
    db.prepare(
      "INSERT INTO images (pk, split, ordinal, image_id, file_name, width, height, file_flags, raw) VALUES (7, 's', 0, 1, 'a.jpg', 4, 4, 0, ?)",
    ).run(Buffer.concat([Buffer.from([0]), Buffer.from(raw)]));
    const insertAnnotation = db.prepare(
      `INSERT INTO annotations (image_pk, idx, ann_id, category_id, category, kind, instance_name, parent, bbox, area, mask_box, rle, h, w)
       VALUES (7, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 4, 4)`,
    );
    // Inserted out of order: the list is in idx order.
    insertAnnotation.run(1, null, 3, "chair:leg", "part", "chair_1's leg", 0, "[1,1,1,2]", 2, "[1,1,1,2]", null);
    insertAnnotation.run(0, 11, 2, "chair", "object", "chair_1", null, "[0,0,2,3.5]", 6.5, "[0,0,2,3]", "own-rle");
    db.prepare(
      `INSERT INTO pairs (pk, id, split, seq, image_pk, image_id, idx, question, text_answer, orig_targets, imported_flags,
         imported_granularity, content_hash, targets, target_count, granularity, flags, flag_order)
       VALUES (1, 's:1:0', 's', 0, 7, 1, 0, 'q', 'a {seg}', '[0]', 0, 'object', 'h', '[0]', 1, 'object', 0, 1)`,
    ).run();
    db.prepare("INSERT INTO pair_categories (category, pair_pk) VALUES ('chair', 1)").run();
    db.close();

    const store = await openStore(file);
    const pair = (await store.getPair("s:1:0", {}))!;
    expect(pair.annotations).toEqual([
      {
        index: 0, annId: 11, categoryId: 2, categoryName: "chair", kind: "object", instanceName: "chair_1", parent: null,
        bbox: [0, 0, 2, 3.5], area: 6.5, maskBox: [0, 0, 2, 3], rle: { size: [4, 4], counts: "own-rle" },
      },
      {
        index: 1, annId: null, categoryId: 3, categoryName: "chair:leg", kind: "part", instanceName: "chair_1's leg", parent: 0,
        bbox: [1, 1, 1, 2], area: 2, maskBox: [1, 1, 1, 2], rle: { size: [4, 4], counts: "from-record" },
      },
    ]);
    // Retargeting the pair to the leg re-derives its category from the moved list.
    await store.saveDecision({
      id: "s:1:0",
      input: { status: "accepted", reviewer: "ann", baseVersion: 0, edits: { targets: [1] } },
      flags: [],
      granularity: "part",
      now: "2026-01-01T00:00:00.000Z",
    });
    expect((await store.listPairs({ category: "chair:leg" })).items.map((p) => p.id)).toEqual(["s:1:0"]);
    expect((await store.listPairs({ category: "chair" })).total).toBe(0);
    await store.close();

    // The old table is gone; a view gives its rows back from the lists (the PostgreSQL migrate reads it).
    const reopened = new Database(file);
    expect(reopened.prepare("SELECT type FROM sqlite_master WHERE name = 'annotations'").pluck().get()).toBe("view");
    expect(reopened.prepare("SELECT image_pk, idx, ann_id, category, parent, bbox, area, mask_box, rle, h, w FROM annotations ORDER BY idx").all()).toEqual([
      { image_pk: 7, idx: 0, ann_id: 11, category: "chair", parent: null, bbox: "[0,0,2,3.5]", area: 6.5, mask_box: "[0,0,2,3]", rle: "own-rle", h: 4, w: 4 },
      { image_pk: 7, idx: 1, ann_id: null, category: "chair:leg", parent: 0, bbox: "[1,1,1,2]", area: 2, mask_box: "[1,1,1,2]", rle: null, h: 4, w: 4 },
    ]);
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
