import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DecisionInput, Granularity } from "../../../shared/domain";
import { rectRle } from "../../../shared/testRecord";
import { fixtureRecords, splitText } from "../../test-fixtures/splitFiles";
import { InvalidCursorError } from "../errors";
import type { InsightsStore } from "../insights";
import type { PredictionStore, SaveDecisionRequest, SaveDecisionResult, StoredPrediction } from "../store";

/*
 * What the gallery, dashboard and export screens (InsightsStore) and the model-prediction features
 * (PredictionStore) owe the app, run against every store: sqlite/insightsContract.test.ts and
 * pg/insightsContract.test.ts. Expected values are worked out by hand from the fixture:
 *
 * fixtureRecords(5) is images 1000..1004 (40 × 60), each with annotations 0 chair, 1 chair:leg
 * (a part), 2 laptop_computer (a polygon), 3 mug, and pairs
 *   0 [chair]        object  "Where could someone sit down in picture i?"
 *   1 [leg, chair]   mixed   "What holds the seat up, and what is it part of?"
 *   2 [laptop]       object  "Which device would help with writing an e-mail — café style?"
 *   3 [mug]          object  only on odd images (1001, 1003)
 * so 17 pairs: 12 object, 5 mixed, 0 part.
 */

export interface InsightsHarness {
  /** Imports `records` as split `split` through the store's own import (replacing an earlier one). */
  importRecords(split: string, records: readonly unknown[]): Promise<void>;
  saveDecision(request: SaveDecisionRequest): Promise<SaveDecisionResult>;
  insights: InsightsStore;
  predictions: PredictionStore;
  cleanup(): Promise<void>;
}

const ids = (split: string, image: number, count: number) => Array.from({ length: count }, (_, k) => `${split}:${image}:${k}`);
/** Every pair id of fixtureRecords(5) of `split` in dataset order. */
const allIds = (split: string) => [1000, 1001, 1002, 1003, 1004].flatMap((image) => ids(split, image, image % 2 === 1 ? 4 : 3));
const none = (): Record<Granularity, number> => ({ object: 0, part: 0, mixed: 0 });
/** Bytes of a record as the split file holds it (one JSON line): the export's size estimate. */
const recordBytes = (i: number) => Buffer.byteLength(JSON.stringify(fixtureRecords(1, i)[0]), "utf8");

/**
 * Saves decisions one after another, each on the pair's current version. Granularity is what the
 * review service would compute for an unedited fixture pair (pair 1 is the mixed one) unless given.
 */
class Decider {
  private readonly versions = new Map<string, number>();
  constructor(private readonly harness: () => InsightsHarness) {}

  async decide(id: string, input: Partial<DecisionInput> = {}, extra: Partial<SaveDecisionRequest> = {}): Promise<void> {
    const baseVersion = this.versions.get(id) ?? 0;
    const result = await this.harness().saveDecision({
      id,
      input: { status: "accepted", reviewer: "ann", baseVersion, ...input },
      flags: [],
      granularity: id.endsWith(":1") ? "mixed" : "object",
      now: "2026-01-01T09:30:00.000Z",
      ...extra,
    });
    if (result.kind !== "saved") throw new Error(`decision on ${id} was not saved: ${result.kind}`);
    this.versions.set(id, result.decision.version);
  }
}

export function describeInsightsContract(name: string, open: () => Promise<InsightsHarness>): void {
  describe(`InsightsStore contract: ${name}`, () => {
    let harness: InsightsHarness;
    let insights: InsightsStore;
    let decider: Decider;
    const decide = (id: string, input: Partial<DecisionInput> = {}, extra: Partial<SaveDecisionRequest> = {}) => decider.decide(id, input, extra);

    beforeEach(async () => {
      harness = await open();
      insights = harness.insights;
      decider = new Decider(() => harness);
      await harness.importRecords("val", fixtureRecords(5));
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it("lists the filtered ids in dataset order, splits in byte order", async () => {
      // "B" sorts before "val" (and before "b") by bytes, whatever the database's locale says.
      await harness.importRecords("B", fixtureRecords(1, 2));
      expect(await insights.filteredIds({ split: "val" })).toEqual(allIds("val"));
      expect(await insights.filteredIds({})).toEqual([...ids("B", 1002, 3), ...allIds("val")]);
      expect(await insights.filteredIds({ split: "val", granularity: "mixed" })).toEqual([1000, 1001, 1002, 1003, 1004].map((i) => `val:${i}:1`));
      expect(await insights.filteredIds({ split: "val", category: "mug" })).toEqual(["val:1001:3", "val:1003:3"]);
      expect(await insights.filteredIds({ split: "val", q: "picture" })).toEqual([1000, 1001, 1002, 1003, 1004].map((i) => `val:${i}:0`));
      expect(await insights.filteredIds({ split: "val", minTargets: 2 })).toEqual([1000, 1001, 1002, 1003, 1004].map((i) => `val:${i}:1`));
      expect(await insights.filteredIds({ split: "nope" })).toEqual([]);
      await decide("val:1003:2", { status: "rejected", reasons: ["wrong_target"] });
      await decide("val:1001:0", { reviewer: "bo" });
      expect(await insights.filteredIds({ split: "val", status: "pending" })).toEqual(allIds("val").filter((id) => id !== "val:1003:2" && id !== "val:1001:0"));
      expect(await insights.filteredIds({ split: "val", reason: "wrong_target" })).toEqual(["val:1003:2"]);
      expect(await insights.filteredIds({ split: "val", reviewer: "bo" })).toEqual(["val:1001:0"]);
    });

    it("counts the filtered pairs per granularity, following decisions and edited targets", async () => {
      expect(await insights.countByGranularity({ split: "val" })).toEqual({ object: 12, part: 0, mixed: 5 });
      expect(await insights.countByGranularity({ split: "val", category: "chair" })).toEqual({ object: 5, part: 0, mixed: 5 });
      expect(await insights.countByGranularity({ split: "val", q: "seat" })).toEqual({ object: 0, part: 0, mixed: 5 });
      expect(await insights.countByGranularity({ split: "other" })).toEqual(none());
      // Editing the mixed pair down to its leg alone makes it a part pair.
      await decide("val:1000:1", { edits: { targets: [1] } }, { granularity: "part" });
      await decide("val:1002:0", { status: "rejected" });
      expect(await insights.countByGranularity({ split: "val" })).toEqual({ object: 12, part: 1, mixed: 4 });
      expect(await insights.countByGranularity({ split: "val", status: "accepted" })).toEqual({ object: 0, part: 1, mixed: 0 });
      expect(await insights.countByGranularity({ split: "val", status: "pending" })).toEqual({ object: 11, part: 0, mixed: 4 });
      expect(await insights.countByGranularity({ split: "val", maxTargets: 1 })).toEqual({ object: 12, part: 1, mixed: 0 });
      expect(await insights.countByGranularity({ split: "val", reviewer: "ann", status: "rejected" })).toEqual({ object: 1, part: 0, mixed: 0 });
    });

    it("summarises the given pairs in dataset order with their current state, leaving unknown ids out", async () => {
      await decide("val:1002:1", { status: "rejected", reviewer: "bo", edits: { question: "What holds it up?" } });
      const items = await insights.summaries(["val:1004:0", "nope:1:0", "val:1002:1", "val:1000:2"]);
      expect(items.map((s) => s.id)).toEqual(["val:1000:2", "val:1002:1", "val:1004:0"]);
      expect(items[1]).toEqual({
        id: "val:1002:1",
        split: "val",
        imageId: 1002,
        index: 1,
        question: "What holds it up?",
        targetCount: 2,
        granularity: "mixed",
        status: "rejected",
        flags: [],
        reviewer: "bo",
        version: 1,
      });
      expect(items[2]).toMatchObject({ imageId: 1004, index: 0, question: "Where could someone sit down in picture 4?", status: "pending", reviewer: null, version: 0 });
      expect(await insights.summaries([])).toEqual([]);
    });

    it("lists every pair of one image in question order", async () => {
      expect((await insights.imagePairs("val", 1001)).map((s) => [s.id, s.index, s.targetCount])).toEqual([
        ["val:1001:0", 0, 1],
        ["val:1001:1", 1, 2],
        ["val:1001:2", 2, 1],
        ["val:1001:3", 3, 1],
      ]);
      expect((await insights.imagePairs("val", 1001))[3]!.flags).toContain("braces");
      expect(await insights.imagePairs("val", 999)).toEqual([]);
      expect(await insights.imagePairs("other", 1001)).toEqual([]);
    });

    it("gives a gallery card the image size and its target masks in placeholder order, edits applied", async () => {
      const [card] = await insights.thumbs(["val:1000:1"]);
      expect(card).toMatchObject({ id: "val:1000:1", split: "val", imageId: 1000, width: 60, height: 40 });
      expect(card!.targets.map((t) => [t.index, t.categoryName, t.kind, t.bbox])).toEqual([
        [1, "chair:leg", "part", [4, 20, 5, 12]],
        [0, "chair", "object", [2, 3, 20, 30]],
      ]);
      // The masks exactly as the record holds them (compressed RLE of the rectangles).
      expect(card!.targets.map((t) => t.rle)).toEqual([rectRle(4, 20, 5, 12, 40, 60), rectRle(2, 3, 20, 30, 40, 60)]);
      expect(card!.targets[0]!.parent).toBe(0);
      // The polygon of the laptop is stored as RLE of the image's size.
      const [laptop] = await insights.thumbs(["val:1000:2"]);
      expect(laptop!.targets[0]!.rle.size).toEqual([40, 60]);
      expect(laptop!.targets[0]!.rle.counts.length).toBeGreaterThan(0);
      await decide("val:1003:1", { edits: { targets: [3] } });
      const cards = await insights.thumbs(["val:1003:1", "unknown:1:1", "val:1001:0"]);
      expect(cards.map((c) => c.id)).toEqual(["val:1001:0", "val:1003:1"]);
      expect(cards[1]!.targets.map((t) => t.categoryName)).toEqual(["mug"]);
      expect(cards[1]!.targets[0]!.rle.size).toEqual([40, 60]);
      expect(await insights.thumbs([])).toEqual([]);
    });

    it("looks up current decisions: null for a pending-never-decided pair and an unknown id", async () => {
      await decide("val:1000:0", { status: "rejected", reasons: ["ambiguous"], note: "two chairs", reviewer: "o'brien \"x\"" });
      const found = await insights.decisions(["val:1000:0", "val:1000:1", "nope:1:0"]);
      expect(Object.keys(found).sort()).toEqual(["nope:1:0", "val:1000:0", "val:1000:1"]);
      expect(found["val:1000:0"]).toMatchObject({ status: "rejected", reasons: ["ambiguous"], note: "two chairs", reviewer: "o'brien \"x\"", version: 1, edits: null });
      expect(found["val:1000:1"]).toBeNull();
      expect(found["nope:1:0"]).toBeNull();
    });

    it("counts decisions per reviewer per hour and the agreement between reviewers' last words", async () => {
      const at = (hour: string) => ({ now: `2026-01-01T${hour}:15:00.000Z` });
      // A: both accept (agree). B: ann accepts, bo rejects (disagree). C: ann accepts, then
      // rejects; bo rejects (agree on the last words). D: ann accepts then sets it back to pending
      // (no last word), bo accepts. E: only bo.
      await decide("val:1000:0", { reviewer: "ann" }, at("09"));
      await decide("val:1000:0", { reviewer: "bo" }, at("10"));
      await decide("val:1001:0", { reviewer: "ann" }, at("09"));
      await decide("val:1001:0", { reviewer: "bo", status: "rejected" }, at("10"));
      await decide("val:1002:0", { reviewer: "ann" }, at("09"));
      await decide("val:1002:0", { reviewer: "ann", status: "rejected" }, at("10"));
      await decide("val:1002:0", { reviewer: "bo", status: "rejected" }, at("10"));
      await decide("val:1003:0", { reviewer: "ann" }, at("09"));
      await decide("val:1003:0", { reviewer: "ann", status: "pending" }, at("10"));
      await decide("val:1003:0", { reviewer: "bo" }, at("11"));
      await decide("val:1004:0", { reviewer: "bo" }, at("11"));
      // Another split's decisions count only when no split is asked for.
      await harness.importRecords("test", fixtureRecords(1, 7));
      await decide("test:1007:0", { reviewer: "cy" }, at("08"));

      const activity = await insights.activity("val");
      // Writes to pending are no decisions.
      expect(activity.hours).toEqual([
        { reviewer: "ann", hour: "2026-01-01T09", decisions: 4 },
        { reviewer: "ann", hour: "2026-01-01T10", decisions: 1 },
        { reviewer: "bo", hour: "2026-01-01T10", decisions: 3 },
        { reviewer: "bo", hour: "2026-01-01T11", decisions: 2 },
      ]);
      expect(activity.agreement).toEqual([{ a: "ann", b: "bo", pairs: 3, agreed: 2 }]);
      const all = await insights.activity();
      expect(all.hours[0]).toEqual({ reviewer: "cy", hour: "2026-01-01T08", decisions: 1 });
      expect(all.hours).toHaveLength(5);
      expect(all.agreement).toEqual([{ a: "ann", b: "bo", pairs: 3, agreed: 2 }]);

      // The dashboard's drill-downs, through the same filters.
      expect(await insights.filteredIds({ split: "val", disagree: "ann" })).toEqual(["val:1001:0"]);
      expect(await insights.filteredIds({ split: "val", disagree: "bo", disagreeWith: "ann" })).toEqual(["val:1001:0"]);
      expect(await insights.filteredIds({ split: "val", disagree: "ann", disagreeWith: "cy" })).toEqual([]);
      expect(await insights.filteredIds({ split: "val", decidedBy: "bo" })).toEqual(["val:1000:0", "val:1001:0", "val:1002:0", "val:1003:0", "val:1004:0"]);
      expect(await insights.filteredIds({ split: "val", decidedBy: "ann", decidedHour: "2026-01-01T10" })).toEqual(["val:1002:0"]);
      expect(await insights.filteredIds({ decidedHour: "2026-01-01T08" })).toEqual(["test:1007:0"]);
      expect(await insights.countByGranularity({ split: "val", decidedBy: "bo" })).toEqual({ object: 5, part: 0, mixed: 0 });
      expect(await insights.activity("nope")).toEqual({ hours: [], agreement: [] });
    });

    it("previews an export: pairs and images kept and dropped, edited kept pairs, bytes, decided", async () => {
      const empty = await insights.exportPreview("val", false);
      expect(empty).toMatchObject({
        split: "val",
        includePending: false,
        pairs: { kept: 0, dropped: 17 },
        images: { kept: 0, dropped: 5 },
        editedKept: 0,
        estimatedBytes: 0,
        decided: 0,
      });
      expect(empty.byStatus).toEqual({ pending: { object: 12, part: 0, mixed: 5 }, accepted: none(), rejected: none() });

      // Image 1000: one accepted (edited), one rejected. Image 1001: one accepted. Image 1004:
      // every pair rejected. Images 1002 and 1003 stay pending.
      await decide("val:1000:0", { edits: { question: "Where to sit?" } });
      await decide("val:1000:1", { status: "rejected" });
      await decide("val:1001:2");
      for (const id of ids("val", 1004, 3)) await decide(id, { status: "rejected" });
      // An edit on a pending pair is kept only with pending pairs.
      await decide("val:1002:2", { status: "pending", edits: { textAnswer: "Use {seg}." } });

      const accepted = await insights.exportPreview("val", false);
      expect(accepted.pairs).toEqual({ kept: 2, dropped: 15 });
      expect(accepted.images).toEqual({ kept: 2, dropped: 3 });
      expect(accepted.byStatus).toEqual({
        pending: { object: 8, part: 0, mixed: 3 },
        accepted: { object: 2, part: 0, mixed: 0 },
        rejected: { object: 2, part: 0, mixed: 2 },
      });
      expect(accepted.editedKept).toBe(1);
      expect(accepted.decided).toBe(6);
      // Bytes of the records of images 1000 and 1001 (a store may add an encoding byte per record).
      const acceptedBytes = recordBytes(0) + recordBytes(1);
      expect(accepted.estimatedBytes).toBeGreaterThanOrEqual(acceptedBytes);
      expect(accepted.estimatedBytes).toBeLessThanOrEqual(acceptedBytes + 2);

      const open = await insights.exportPreview("val", true);
      expect(open.includePending).toBe(true);
      expect(open.pairs).toEqual({ kept: 13, dropped: 4 }); // 11 pending and 2 accepted kept, 4 rejected dropped
      expect(open.images).toEqual({ kept: 4, dropped: 1 });
      expect(open.editedKept).toBe(2);
      const openBytes = [0, 1, 2, 3].reduce((sum, i) => sum + recordBytes(i), 0);
      expect(open.estimatedBytes).toBeGreaterThanOrEqual(openBytes);
      expect(open.estimatedBytes).toBeLessThanOrEqual(openBytes + 4);

      // A rejected pair of image 1004 back to pending brings its image back into a pending export;
      // the accepted pair of 1001 rejected takes image 1001 out of the default export.
      await decide("val:1004:1", { status: "pending" });
      await decide("val:1001:2", { status: "rejected" });
      expect((await insights.exportPreview("val", true)).images).toEqual({ kept: 5, dropped: 0 });
      const after = await insights.exportPreview("val", false);
      expect(after.images).toEqual({ kept: 1, dropped: 4 });
      expect(after.estimatedBytes).toBeLessThanOrEqual(recordBytes(0) + 1);
      expect(after.estimatedBytes).toBeGreaterThanOrEqual(recordBytes(0));

      // A re-import of the same content keeps decisions and recounts to the same preview.
      await harness.importRecords("val", fixtureRecords(5));
      expect(await insights.exportPreview("val", false)).toEqual(after);
      expect(await insights.exportPreview("nope", true)).toMatchObject({ pairs: { kept: 0, dropped: 0 }, images: { kept: 0, dropped: 0 }, estimatedBytes: 0 });
    });
  });
}

// ---------------------------------------------------------------------------------------------

/** A prediction of the fixture (40 × 60) with the given IoU; masks and scores are opaque to the store. */
function prediction(pairId: string, iou: number | null, targets = 1): StoredPrediction {
  return {
    pairId,
    height: 40,
    width: 60,
    masks: Array.from({ length: targets }, (_, k) => rectRle(k, 0, 3, 3, 40, 60).counts),
    scores: iou === null ? null : Array.from({ length: targets }, () => 0.5),
    targetIous: Array.from({ length: targets }, () => iou),
    iou,
  };
}

export function describePredictionsContract(name: string, open: () => Promise<InsightsHarness>): void {
  describe(`PredictionStore contract: ${name}`, () => {
    let harness: InsightsHarness;
    let predictions: PredictionStore;
    let decider: Decider;

    /** Model "m1" of val: IoUs 0.9, 0.1, null, 0.5, 0.1, 0.7 (mean of the five numbers: 0.46). */
    const m1 = [
      prediction("val:1000:0", 0.9),
      prediction("val:1000:1", 0.1, 2),
      prediction("val:1001:3", null),
      prediction("val:1002:0", 0.5),
      prediction("val:1002:1", 0.1, 2),
      prediction("val:1003:2", 0.7),
    ];

    async function importModel(model: string, items: readonly StoredPrediction[], split = "val", at = "2026-02-01T00:00:00.000Z") {
      const job = await predictions.beginImport(split, model, `${model}.jsonl`, at);
      for (const p of items) await job.add(p);
      return job.commit();
    }

    beforeEach(async () => {
      harness = await open();
      predictions = harness.predictions;
      decider = new Decider(() => harness);
      await harness.importRecords("val", fixtureRecords(5));
    });
    afterEach(async () => {
      await harness.cleanup();
    });

    it("imports a model, lists it with its pair count and mean IoU, and gives back each prediction", async () => {
      expect(await importModel("m1", m1)).toEqual({ pairs: 6 });
      const [model] = await predictions.listModels("val");
      expect(model).toMatchObject({ split: "val", model: "m1", sourceFile: "m1.jsonl", importedAt: "2026-02-01T00:00:00.000Z", pairs: 6 });
      expect(model!.meanIou).toBeCloseTo((0.9 + 0.1 + 0.5 + 0.1 + 0.7) / 5, 12);
      expect(await predictions.get("val", "m1", "val:1000:1")).toEqual(m1[1]);
      expect(await predictions.get("val", "m1", "val:1001:3")).toEqual({ pairId: "val:1001:3", height: 40, width: 60, masks: m1[2]!.masks, scores: null, targetIous: [null], iou: null });
      expect(await predictions.get("val", "m1", "val:1004:0")).toBeNull();
      expect(await predictions.get("val", "m2", "val:1000:0")).toBeNull();
      expect(await predictions.get("other", "m1", "val:1000:0")).toBeNull();
    });

    it("keeps several models per split, ordered by split and name as bytes; a model without scorable pairs has no mean", async () => {
      await harness.importRecords("test", fixtureRecords(1, 7));
      const hostile = "m'; DROP TABLE predictions; --\u00e9";
      await importModel("b", [prediction("val:1000:0", 0.25)]);
      await importModel("B", [prediction("val:1000:0", 0.75), prediction("val:1001:0", 0.25)]);
      await importModel(hostile, [prediction("val:1004:0", null)]);
      await importModel("z", [prediction("test:1007:0", 1)], "test");
      expect((await predictions.listModels("val")).map((m) => [m.model, m.pairs, m.meanIou])).toEqual([
        ["B", 2, 0.5],
        ["b", 1, 0.25],
        [hostile, 1, null],
      ]);
      expect((await predictions.listModels()).map((m) => `${m.split}/${m.model}`)).toEqual(["test/z", "val/B", "val/b", `val/${hostile}`]);
      expect(await predictions.listModels("nope")).toEqual([]);
      expect((await predictions.get("val", "B", "val:1000:0"))?.iou).toBe(0.75);
      expect((await predictions.get("val", "b", "val:1000:0"))?.iou).toBe(0.25);
    });

    it("replaces a model on re-import; an aborted import leaves the model as it was", async () => {
      await importModel("m1", m1);
      const job = await predictions.beginImport("val", "m1", "again.jsonl", "2026-03-01T00:00:00.000Z");
      await job.add(prediction("val:1004:2", 0.3));
      await job.abort();
      expect((await predictions.listModels("val")).map((m) => [m.sourceFile, m.pairs])).toEqual([["m1.jsonl", 6]]);
      expect(await predictions.get("val", "m1", "val:1000:0")).toEqual(m1[0]);
      expect(await predictions.get("val", "m1", "val:1004:2")).toBeNull();

      expect(await importModel("m1", [prediction("val:1004:2", 0.3), prediction("val:1000:0", 0.2)], "val", "2026-03-02T00:00:00.000Z")).toEqual({ pairs: 2 });
      const [model] = await predictions.listModels("val");
      expect(model).toMatchObject({ sourceFile: "m1.jsonl", importedAt: "2026-03-02T00:00:00.000Z", pairs: 2 });
      expect(model!.meanIou).toBeCloseTo(0.25, 12);
      expect((await predictions.get("val", "m1", "val:1000:0"))?.iou).toBe(0.2);
      expect(await predictions.get("val", "m1", "val:1002:0")).toBeNull();
    });

    it("removes a model, and says so only when there was one", async () => {
      await importModel("m1", m1);
      await importModel("m2", [prediction("val:1000:0", 0.5)]);
      expect(await predictions.removeModel("val", "m1")).toBe(true);
      expect(await predictions.removeModel("val", "m1")).toBe(false);
      expect(await predictions.removeModel("other", "m2")).toBe(false);
      expect((await predictions.listModels()).map((m) => m.model)).toEqual(["m2"]);
      expect(await predictions.get("val", "m1", "val:1000:0")).toBeNull();
      expect(await predictions.listByIou({ split: "val", model: "m1" })).toEqual({ items: [], nextCursor: null, total: 0 });
      expect(await predictions.iouByStatus("val", "m1")).toEqual([]);
    });

    it("finds a pair by image id and question index, and the record of its image", async () => {
      const ref = await predictions.findPair("val", 1003, 3);
      expect(ref).toMatchObject({ pairId: "val:1003:3", index: 3 });
      expect(await predictions.findPair("val", 1002, 3)).toBeNull();
      expect(await predictions.findPair("test", 1003, 0)).toBeNull();
      const record = await predictions.imageRecord(ref!.imagePk);
      expect(record).toMatchObject({ height: 40, width: 60 });
      expect(JSON.parse(record!.raw)).toEqual(JSON.parse(splitText([fixtureRecords(1, 3)[0]]))[0]);
      const other = await predictions.findPair("val", 1000, 0);
      expect(other!.imagePk).not.toBe(ref!.imagePk);
      expect(await predictions.imageRecord(ref!.imagePk + other!.imagePk + 10_000)).toBeNull();
    });

    it("gives each scored pair's IoU with its current status, lowest IoU first", async () => {
      await importModel("m1", m1);
      await decider.decide("val:1002:1", { status: "rejected" });
      await decider.decide("val:1003:2");
      expect(await predictions.iouByStatus("val", "m1")).toEqual([
        { iou: 0.1, status: "pending" }, // val:1000:1
        { iou: 0.1, status: "rejected" }, // val:1002:1
        { iou: 0.5, status: "pending" },
        { iou: 0.7, status: "accepted" },
        { iou: 0.9, status: "pending" },
      ]);
      expect(await predictions.iouByStatus("val", "nope")).toEqual([]);
    });

    it("lists the predicted pairs lowest IoU first (ties by id, unscored last), by IoU range and filter, a page at a time", async () => {
      await importModel("m1", m1);
      const order = ["val:1000:1", "val:1002:1", "val:1002:0", "val:1003:2", "val:1000:0", "val:1001:3"];
      const all = await predictions.listByIou({ split: "val", model: "m1" });
      expect(all.items.map((i) => [i.id, i.iou])).toEqual([
        ["val:1000:1", 0.1],
        ["val:1002:1", 0.1],
        ["val:1002:0", 0.5],
        ["val:1003:2", 0.7],
        ["val:1000:0", 0.9],
        ["val:1001:3", null],
      ]);
      expect(all.total).toBe(6);
      expect(all.nextCursor).toBeNull();
      expect(all.items[0]).toMatchObject({ split: "val", imageId: 1000, index: 1, targetCount: 2, granularity: "mixed", status: "pending", version: 0 });

      // Pages of two, through the cursors, give the same order.
      const seen: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 5; page++) {
        const list = await predictions.listByIou({ split: "val", model: "m1", limit: 2, ...(cursor ? { cursor } : {}) });
        expect(list.total).toBe(6);
        seen.push(...list.items.map((i) => i.id));
        if (list.nextCursor === null) break;
        cursor = list.nextCursor;
      }
      expect(seen).toEqual(order);

      // IoU range: an unscored pair is in no range.
      expect((await predictions.listByIou({ split: "val", model: "m1", minIou: 0.5 })).items.map((i) => i.id)).toEqual(["val:1002:0", "val:1003:2", "val:1000:0"]);
      const low = await predictions.listByIou({ split: "val", model: "m1", maxIou: 0.5 });
      expect(low.items.map((i) => i.id)).toEqual(["val:1000:1", "val:1002:1", "val:1002:0"]);
      expect(low.total).toBe(3);
      expect((await predictions.listByIou({ split: "val", model: "m1", minIou: 0.2, maxIou: 0.8 })).total).toBe(2);

      // Pair filters narrow the list and its total.
      await decider.decide("val:1002:1", { status: "rejected" });
      const mixed = await predictions.listByIou({ split: "val", model: "m1", granularity: "mixed" });
      expect(mixed.items.map((i) => i.id)).toEqual(["val:1000:1", "val:1002:1"]);
      expect(mixed.total).toBe(2);
      const rejected = await predictions.listByIou({ split: "val", model: "m1", status: "rejected" });
      expect(rejected.items.map((i) => [i.id, i.status, i.version])).toEqual([["val:1002:1", "rejected", 1]]);
      expect(rejected.total).toBe(1);
      expect((await predictions.listByIou({ split: "val", model: "m1", status: "pending", maxIou: 0.6, limit: 1 })).total).toBe(2);
      expect((await predictions.listByIou({ split: "val", model: "m1", q: "picture" })).items.map((i) => i.id)).toEqual(["val:1002:0", "val:1000:0"]);

      expect(await predictions.listByIou({ split: "val", model: "nope" })).toEqual({ items: [], nextCursor: null, total: 0 });
      await expect(predictions.listByIou({ split: "val", model: "m1", cursor: "not-a-cursor" })).rejects.toBeInstanceOf(InvalidCursorError);
    });
  });
}
