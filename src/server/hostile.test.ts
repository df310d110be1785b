import { copyFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "./errors";
import { lintSplit } from "./cli/lint";
import { importSplit } from "./import/importSplit";
import { checkStringSizes, readRecords } from "./io/records";
import { openStore } from "./storage/open";
import type { ReviewStore } from "./storage/store";
import { dumpDatabase } from "./test-fixtures/dbDump";
import { fixtureRecord, fixtureRecords, splitText, tempDir } from "./test-fixtures/splitFiles";
import type { TempDir } from "./test-fixtures/splitFiles";

/*
 * The reproduction files of issue 13 and the record limits, through lint and import in-process:
 * each finishes with a flag or one line naming the record, and a failed import changes nothing.
 */

const hostile = (name: string): string => fileURLToPath(new URL(`../../../shared/fixtures/hostile/${name}`, import.meta.url));

let dir: TempDir;
let store: ReviewStore;
let db: string;

beforeEach(async () => {
  dir = tempDir("mmr-hostile-");
  db = dir.file("review.db");
  store = await openStore(db);
  // Something to keep: a failed import must leave it exactly as it was.
  await importSplit(store, dir.write("base.json", splitText(fixtureRecords(2))), { workers: 0 });
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

async function importFails(file: string, options: Parameters<typeof importSplit>[2] = {}): Promise<string> {
  const before = dumpDatabase(db);
  const error = await importSplit(store, file, { workers: 0, ...options }).then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(UserError);
  const message = (error as Error).message;
  expect(message).not.toContain("\n");
  expect(dumpDatabase(db)).toBe(before);
  return message;
}

describe("the reproduction files", () => {
  it("count-wrap-hang.json (65536×65536, two polygons) is flagged at once instead of hanging", async () => {
    const file = dir.file("count-wrap-hang.json");
    copyFileSync(hostile("count-wrap-hang.json"), file);
    const report = await lintSplit(file);
    expect(report.summary.pairs).toBe(1);
    // The target's mask is unreadable (its side is over the 2^15 limit): the pair is flagged.
    expect(report.pairs[0]!.flags.length).toBeGreaterThan(0);
    const summary = await importSplit(store, file, { workers: 0 });
    expect(summary.pairs).toBe(1);
  }, 20_000);

  it("huge-polygon.json (one coordinate of 4e7) is rasterised clipped, in bounded time", async () => {
    const file = dir.file("huge-polygon.json");
    copyFileSync(hostile("huge-polygon.json"), file);
    const report = await lintSplit(file);
    expect(report.summary.pairs).toBe(1);
    const summary = await importSplit(store, file, { workers: 0 });
    expect(summary.pairs).toBe(1);
  }, 20_000);
});

describe("record limits", () => {
  it("refuses a record over the size limit before parsing it, naming the record", async () => {
    const file = dir.write("big.json", splitText([fixtureRecord(0), { ...fixtureRecord(1), note: "x".repeat(5000) }]));
    const read = async () => {
      for await (const record of readRecords(file, { maxRecordBytes: 4096 })) void record;
    };
    await expect(read()).rejects.toThrow(/record 1 \(byte \d+\): the record is larger than the limit of 0\.00 MB/);
  });

  it("refuses nesting deeper than 128 levels", async () => {
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = [deep];
    const file = dir.write("deep.json", splitText([{ ...fixtureRecord(5), extra: deep }]));
    const message = await importFails(file);
    expect(message).toMatch(/record 0 \(byte \d+\): the record nests arrays and objects deeper than 128 levels/);
  });

  it("names the string over the string limit", async () => {
    const record = { questions: ["ok", "x".repeat(11)] };
    expect(() => checkStringSizes(record, "f.json: record 3 (image_id 9)", 10)).toThrow(
      "f.json: record 3 (image_id 9): questions[1] is a string of 11 characters, over the limit of 10",
    );
    expect(() => checkStringSizes({ [`k${"y".repeat(20)}`]: 1 }, "r", 10)).toThrow(UserError);
    expect(() => checkStringSizes(record, "r", 11)).not.toThrow();
  });

  it("a 5 MB question is one line naming file, record and image_id; the database is unchanged", async () => {
    const file = dir.write("long.json", splitText([fixtureRecord(7), { ...fixtureRecord(8), questions: ["q".repeat(5 * 1024 * 1024)] }]));
    const message = await importFails(file);
    expect(message).toBe(`${file}: record 1 (image_id ${fixtureRecord(8).image_id}): questions[0] is a string of 5242880 characters, over the limit of 4194304`);
  }, 30_000);

  it("a worker that runs out of memory costs nothing: its records are analysed again on the main thread", async () => {
    // A 6 MB record in a worker capped at a 8 MB heap: the worker dies (ERR_WORKER_OUT_OF_MEMORY).
    const records = [fixtureRecord(10), { ...fixtureRecord(11), notes: ["n".repeat(3 * 1024 * 1024), "m".repeat(3 * 1024 * 1024)] }, fixtureRecord(12)];
    const file = dir.write("oom.json", splitText(records));
    const summary = await importSplit(store, file, {
      workers: 1,
      workerTuning: { resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 }, inlineFromChars: Number.POSITIVE_INFINITY },
    });
    expect(summary.images).toBe(3);
  }, 60_000);

  it("a record a worker cannot analyse and the main thread refuses is one line; nothing is imported", async () => {
    const bad = { ...fixtureRecord(21), notes: ["n".repeat(3 * 1024 * 1024)], questions: ["q".repeat(4 * 1024 * 1024 + 1)] };
    const file = dir.write("oom-bad.json", splitText([fixtureRecord(20), bad]));
    const message = await importFails(file, {
      workers: 1,
      workerTuning: { resourceLimits: { maxOldGenerationSizeMb: 8, maxYoungGenerationSizeMb: 2 }, inlineFromChars: Number.POSITIVE_INFINITY },
    });
    expect(message).toMatch(new RegExp(`record 1 \\(image_id ${bad.image_id}\\): questions\\[0\\] is a string of 4194305 characters`));
  }, 60_000);
});

describe("analysis budget", () => {
  it("a record of many full-image polygons imports with its masks flagged, not hours later", async () => {
    const side = 1 << 15;
    const record = fixtureRecord(30) as unknown as Record<string, unknown>;
    const box = [[0, 0, side, 0, side, side, 0, side]];
    const annotations = Array.from({ length: 300 }, (_, i) => ({
      bbox: [0, 0, side, side],
      segmentation: box,
      image_id: record.image_id,
      category_name: "chair",
      category_id: 1,
      id: 9000 + i,
    }));
    const file = dir.write(
      "budget.json",
      splitText([{ ...record, height: side, width: side, annotations, answers: [[annotations[299]]], questions: ["Where?"], text_answers: ["There {seg}."], raw_answers: undefined }]),
    );
    writeFileSync(dir.file("unused"), "");
    const report = await lintSplit(file);
    expect(report.summary.pairs).toBe(1);
    // The 300th mask is past the budget: unreadable, so the pair is flagged.
    expect(report.pairs[0]!.flags.length).toBeGreaterThan(0);
  }, 30_000);
});
