import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { UserError } from "../errors";
import { StorageError } from "../storage/errors";
import { openStore } from "../storage/open";
import type { ImportedAnnotation, ImportedImage, ReviewStore } from "../storage/store";
import { dumpDatabase } from "../test-fixtures/dbDump";
import { importRecords } from "../test-fixtures/importFixture";
import { fixtureRecords, splitText, tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";
import { importSplit } from "./importSplit";

let dir: TempDir;
let store: ReviewStore;
let db: string;

beforeEach(async () => {
  dir = tempDir();
  db = dir.file("review.db");
  store = await openStore(db);
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

async function accept(id: string, baseVersion = 0, edits: { question?: string; textAnswer?: string; targets?: number[] } | null = null) {
  const result = (await store.saveDecision({
    id,
    input: { status: "accepted", reviewer: "ann", baseVersion, edits },
    flags: [],
    granularity: "object",
    now: "2026-01-01T00:00:00.000Z",
  }));
  expect(result.kind).toBe("saved");
}

async function reject(id: string, baseVersion = 0) {
  const result = (await store.saveDecision({
    id,
    input: { status: "rejected", reasons: ["wrong_target"], reviewer: "bo", baseVersion },
    flags: [],
    granularity: "object",
    now: "2026-01-01T00:00:00.000Z",
  }));
  expect(result.kind).toBe("saved");
}

/** A store holding split `val` (5 records) with three decisions, and split `other`. */
async function populated(): Promise<void> {
  await importRecords(store, dir, "val", fixtureRecords(5));
  await importRecords(store, dir, "other", fixtureRecords(2, 10));
  await accept("val:1000:0");
  await reject("val:1001:1");
  await accept("val:1002:0", 0, { textAnswer: "Sit on {seg}." });
}

async function expectFailure(text: string | Uint8Array, message: RegExp, workers = 0): Promise<void> {
  const file = dir.write("val.json", text);
  const before = dumpDatabase(db);
  const failure = importSplit(store, file, { workers });
  await expect(failure).rejects.toThrow(UserError);
  await expect(failure).rejects.toThrow(message);
  expect(dumpDatabase(db)).toBe(before);
}

describe("importSplit", () => {
  it("names the split after the file and imports every record", async () => {
    const file = dir.write("MMR_val.json", splitText(fixtureRecords(3)));
    const result = await importSplit(store, file);
    expect(result).toEqual({ split: "MMR_val", images: 3, pairs: 10, keptDecisions: 0, changedPairs: [] });
    expect((await store.getSplit("MMR_val"))).toMatchObject({ name: "MMR_val", sourceFile: file });
  });

  it("reports progress in records, pairs and bytes", async () => {
    const seen: number[] = [];
    const file = dir.write("val.json", splitText(fixtureRecords(3)));
    await importSplit(store, file, { onProgress: (p) => seen.push(p.records) });
    expect(seen).toEqual([1, 2, 3]);
  });

  it("is a no-op for an unchanged file", async () => {
    await populated();
    const before = dumpDatabase(db);
    const result = await importSplit(store, dir.file("val.json"));
    expect(result).toMatchObject({ skipped: true, split: "val", images: 5, pairs: 17 });
    expect(dumpDatabase(db)).toBe(before);
  });

  it("gives the same store with worker threads as inline", async () => {
    const records = fixtureRecords(12);
    await importRecords(store, dir, "a", records, { workers: 0 });
    await importRecords(store, dir, "b", records, { workers: 2 });
    const strip = async (split: string) =>
      (await store.listPairs({ split, limit: 1000 })).items.map((p) => ({ ...p, id: p.id.replace(/^\w+:/, ""), split: "" }));
    expect(await strip("b")).toEqual(await strip("a"));
    expect((await store.getPair("b:1003:1", {}))!.annotations).toEqual((await store.getPair("a:1003:1", {}))!.annotations);
  });

  it("hands a store the same annotation objects with worker threads as inline (PostgreSQL reads them)", async () => {
    const seen = async (workers: number): Promise<ImportedAnnotation[][]> => {
      const images: ImportedAnnotation[][] = [];
      const capturing = new Proxy(store, {
        get(target, key, receiver) {
          if (key !== "beginImport") return Reflect.get(target, key, receiver) as unknown;
          return async (source: Parameters<ReviewStore["beginImport"]>[0]) => {
            const inner = await target.beginImport(source);
            return { ...inner, addImage: (image: ImportedImage) => (images.push(image.annotations), inner.addImage(image)) };
          };
        },
      });
      await importSplit(capturing, dir.write(`w${workers}.json`, splitText(fixtureRecords(6))), { workers, split: `w${workers}` });
      // A mask string the record holds is read back from the raw record by either store.
      return images.map((list) => list.map((a) => ({ ...a, rle: a.rleInRecord ? "" : a.rle, rleInRecord: a.rleInRecord === true })));
    };
    const inline = await seen(0);
    expect(inline.flat().length).toBeGreaterThan(6);
    expect(inline.flat().some((a) => !a.rleInRecord)).toBe(true);
    expect(await seen(2)).toEqual(inline);
  });
});

describe("record-level problems", () => {
  it("imports a record with misaligned arrays and flags each of its pairs", async () => {
    const bad = fixtureRecords(3);
    bad[1]!.text_answers.pop();
    await importRecords(store, dir, "val", bad);
    const pairs = (await store.listPairs({ split: "val", limit: 100 })).items;
    expect(pairs.filter((p) => p.flags.includes("misaligned")).map((p) => p.id)).toEqual(["val:1001:0", "val:1001:1", "val:1001:2", "val:1001:3"]);
  });
});

describe("a failed import changes nothing", () => {
  const records = fixtureRecords(5);

  for (const previous of [false, true]) {
    describe(previous ? "over an earlier import with decisions" : "into a fresh database", () => {
      beforeEach(async () => {
        if (previous) await populated();
      });

      it("a truncated file", async () => {
        const text = splitText(records);
        await expectFailure(text.slice(0, Math.floor(text.length * 0.7)), /val\.json: record 3 .*truncated/);
      });

      it("invalid UTF-8 inside a string", async () => {
        const text = splitText(records);
        const at = Buffer.byteLength(text.slice(0, text.indexOf("café")));
        const bytes = Buffer.from(text);
        bytes[at + 3] = 0xff; // the first byte of "é" (C3 A9) becomes no UTF-8 at all
        await expectFailure(bytes, new RegExp(`val\\.json: record 0 \\(byte ${at + 3}\\): invalid UTF-8`));
      });

      it("malformed JSON inside a record", async () => {
        const text = splitText(records).replace('"image_id":1004,', '"image_id";1004,');
        await expectFailure(text, /val\.json: record 4 \(byte \d+\): malformed JSON/);
      });

      it("a schema error in the middle", async () => {
        const bad = JSON.parse(JSON.stringify(fixtureRecords(5))) as ReturnType<typeof fixtureRecords>; // unshare answers and annotations
        (bad[3]!.answers[1]![0] as { segmentation: unknown }).segmentation = "not a mask";
        await expectFailure(splitText(bad), /val\.json: record 3 \(image_id 1003\): answers\[1\]\[0\]\.segmentation: /);
      });

      it("a schema error found by a worker thread", async () => {
        const bad = JSON.parse(JSON.stringify(fixtureRecords(5))) as ReturnType<typeof fixtureRecords>; // unshare answers and annotations
        (bad[3]!.answers[1]![0] as { segmentation: unknown }).segmentation = "not a mask";
        await expectFailure(splitText(bad), /val\.json: record 3 \(image_id 1003\): answers\[1\]\[0\]\.segmentation: /, 2);
      });

      it("wrong types", async () => {
        const bad: unknown[] = fixtureRecords(5);
        (bad[2] as { height: unknown }).height = "40";
        await expectFailure(splitText(bad), /val\.json: record 2 \(image_id 1002\): height: /);
      });

      it("a duplicate image_id", async () => {
        const bad = fixtureRecords(5);
        bad[4]!.image_id = 1001;
        await expectFailure(splitText(bad), /val\.json: record 4 \(image_id 1001\): image_id: duplicate of record 1/);
      });

      it("a storage error after some records were written", async () => {
        const changed = JSON.parse(JSON.stringify(records)) as typeof records;
        changed[0]!.questions[0] = "A new question?"; // not the file imported before, so no no-op
        const file = dir.write("val.json", splitText(changed));
        const before = dumpDatabase(db);
        // The real store and transaction, except that the third record hits a failing disk.
        const failing = new Proxy(store, {
          get(target, key, receiver) {
            if (key !== "beginImport") return Reflect.get(target, key, receiver) as unknown;
            return async (source: Parameters<ReviewStore["beginImport"]>[0]) => {
              const inner = await target.beginImport(source);
              let added = 0;
              return {
                addImage: async (image: Parameters<typeof inner.addImage>[0]) => {
                  // What any store raises for a failing disk: a typed storage error, not its driver's.
                  if (++added === 3) throw new StorageError("disk I/O error");
                  await inner.addImage(image);
                },
                commit: () => inner.commit(),
                abort: () => inner.abort(),
              };
            };
          },
        });
        await expect(importSplit(failing, file, { workers: 0 })).rejects.toThrow(/database refused the import \(disk I\/O error\); nothing was changed/);
        expect(dumpDatabase(db)).toBe(before);
        // The store stays usable afterwards.
        expect((await importSplit(store, file, { workers: 0 })).pairs).toBe(17);
      });

      it("a file that is no array", async () => {
        await expectFailure('{"file_name": "x"}', /val\.json: record 0 \(byte 0\): expected the file to be a JSON array/);
      });
    });
  }
});

describe("re-importing a changed file", () => {
  it("keeps decisions of unchanged pairs and resets and reports changed ones", async () => {
    await populated();
    const changed = fixtureRecords(4); // record 1004 is gone (it had no decision)
    changed[1]!.questions[1] = "What holds the seat up?"; // 1001:1 was rejected
    changed[2]!.questions[2] = "Which device is for e-mail?"; // 1002:2 had no decision
    const file = dir.write("val.json", splitText(changed));
    const result = await importSplit(store, file);
    expect(result).toEqual({ split: "val", images: 4, pairs: 14, keptDecisions: 2, changedPairs: ["val:1001:1"] });

    expect((await store.getPair("val:1000:0", {}))!.decision).toMatchObject({ status: "accepted", version: 1 });
    const edited = (await store.getPair("val:1002:0", {}))!;
    expect(edited.decision).toMatchObject({ status: "accepted", edits: { textAnswer: "Sit on {seg}." } });
    expect(edited.textAnswer).toBe("Sit on {seg}.");

    const reset = (await store.getPair("val:1001:1", {}))!;
    expect(reset.question).toBe("What holds the seat up?");
    expect(reset.decision).toMatchObject({ status: "pending", version: 2, edits: null });
    expect(reset.history.map((h) => h.after.status)).toEqual(["rejected", "pending"]);
    expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 12, accepted: 2, rejected: 0 });
    expect((await store.listPairs({ split: "other" })).total).toBe(7);
  });

  it("resets decisions of an image whose annotations were reordered, so edited targets never point elsewhere", async () => {
    await populated();
    const reordered = fixtureRecords(5);
    reordered[0]!.annotations.reverse(); // image 1000: its accepted pair's targets are positions
    const file = dir.write("val.json", splitText(reordered));
    const result = await importSplit(store, file);
    expect(result.changedPairs).toEqual(["val:1000:0"]);
    expect((await store.getPair("val:1000:0", {}))!.decision).toMatchObject({ status: "pending" });
    expect((await store.getPair("val:1002:0", {}))!.decision).toMatchObject({ status: "accepted" });
  });

  it("resets a decided pair that disappeared", async () => {
    await populated();
    const file = dir.write("val.json", splitText(fixtureRecords(5).filter((r) => r.image_id !== 1001)));
    const result = await importSplit(store, file);
    expect(result.changedPairs).toEqual(["val:1001:1"]);
    expect((await store.getPair("val:1001:1", {}))).toBeNull();
    expect((await store.stats()).byReason).toEqual({});
  });
});
