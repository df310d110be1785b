import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { PassThrough } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DecisionInput } from "../../shared/domain";
import type { ImageRecord } from "../../shared/mmr";
import { UserError } from "../errors";
import { openStore } from "../storage/open";
import type { ExportRecord, ReviewStore } from "../storage/store";
import { importRecords } from "../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";
import { exportChunks } from "./exportChunks";
import { exportSplit, exportSplitToStream, exportSplitToWebStream } from "./exportSplit";

let dir: TempDir;
let store: ReviewStore;
const records = fixtureRecords(5);

beforeEach(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", records);
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

async function decide(id: string, input: Omit<DecisionInput, "reviewer" | "baseVersion">): Promise<void> {
  const result = (await store.saveDecision({
    id,
    input: { reviewer: "ann", baseVersion: 0, ...input },
    flags: [],
    granularity: "object",
    now: "2026-02-03T04:05:06.000Z",
  }));
  expect(result.kind).toBe("saved");
}

function readJson(file: string): ImageRecord[] {
  return JSON.parse(readFileSync(file, "utf8")) as ImageRecord[];
}

describe("exportSplit", () => {
  it("writes back exactly what was imported when nothing is decided and pending is included", async () => {
    const out = dir.file("out.json");
    const summary = await exportSplit(store, "val", { out, includePending: true, mode: "lossless" });
    expect(summary).toMatchObject({ split: "val", records: 5, pairs: 17 });
    expect(readJson(out)).toStrictEqual(JSON.parse(JSON.stringify(records)));
    // Key order (unknown fields included) is kept, not just the values.
    expect(Object.keys(readJson(out)[0]!)).toEqual(Object.keys(records[0]!));
  });

  it("keeps a pretty-printed input's values", async () => {
    const file = dir.write("pretty.json", JSON.stringify(records, null, 2));
    const { importSplit } = await import("../import/importSplit");
    await importSplit(store, file, { workers: 0 });
    const out = dir.file("out.json");
    await exportSplit(store, "pretty", { out, includePending: true, mode: "lossless" });
    expect(readJson(out)).toStrictEqual(JSON.parse(JSON.stringify(records)));
  });

  it("applies decisions: rejected dropped, arrays aligned, edits applied, empty records left out", async () => {
    await decide("val:1000:0", { status: "rejected", reasons: ["wrong_target"] });
    await decide("val:1000:1", { status: "accepted", edits: { textAnswer: "{seg} is part of {seg} and {seg}.", targets: [1, 0, 2] } });
    await decide("val:1001:3", { status: "accepted", edits: { question: "What is the mug for?" } });

    const out = dir.file("accepted.json");
    const summary = await exportSplit(store, "val", { out, includePending: false, mode: "lossless" });
    expect(summary).toMatchObject({ records: 2, pairs: 2 });
    const [first, second] = readJson(out);
    expect(first!.image_id).toBe(1000);
    expect(first!.questions).toEqual([records[0]!.questions[1]]);
    expect(first!.text_answers).toEqual(["{seg} is part of {seg} and {seg}."]);
    expect(first!.answers).toEqual([[records[0]!.annotations[1], records[0]!.annotations[0], records[0]!.annotations[2]]]);
    expect(first!.raw_answers).toEqual(["[4.0, 20.0, 9.0, 32.0] is part of [2.0, 3.0, 22.0, 33.0] and [30.0, 5.0, 50.0, 15.0]."]);
    expect(first!.annotations).toEqual(records[0]!.annotations);
    expect(Object.keys(first!)).toEqual(Object.keys(records[0]!));
    expect(second!.questions).toEqual(["What is the mug for?"]);
    expect(second!.raw_answers).toEqual([records[1]!.raw_answers![3]]);

    const withPending = dir.file("pending.json");
    await exportSplit(store, "val", { out: withPending, includePending: true, mode: "lossless" });
    const all = readJson(withPending);
    expect(all.map((r) => r.questions.length)).toEqual([2, 4, 3, 4, 3]);
    for (const record of all) {
      expect(record.answers.length).toBe(record.questions.length);
      expect(record.text_answers.length).toBe(record.questions.length);
      expect(record.raw_answers!.length).toBe(record.questions.length);
    }
  });

  it("writes the decision log beside it", async () => {
    await decide("val:1000:0", { status: "rejected", reasons: ["wrong_target"], note: "leg, not chair" });
    await decide("val:1002:1", { status: "accepted" });
    const out = dir.file("out.json");
    const log = dir.file("out.decisions.jsonl");
    const summary = await exportSplit(store, "val", { out, includePending: false, log });
    expect(summary.decisions).toBe(2);
    const lines = readFileSync(log, "utf8").trim().split("\n").map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toEqual([
      { id: "val:1000:0", status: "rejected", reasons: ["wrong_target"], note: "leg, not chair", reviewer: "ann", time: "2026-02-03T04:05:06.000Z", edits: null, version: 1 },
      { id: "val:1002:1", status: "accepted", reasons: [], note: "", reviewer: "ann", time: "2026-02-03T04:05:06.000Z", edits: null, version: 1 },
    ]);
  });

  it("writes an empty array when nothing is kept", async () => {
    const out = dir.file("out.json");
    expect(await exportSplit(store, "val", { out, includePending: false })).toMatchObject({ records: 0 });
    expect(readJson(out)).toEqual([]);
  });

  it("refuses an unknown split", async () => {
    await expect(exportSplit(store, "nope", { out: dir.file("x.json"), includePending: true })).rejects.toThrow(UserError);
    expect(existsSync(dir.file("x.json"))).toBe(false);
  });
});

describe("atomic export", () => {
  /** The real store, except that reading records fails after `after` of them. */
  function failingStore(after: number): ReviewStore {
    return new Proxy(store, {
      get(target, key, receiver) {
        if (key !== "exportRecords") return Reflect.get(target, key, receiver) as unknown;
        return (split: string) =>
          (async function* (): AsyncGenerator<ExportRecord> {
            let n = 0;
            for await (const record of target.exportRecords(split)) {
              if (n++ === after) throw new Error("disk went away");
              yield record;
            }
          })();
      },
    });
  }

  it("leaves no output and no temporary file when the export fails mid-way", async () => {
    const out = dir.file("out.json");
    await expect(exportSplit(failingStore(3), "val", { out, includePending: true })).rejects.toThrow("disk went away");
    expect(readdirSync(dir.path).filter((f) => f.startsWith("out.json"))).toEqual([]);
  });

  it("leaves an earlier export untouched when a new one fails", async () => {
    const out = dir.file("out.json");
    writeFileSync(out, "[previous]");
    await expect(exportSplit(failingStore(2), "val", { out, includePending: true, log: dir.file("log.jsonl") })).rejects.toThrow();
    expect(readFileSync(out, "utf8")).toBe("[previous]");
    expect(readdirSync(dir.path).filter((f) => f.includes(".tmp-"))).toEqual([]);
    expect(existsSync(dir.file("log.jsonl"))).toBe(false);
  });

  it("fails with one line when the target folder does not exist", async () => {
    const out = dir.file("missing/out.json");
    await expect(exportSplit(store, "val", { out, includePending: true })).rejects.toThrow(UserError);
  });
});

describe("streaming the export", () => {
  it("writes the same bytes to a Node stream, a web stream and a file", async () => {
    const out = dir.file("out.json");
    await exportSplit(store, "val", { out, includePending: true });
    const file = readFileSync(out, "utf8");

    const sink = new PassThrough({ highWaterMark: 16 }); // tiny buffer: exercises 'drain'
    const received: Buffer[] = [];
    sink.on("data", (chunk: Buffer) => received.push(chunk));
    await exportSplitToStream(store, "val", sink, { includePending: true });
    expect(Buffer.concat(received).toString("utf8")).toBe(file);

    const web = await new Response(exportSplitToWebStream(store, "val", { includePending: true })).text();
    expect(web).toBe(file);

    let text = "";
    for await (const chunk of exportChunks(store, "val", { includePending: true })) text += chunk;
    expect(text).toBe(file);
  });

  it("does not block decision writes while a download is in progress, and the download keeps its snapshot", async () => {
    let before = "";
    for await (const chunk of exportChunks(store, "val", { includePending: true })) before += chunk;

    const chunks = exportChunks(store, "val", { includePending: true });
    const first = await chunks.next();
    let text = first.done ? "" : first.value;
    // An edit of the last record's first question while the download is open: it is saved at once…
    await decide("val:1004:0", { status: "accepted", edits: { question: "Edited while downloading?" } });
    expect((await store.getPair("val:1004:0", { split: "val" }))!.question).toBe("Edited while downloading?");
    for (let next = await chunks.next(); !next.done; next = await chunks.next()) text += next.value;
    // …but the download goes on with the split as it was when it started.
    expect(text).toBe(before);
    expect(text).not.toContain("Edited while downloading?");

    let after = "";
    for await (const chunk of exportChunks(store, "val", { includePending: true })) after += chunk;
    expect(after).toContain("Edited while downloading?");
  });
});
