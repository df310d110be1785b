import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { rectRle } from "../../shared/testRecord";
import { evalDb } from "../eval/evalDb";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { importRecords } from "../test-fixtures/importFixture";
import { expected, predictionLines, predictionRecord } from "../test-fixtures/predictionFixture";
import { tempDir, type TempDir } from "../test-fixtures/splitFiles";
import { importPredictions } from "./importPredictions";

let dir: TempDir;
let store: ReviewStore;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", [predictionRecord()]);
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

function write(lines: string[]): string {
  return dir.write("pred.jsonl", `${lines.join("\n")}\n`);
}

async function importLines(lines: string[], model = "m1"): Promise<{ pairs: number }> {
  return importPredictions(store, { split: "val", model, file: write(lines), now: "2026-01-02T03:04:05.000Z" });
}

describe("predictions import", () => {
  it("stores every pair's masks and its IoU against the split as imported", async () => {
    expect(await importLines(predictionLines("val"))).toEqual({ pairs: 4 });
    const [model] = (await store.predictions().listModels("val"));
    expect(model).toMatchObject({ split: "val", model: "m1", pairs: 4 });
    const p2 = (await store.predictions().get("val", "m1", "val:7:2"))!;
    expect(p2.targetIous[0]).toBeCloseTo(100 / (100 + 1e-5), 12);
    expect(p2.targetIous[1]).toBe(0);
    expect(p2.iou).toBeCloseTo(100 / (100 + 1e-5) / 2, 12);
    expect((await store.predictions().get("val", "m1", "val:7:1"))!.scores).toEqual([0.9]);
  });

  const bad: [string, (lines: string[]) => string[], RegExp][] = [
    ["an unknown pair", (l) => [...l, JSON.stringify({ id: "val:7:9", masks: [] })], /line 5: no pair val:7:9 in the split/],
    ["another split's id", (l) => [l[0]!.replace('"val:', '"test:'), ...l.slice(1)], /line 1: id names split test, but the import is for split val/],
    ["a mask of another size", (l) => [l[0]!, JSON.stringify({ id: "val:7:1", masks: [rectRle(0, 0, 2, 2, 60, 40)] }), ...l.slice(2)], /line 2: masks\[0\] is 60x40, but the image is 40x60/],
    ["counts that do not add up", (l) => [...l.slice(0, 3), JSON.stringify({ id: "val:7:3", masks: [{ size: [40, 60], counts: [5, 5] }] })], /line 4: masks\[0\]\.counts add up to 10, but size 40x60 needs 2400/],
    ["the wrong number of masks", () => predictionLines("val", { extraMask: true }), /line 4: 2 mask\(s\) for the 1 target\(s\) of val:7:3/],
    ["a repeated pair", (l) => [...l, l[0]!], /line 5: a second prediction for val:7:0 \(first on line 1\)/],
    ["a line that is no JSON", (l) => [l[0]!, "{oops", ...l.slice(1)], /line 2: not JSON/],
  ];
  for (const [what, edit, message] of bad) {
    it(`stops at ${what}, naming the line, and stores nothing`, async () => {
      await importLines(predictionLines("val"), "kept");
      await expect(importLines(edit(predictionLines("val")), "kept")).rejects.toThrow(message);
      await expect(importLines(edit(predictionLines("val")), "new")).rejects.toThrow(message);
      // The earlier import of "kept" is intact and "new" never appeared.
      expect((await store.predictions().listModels("val")).map((m) => [m.model, m.pairs])).toEqual([["kept", 4]]);
      expect((await store.predictions().get("val", "kept", "val:7:0"))!.masks).toEqual([rectRle(0, 0, 10, 3).counts]);
    });
  }

  it("refuses an unknown split and an empty file", async () => {
    await expect(importPredictions(store, { split: "nope", model: "m", file: write(predictionLines("nope")) })).rejects.toThrow(/no such split/);
    await expect(importPredictions(store, { split: "val", model: "m", file: dir.write("empty.jsonl", "\n") })).rejects.toThrow(/no predictions/);
  });

  it("lists and removes models", async () => {
    await importLines(predictionLines("val"), "a");
    await importLines(predictionLines("val"), "b");
    expect((await store.predictions().listModels()).map((m) => m.model)).toEqual(["a", "b"]);
    expect((await store.predictions().removeModel("val", "a"))).toBe(true);
    expect((await store.predictions().removeModel("val", "a"))).toBe(false);
    expect((await store.predictions().get("val", "a", "val:7:0"))).toBeNull();
    expect((await store.predictions().listModels()).map((m) => m.model)).toEqual(["b"]);
  });
});

describe("eval --db", () => {
  async function decide(id: string, input: { status: "accepted" | "rejected"; reasons?: string[]; edits?: { targets: number[]; textAnswer: string } }): Promise<void> {
    const result = (await store.saveDecision({
      id,
      input: { reviewer: "ann", baseVersion: 0, ...input },
      flags: [],
      granularity: "object",
      now: "2026-02-03T04:05:06.000Z",
    }));
    expect(result.kind).toBe("saved");
  }

  it("scores the raw split like the file form, and the cleaned split with edits applied and rejects left out", async () => {
    await importLines(predictionLines("val"));
    await decide("val:7:0", { status: "rejected", reasons: ["bad_mask"] });
    // Pair 2 edited to the table alone (annotation 2): it becomes an object pair; its second mask is extra.
    await decide("val:7:2", { status: "accepted", edits: { targets: [2], textAnswer: "{seg}." } });
    await decide("val:7:3", { status: "accepted" });

    const result = await evalDb(store, "val", "m1", { includePending: false, compare: true });
    expect(result.raw!.subsets.all.gIoU).toBeCloseTo(expected.all.gIoU, 12);
    expect(result.raw!.subsets.all.cIoU).toBeCloseTo(expected.all.cIoU, 12);
    expect(result.cleaned.subsets.object).toMatchObject({ pairs: 2, targets: 2 });
    expect(result.cleaned.subsets.object.gIoU).toBeCloseTo(100 / (100 + 1e-5), 12);
    expect(result.cleaned.subsets.object.cIoU).toBeCloseTo(200 / (200 + 1e-10), 12);
    expect(result.cleaned.subsets.all.pairs).toBe(2); // pair 1 is pending, pair 0 rejected
    expect(result.cleaned.countMismatch).toEqual([{ id: "val:7:2", targets: 1, masks: 2 }]);

    const withPending = await evalDb(store, "val", "m1", { includePending: true, compare: false });
    expect(withPending.cleaned.subsets.part).toMatchObject({ pairs: 1 });
    expect(withPending.raw).toBeUndefined();
  });

  it("refuses a model that was not imported", async () => {
    await expect(evalDb(store, "val", "ghost", { includePending: false, compare: false })).rejects.toThrow(/no predictions of that model/);
  });
});
