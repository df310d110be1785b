import { describe, expect, it } from "vitest";
import { analyzePairWithEdits, analyzeRecord } from "./analyze";
import type { Annotation, ImageRecord } from "./mmr";
import { rleFromString, rleToString } from "./rle";
import { H, W, ann, makeRecord, rectRle } from "./testRecord";

/*
 * The loader-true checks (mask_form, bad_rle, seg_token, empty_answer, target_copy, name_mismatch,
 * misaligned) on whole records: a pair that trips each one, and clean pairs that must not.
 */

function scene() {
  const chair1 = ann("chair", [0, 0, 20, 30]);
  const chair2 = ann("chair", [25, 5, 10, 30]);
  const leg1 = ann("chair:leg", [2, 25, 3, 5]);
  const leg2 = ann("chair:leg", [26, 25, 3, 10]);
  return { chair1, chair2, leg1, leg2, annotations: [chair1, chair2, leg1, leg2] };
}

const flagsOf = (record: ImageRecord) => analyzeRecord(record).pairs.map((p) => p.flags);
const countsOf = (a: Annotation) => Array.from(rleFromString((a.segmentation as { counts: string }).counts));

describe("clean pairs", () => {
  it("get none of the new flags", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [
      { question: "Where would two people sit?", text: "On chair_1 {seg} and chair_2 {seg}.", targets: [s.chair1, s.chair2] },
      { question: "What holds the second seat up?", text: "chair_2's leg {seg}, part of chair_2.", targets: [s.leg2] },
      // Names the target in other words, or names its object: no judgement.
      { question: "Which part touches the floor?", text: "The leg of the first seat {seg}", targets: [s.leg1] },
      { question: "What touches the floor on the right?", text: "Under chair_2 {seg}", targets: [s.leg2] },
    ]);
    expect(flagsOf(record)).toEqual([[], [], [], []]);
  });
});

describe("mask_form", () => {
  it("flags a target copy stored as polygons or uncompressed counts", () => {
    const s = scene();
    const poly = { ...s.chair1, segmentation: [[0, 0, 20, 0, 20, 30, 0, 30]] };
    const counts = { ...s.chair2, segmentation: { size: [H, W] as [number, number], counts: countsOf(s.chair2) } };
    const record = makeRecord([poly, counts, s.leg1, s.leg2], [
      { question: "Where to sit?", text: "chair_1 {seg}", targets: [poly] },
      { question: "Where else?", text: "chair_2 {seg}", targets: [counts] },
    ]);
    expect(flagsOf(record)).toEqual([["mask_form"], ["mask_form"]]);
  });

  it("looks at the copy, not the annotation: a compressed copy of a polygon annotation is fine", () => {
    const s = scene();
    const poly = { ...s.chair1, segmentation: [[0, 0, 20, 0, 20, 30, 0, 30]] };
    const counts = { ...s.chair1, segmentation: { size: [H, W] as [number, number], counts: [0, 5, H * W - 5] } };
    // The copy is counts of another mask: its own target, and in the uncompressed form.
    const record = makeRecord([poly], [
      { question: "Where to sit?", text: "chair_1 {seg}", targets: [s.chair1] },
      { question: "Where else?", text: "chair_1 {seg}", targets: [counts] },
    ]);
    const flags = flagsOf(record);
    expect(flags[1]).toContain("mask_form");
    expect(flags[0]).not.toContain("mask_form");
  });
});

describe("bad_rle", () => {
  it("flags counts not adding up to h*w, a broken string, and a size other than the image's", () => {
    const s = scene();
    const seg = s.chair1.segmentation as { size: [number, number]; counts: string };
    const short = { ...s.chair1, segmentation: { size: seg.size, counts: rleToString([5, 10]) } };
    const broken = { ...s.chair1, segmentation: { size: seg.size, counts: `${seg.counts.slice(0, -1)}~` } };
    const truncated = { ...s.chair1, segmentation: { size: seg.size, counts: "1j" } }; // 'j' has the "more" bit
    const otherSize = { ...s.chair1, segmentation: rectRle(0, 0, 20, 30, W, H) };
    const record = makeRecord(s.annotations, [short, broken, truncated, otherSize].map((t) => ({ question: "q?", text: "chair_1 {seg}", targets: [t] })));
    for (const flags of flagsOf(record)) {
      expect(flags).toContain("bad_rle");
      expect(flags).not.toContain("empty_mask");
    }
  });

  it("never hands on a hostile size: a 100000 × 100000 copy is shown as an empty mask of the image", () => {
    const s = scene();
    const huge = { ...s.chair1, segmentation: { size: [100_000, 100_000] as [number, number], counts: rleToString([1e10]) } };
    const analysis = analyzeRecord(makeRecord(s.annotations, [{ question: "q?", text: "chair_1 {seg}", targets: [huge] }]));
    expect(analysis.pairs[0]!.flags).toEqual(expect.arrayContaining(["bad_rle", "target_copy"]));
    const copy = analysis.annotations[analysis.pairs[0]!.targets[0]!]!;
    expect(copy).toMatchObject({ problem: "size", area: 0, maskValid: false });
    expect(copy.rle.size).toEqual([H, W]);
  });

  it("leaves an empty but readable mask to empty_mask", () => {
    const s = scene();
    const none = { ...s.chair1, segmentation: { size: [H, W] as [number, number], counts: rleToString([H * W]) } };
    const flags = flagsOf(makeRecord([none], [{ question: "q?", text: "chair_1 {seg}", targets: [none] }]))[0]!;
    expect(flags).toEqual(["empty_mask"]);
  });
});

describe("seg_token and empty_answer", () => {
  it("flags a literal [SEG] and an empty text answer", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [
      { question: "q?", text: "chair_1 {seg} [SEG]", targets: [s.chair1] },
      { question: "r?", text: "", targets: [] },
    ]);
    const [token, blank] = flagsOf(record);
    expect(token).toEqual(["seg_token"]);
    expect(blank).toEqual(expect.arrayContaining(["empty_answer", "no_targets"]));
  });
  it("passes [seg] in another case and a one-character answer", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [{ question: "q?", text: "chair_1 {seg} [seg]", targets: [s.chair1] }]);
    expect(flagsOf(record)).toEqual([[]]);
  });
});

describe("target_copy", () => {
  it("flags a copy with an annotation's id but another mask, and draws the copy's own mask", () => {
    const s = scene();
    const copy = { ...s.chair1, segmentation: rectRle(0, 0, 10, 10) };
    const analysis = analyzeRecord(makeRecord(s.annotations, [{ question: "q?", text: "chair_1 {seg}", targets: [copy] }]));
    expect(analysis.pairs[0]!.flags).toEqual(["target_copy"]);
    const t = analysis.pairs[0]!.targets[0]!;
    expect(t).toBe(4);
    expect(analysis.annotations[t]).toMatchObject({ copyOf: 0, instanceName: "chair_1 (copy)", generatorName: "chair_1", area: 100 });
    expect(analysis.annotations[t]!.rle).toEqual(rectRle(0, 0, 10, 10));
    expect(analysis.annotations[0]!.area).toBe(600);
  });

  it("flags a broken copy both target_copy and bad_rle", () => {
    const s = scene();
    const seg = s.chair1.segmentation as { size: [number, number]; counts: string };
    const broken = { ...s.chair1, segmentation: { size: seg.size, counts: seg.counts.slice(0, 4) } };
    const flags = flagsOf(makeRecord(s.annotations, [{ question: "q?", text: "chair_1 {seg}", targets: [broken] }]))[0]!;
    expect(flags).toEqual(expect.arrayContaining(["target_copy", "bad_rle"]));
  });

  it("passes a copy equal to its annotation with keys in another order", () => {
    const s = scene();
    const reordered = Object.fromEntries(Object.entries(s.chair2).reverse()) as Annotation;
    expect(flagsOf(makeRecord(s.annotations, [{ question: "q?", text: "chair_2 {seg}", targets: [reordered] }]))).toEqual([[]]);
  });
});

describe("name_mismatch", () => {
  it("flags an answer naming another instance than the target, in the text or the raw answer", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [
      { question: "What touches the floor?", text: "chair_2's leg {seg}", targets: [s.leg1] },
      { question: "Where to sit?", text: "chair_1 {seg}", targets: [s.chair1], raw: "chair_2 [0.0, 0.0, 20.0, 30.0]" },
    ]);
    expect(flagsOf(record)).toEqual([["name_mismatch"], ["name_mismatch"]]);
  });

  it("accepts either owner for a part inside two overlapping objects (its owner is a guess)", () => {
    const big = ann("chair", [0, 0, 30, 30]);
    const small = ann("chair", [0, 10, 20, 20]);
    const leg = ann("chair:leg", [2, 25, 3, 5]); // inside both; no obj_ann_id: named after the smaller
    const record = makeRecord([big, small, leg], [
      { question: "What touches the floor?", text: "chair_1's leg {seg}", targets: [leg] },
      { question: "What else touches the floor?", text: "chair_2's leg {seg}", targets: [leg] },
    ]);
    expect(analyzeRecord(record).annotations[2]!.instanceName).toBe("chair_2's leg");
    expect(flagsOf(record)).toEqual([[], []]);
  });

  it("does not read a name-like token of no category in the image as an instance", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [{ question: "Where to sit?", text: "As seen in COCO_2017 {seg}", targets: [s.chair1] }]);
    expect(flagsOf(record)).toEqual([[]]);
    // A category of the image is judged, even one the target does not have.
    const other = makeRecord([...s.annotations, ann("table", [40, 30, 10, 10])], [{ question: "Where to sit?", text: "Next to table_1 {seg}", targets: [s.chair1] }]);
    expect(flagsOf(other)).toEqual([["name_mismatch"]]);
  });

  it("flags a reordering of targets in edit mode", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [{ question: "Where to sit?", text: "chair_1 {seg} or chair_2 {seg}", targets: [s.chair1, s.chair2] }]);
    const analysis = analyzeRecord(record);
    expect(analysis.pairs[0]!.flags).toEqual([]);
    expect(analyzePairWithEdits(analysis, 0, { targets: [1, 0] }).flags).toEqual(["name_mismatch"]);
  });
});

describe("misaligned", () => {
  it("flags every pair of a record whose arrays differ in length", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [
      { question: "q?", text: "chair_1 {seg}", targets: [s.chair1] },
      { question: "r?", text: "chair_2 {seg}", targets: [s.chair2] },
    ]);
    record.raw_answers!.pop();
    expect(flagsOf(record)).toEqual([["misaligned"], ["misaligned"]]);
    const noRaw = makeRecord(s.annotations, [{ question: "q?", text: "chair_1 {seg}", targets: [s.chair1] }]);
    delete noRaw.raw_answers;
    expect(flagsOf(noRaw)).toEqual([[]]);
  });
});
