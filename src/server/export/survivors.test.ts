import { mkdirSync, readdirSync, readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DecisionInput } from "../../shared/domain";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { importSplit } from "../import/importSplit";
import { importRecords } from "../test-fixtures/importFixture";
import { fixtureRecord, fixtureRecords, tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";
import { decisionLogChunks, exportChunks, exportRecordText } from "./exportChunks";
import type { ExportProgress } from "./exportChunks";

/* Export behaviours mutation testing found unpinned (issue 13). */

let dir: TempDir;
let store: ReviewStore;

beforeEach(async () => {
  dir = tempDir("mmr-export-survivors-");
  store = await openStore(dir.file("review.db"));
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

async function decide(id: string, input: Omit<DecisionInput, "reviewer" | "baseVersion">): Promise<void> {
  const result = (await store.saveDecision({ id, input: { reviewer: "ann", baseVersion: 0, ...input }, flags: [], granularity: "object", now: "2026-02-03T04:05:06.000Z" }));
  expect(result.kind).toBe("saved");
}

async function collect(chunks: AsyncIterable<string>): Promise<string[]> {
  const out: string[] = [];
  for await (const chunk of chunks) out.push(chunk);
  return out;
}

describe("the multi-chunk export", () => {
  it("streams a large split in chunks of ~256 KB with exact progress counts", async () => {
    const records = fixtureRecords(300);
    await importRecords(store, dir, "big", records);
    const expectedPairs = records.reduce((n, r) => n + r.questions.length, 0);
    const reports: ExportProgress[] = [];
    const chunks = await collect(exportChunks(store, "big", { includePending: true, mode: "lossless", onProgress: (p) => reports.push({ ...p }) }));

    const text = chunks.join("");
    expect(JSON.parse(text)).toHaveLength(300);
    expect(chunks.length).toBeGreaterThan(1);
    // Every chunk but the last holds at least 2^18 characters; the last closes the array.
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(1 << 18);
    expect(chunks.at(-1)!.endsWith("\n]")).toBe(true);
    // One progress report per chunk, counting up to the whole split.
    expect(reports).toHaveLength(chunks.length);
    for (let i = 1; i < reports.length - 1; i++) expect(reports[i]!.records).toBeGreaterThan(reports[i - 1]!.records);
    expect(reports.at(-1)!.records).toBeGreaterThanOrEqual(reports.at(-2)!.records);
    // Lossless: every pair is written (the loader-safe mode would leave out the fixture's stray braces).
    expect(reports.at(-1)).toMatchObject({ records: 300, totalRecords: 300, written: 300, pairs: expectedPairs, bytes: Buffer.byteLength(text) });
    // Bytes are counted per chunk as they go.
    expect(reports[0]!.bytes).toBe(Buffer.byteLength(chunks[0]!));
  });

  it("writes an empty array, with totals, when nothing is kept", async () => {
    await importRecords(store, dir, "none", fixtureRecords(2));
    const reports: ExportProgress[] = [];
    const chunks = await collect(exportChunks(store, "none", { includePending: false, onProgress: (p) => reports.push({ ...p }) }));
    expect(chunks.join("")).toBe("[\n]");
    expect(reports).toHaveLength(1);
    expect(reports[0]).toMatchObject({ records: 2, totalRecords: 2, written: 0, pairs: 0, bytes: 3 });
  });
});

describe("the export report and odd calls", () => {
  // Fixture records 1000 and 1001: pair 2 of each targets a polygon (mask_form); pair 3 of 1001 an
  // uncompressed mask (mask_form) and its answer has stray braces (braces, loader-breaking).
  const loaderFails = async (opts: { includePending: boolean; mode: "lossless" | "loader-safe" }) => {
    let last: ExportProgress | null = null;
    await collect(exportChunks(store, "val", { ...opts, onProgress: (p) => (last = p) }));
    return (last as ExportProgress | null)!.report.loaderBreakingWritten;
  };

  it("counts written pairs the loader fails on, in lossless mode only, by their status", async () => {
    await importRecords(store, dir, "val", fixtureRecords(2));
    expect(await loaderFails({ includePending: true, mode: "lossless" })).toBe(3);
    expect(await loaderFails({ includePending: true, mode: "loader-safe" })).toBe(0);
    expect(await loaderFails({ includePending: false, mode: "lossless" })).toBe(0);
    await decide("val:1000:2", { status: "rejected", reasons: ["bad_mask"] });
    expect(await loaderFails({ includePending: true, mode: "lossless" })).toBe(2);
    // (A decision stores the pair's flags as the server computed them: here, unchanged.)
    const saved = await store.saveDecision({
      id: "val:1001:3",
      input: { status: "accepted", reviewer: "ann", baseVersion: 0 },
      flags: ["braces", "mask_form"],
      granularity: "object",
      now: "2026-02-03T04:05:06.000Z",
    });
    expect(saved.kind).toBe("saved");
    expect(await loaderFails({ includePending: false, mode: "lossless" })).toBe(1);
  });

  it("exports an unknown split as an empty array, and a large one without a progress listener", async () => {
    expect((await collect(exportChunks(store, "nope", { includePending: true }))).join("")).toBe("[\n]");
    await importRecords(store, dir, "big", fixtureRecords(300));
    const text = (await collect(exportChunks(store, "big", { includePending: true, mode: "lossless" }))).join("");
    expect(JSON.parse(text)).toHaveLength(300);
  });
});

describe("exportSplit", () => {
  it("reports what it wrote, with a decision count only when a log was asked for", async () => {
    const records = fixtureRecords(3);
    await importRecords(store, dir, "val", records);
    await decide(`val:${records[0]!.image_id}:0`, { status: "accepted" });
    const { exportSplit } = await import("./exportSplit");
    const out = dir.file("out.json");
    const plain = await exportSplit(store, "val", { out, includePending: false });
    expect(plain).toMatchObject({ split: "val", records: 1, pairs: 1, bytes: Buffer.byteLength(readFileSync(out)) });
    expect("decisions" in plain).toBe(false);
    const withLog = await exportSplit(store, "val", { out, includePending: false, log: dir.file("log.jsonl") });
    expect(withLog.decisions).toBe(1);
  });

  it("turns a file-system failure into one line naming the split", async () => {
    await importRecords(store, dir, "val", fixtureRecords(1));
    const { exportSplit } = await import("./exportSplit");
    mkdirSync(dir.file("a-folder"));
    await expect(exportSplit(store, "val", { out: dir.file("a-folder"), includePending: true })).rejects.toThrow(/^export of val failed: EISDIR/);
    await expect(exportSplit(store, "nope", { out: dir.file("x.json"), includePending: true })).rejects.toThrow('no split named "nope" in the database');
  });

  it("passes on a failure that is no file-system error as it is, and leaves no file", async () => {
    await importRecords(store, dir, "val", fixtureRecords(2));
    const { exportSplit } = await import("./exportSplit");
    const { UserError } = await import("../errors");
    const failing = (error: Error): ReviewStore =>
      new Proxy(store, {
        get(target, key, receiver) {
          if (key === "exportRecords") {
            return async function* () {
              yield* [];
              throw error;
            };
          }
          const value: unknown = Reflect.get(target, key, receiver);
          return typeof value === "function" ? value.bind(target) : value;
        },
      });
    const plain = new Error("disk controller on fire");
    const numericCode = Object.assign(new Error("driver said 5"), { code: 5 });
    const own = new UserError("a reason of our own");
    for (const error of [plain, numericCode, own]) {
      const out = dir.file("never.json");
      const failed = await exportSplit(failing(error), "val", { out, includePending: true }).catch((e: unknown) => e);
      expect(failed).toBe(error);
      expect(readdirSync(dir.path).filter((name) => name.startsWith("never.json"))).toEqual([]);
    }
  });

  it("streams into a slow Writable, waiting for it to drain, byte for byte what the file export writes", async () => {
    await importRecords(store, dir, "val", fixtureRecords(40));
    const { exportSplit, exportSplitToStream } = await import("./exportSplit");
    const parts: Buffer[] = [];
    const slow = new Writable({
      highWaterMark: 16,
      write(chunk: Buffer, _encoding, done) {
        parts.push(chunk);
        setImmediate(done);
      },
    });
    await exportSplitToStream(store, "val", slow, { includePending: true });
    const out = dir.file("out.json");
    await exportSplit(store, "val", { out, includePending: true });
    expect(Buffer.concat(parts).equals(readFileSync(out))).toBe(true);
  });
});

describe("decided records", () => {
  it("a record whose every pair is accepted unedited is written byte for byte as imported", async () => {
    // Odd spacing and key order that JSON.stringify would not reproduce.
    const record = fixtureRecord(0);
    const text = JSON.stringify(record, null, 3).replace(/": /g, '":   ');
    const file = dir.write("odd.json", `[${text}]`);
    await importSplit(store, file, { workers: 0 });
    for (let i = 0; i < record.questions.length; i++) decide(`odd:${record.image_id}:${i}`, { status: "accepted" });
    // Lossless: the fixture's polygon target stays as read (loader-safe would convert it).
    expect((await collect(exportChunks(store, "odd", { includePending: false, mode: "lossless" }))).join("")).toBe(`[\n${text}\n]`);
  });

  it("a record with a dropped pair is re-serialised without it", async () => {
    const record = fixtureRecord(0);
    await importRecords(store, dir, "val", [record]);
    decide(`val:${record.image_id}:0`, { status: "rejected", reasons: ["other"] });
    const [out] = JSON.parse((await collect(exportChunks(store, "val", { includePending: true }))).join("")) as { questions: string[] }[];
    expect(out!.questions).toEqual(record.questions.slice(1));
  });

  it("exportRecordText keeps or drops undecided records as asked", async () => {
    const raw = JSON.stringify(fixtureRecord(1));
    expect(exportRecordText(raw, new Map(), { includePending: false }).text).toBeNull();
    expect(exportRecordText(raw, new Map(), { includePending: true, mode: "lossless" })).toMatchObject({ text: raw, pairs: 4 });
  });
});

describe("the decision log", () => {
  it("streams one line per decided pair, in chunks, with every field", async () => {
    const records = fixtureRecords(80);
    await importRecords(store, dir, "log", records);
    const note = "n".repeat(4000);
    const ids = records.flatMap((r) => r.questions.map((_, i) => `log:${r.image_id}:${i}`));
    for (const id of ids) decide(id, { status: "accepted", note });
    const chunks = await collect(decisionLogChunks(store, "log"));
    expect(chunks.length).toBeGreaterThan(1);
    // Whole lines per chunk, ~256 KB each but the last.
    for (const chunk of chunks) expect(chunk.endsWith("\n")).toBe(true);
    for (const chunk of chunks.slice(0, -1)) expect(chunk.length).toBeGreaterThanOrEqual(1 << 18);
    const lines = chunks.join("").split("\n");
    expect(lines.pop()).toBe("");
    expect(lines).toHaveLength(ids.length);
    expect(lines.map((l) => (JSON.parse(l) as { id: string }).id)).toEqual(ids);
    expect(JSON.parse(lines[0]!)).toEqual({
      id: ids[0],
      status: "accepted",
      reasons: [],
      note,
      reviewer: "ann",
      time: "2026-02-03T04:05:06.000Z",
      edits: null,
      version: 1,
    });
  });

  it("is empty when nothing is decided", async () => {
    await importRecords(store, dir, "quiet", fixtureRecords(1));
    expect(await collect(decisionLogChunks(store, "quiet"))).toEqual([]);
  });
});
