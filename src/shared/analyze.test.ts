import { describe, expect, it } from "vitest";
import { analyzePairWithEdits, analyzeRecord } from "./analyze";
import { imageRecordSchema } from "./mmr";
import { rleDecode, rleFromString } from "./rle";
import { H, W, ann, makeRecord, rectRle } from "./testRecord";

function scene() {
  const chair1 = ann("chair", [0, 0, 20, 30]);
  const mug = ann("mug", [40, 0, 10, 10]);
  const chair2 = ann("chair", [25, 5, 10, 30]);
  const leg = ann("chair:leg", [26, 25, 3, 10]);
  const handle = ann("mug:handle", [48, 2, 2, 5]);
  return { chair1, mug, chair2, leg, handle, annotations: [chair1, mug, chair2, leg, handle] };
}

describe("analyzeRecord", () => {
  it("names instances and describes every mask", () => {
    const s = scene();
    const record = makeRecord(s.annotations, []);
    const analysis = analyzeRecord(record);
    expect(analysis.annotations.map((a) => a.instanceName)).toEqual(["chair_1", "mug_1", "chair_2", "chair_2's leg", "mug_1's handle"]);
    const leg = analysis.annotations[3]!;
    expect(leg).toMatchObject({ index: 3, kind: "part", parent: 2, area: 30, maskBox: [26, 25, 3, 10], orphan: false, maskValid: true });
    expect(leg.rle).toEqual(rectRle(26, 25, 3, 10));
    expect(analysis.tree.objects.map((n) => [n.object, n.parts])).toEqual([
      [0, []],
      [1, [4]],
      [2, [3]],
    ]);
  });

  it("maps answer targets to annotation indices, by id, by JSON, then by category and box", () => {
    const s = scene();
    const { id: _drop, ...legWithoutId } = s.leg;
    const handleCopyOtherKeyOrder = Object.fromEntries(Object.entries(s.handle).reverse()) as typeof s.handle;
    const chair2NoId = { ...s.chair2, id: undefined, segmentation: rectRle(25, 5, 10, 30) };
    delete chair2NoId.id;
    const annotations = s.annotations.map(({ id: _id, ...rest }) => rest);
    annotations[3] = legWithoutId;
    const record = makeRecord(s.annotations, [
      { question: "What would you sit on?", text: "chair_2 {seg} and chair_2's leg {seg}", targets: [s.chair2, legWithoutId] },
      { question: "What would you hold?", text: "mug_1's handle {seg}", targets: [handleCopyOtherKeyOrder] },
    ]);
    expect(analyzeRecord(record).pairs.map((p) => p.targets)).toEqual([[2, 3], [4]]);
    const noIds = makeRecord(annotations, [{ question: "q", text: "{seg}", targets: [{ ...chair2NoId, area: 1 }] }]);
    expect(analyzeRecord(noIds).pairs[0]!.targets).toEqual([2]);
  });

  it("appends targets found in no annotation as orphans", () => {
    const s = scene();
    const stray = ann("chair", [5, 30, 10, 10]);
    const record = makeRecord(s.annotations, [
      { question: "What would you sit on?", text: "chair_1 {seg} and chair {seg}", targets: [s.chair1, stray] },
      { question: "Where can I sit?", text: "chair {seg}", targets: [stray] },
    ]);
    const analysis = analyzeRecord(record);
    expect(analysis.pairs.map((p) => p.targets)).toEqual([[0, 5], [5]]);
    expect(analysis.annotations[5]).toMatchObject({ orphan: true, instanceName: "chair", kind: "object" });
    expect(analysis.orphans).toEqual([stray]);
    expect(analysis.pairs[0]!.flags).toEqual([]);
  });

  it("classifies pairs and gives clean pairs no flag", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [
      { question: "What would you sit on?", text: "The chair_1 {seg} and chair_2 {seg}.", targets: [s.chair1, s.chair2] },
      { question: "What would you hold it by?", text: "mug_1's handle {seg}", targets: [s.handle] },
      { question: "What touches the floor?", text: "chair_2 {seg} with chair_2's leg {seg}", targets: [s.chair2, s.leg] },
    ]);
    const pairs = analyzeRecord(record).pairs;
    expect(pairs.map((p) => p.granularity)).toEqual(["object", "part", "mixed"]);
    expect(pairs.map((p) => p.flags)).toEqual([[], [], []]);
    expect(pairs[2]!.categories).toEqual(["chair", "chair:leg"]);
    expect(imageRecordSchema.safeParse(record).success).toBe(true);
  });

  it("flags faulty pairs", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [
      { question: "Which chair is nearest?", text: "chair_1 {seg}", targets: [s.chair1] },
      { question: "Sit where?", text: "chair_1 {seg} {seg}", targets: [s.chair1] },
      { question: "sit, where", text: "chair_1 {seg}", targets: [s.chair1], raw: "chair_1 [40, 0, 50, 10]" },
      { question: "Nothing?", text: "Nothing.", targets: [] },
    ]);
    expect(analyzeRecord(record).pairs.map((p) => p.flags)).toEqual([["explicit"], ["seg_count"], ["box_mismatch", "duplicate"], ["no_targets"]]);
  });

  it("flags an empty mask empty_mask, and unreadable or wrongly sized ones bad_rle", () => {
    const s = scene();
    const empty = ann("mug", [0, 0, 0, 0]);
    const bad = { ...ann("mug", [1, 1, 2, 2]), segmentation: { size: [H, W] as [number, number], counts: [5, 3] } };
    const small = { ...ann("mug", [1, 1, 2, 2]), segmentation: rectRle(1, 1, 2, 2, 20, 30) };
    const record = makeRecord([...s.annotations, empty, bad, small], [
      { question: "a?", text: "{seg}", targets: [empty] },
      { question: "b?", text: "{seg}", targets: [bad] },
      { question: "c?", text: "{seg}", targets: [small] },
    ]);
    const analysis = analyzeRecord(record);
    expect(analysis.pairs.map((p) => p.flags)).toEqual([["empty_mask"], ["mask_form", "bad_rle"], ["bad_rle"]]);
    expect(analysis.annotations[6]).toMatchObject({ maskValid: false, area: 0 });
    expect(rleDecode(rleFromString(analysis.annotations[6]!.rle.counts), H, W).every((v) => v === 0)).toBe(true);
  });

  it("reads polygon and uncompressed segmentations", () => {
    const poly = { ...ann("mug", [10, 10, 10, 10]), segmentation: [[10, 10, 20, 10, 20, 20, 10, 20]] };
    const raw = { ...ann("mug", [0, 0, 1, 2]), segmentation: { size: [H, W] as [number, number], counts: [0, 2, H * W - 2] } };
    const analysis = analyzeRecord(makeRecord([poly, raw], []));
    expect(analysis.annotations[0]!.area).toBeGreaterThan(90);
    expect(analysis.annotations[1]).toMatchObject({ area: 2, maskBox: [0, 0, 1, 2] });
  });

  it("adds file flags to every pair and reuses given ones", () => {
    const s = scene();
    const record = makeRecord(s.annotations, [{ question: "Sit where?", text: "chair_1 {seg}", targets: [s.chair1] }], { file_name: "../x.jpg" });
    expect(analyzeRecord(record).pairs[0]!.flags).toEqual(["unsafe_path"]);
    const ok = makeRecord(s.annotations, [{ question: "Sit where?", text: "chair_1 {seg}", targets: [s.chair1] }]);
    expect(analyzeRecord(ok, { imageExists: () => false }).pairs[0]!.flags).toEqual(["missing_image"]);
    expect(analyzeRecord(ok, { imageExists: () => true }).pairs[0]!.flags).toEqual([]);
    expect(analyzeRecord(ok, { imageExists: () => true, fileFlags: ["missing_image"] }).fileFlags).toEqual(["missing_image"]);
  });
});

describe("analyzePairWithEdits", () => {
  const s = scene();
  const record = makeRecord(s.annotations, [
    { question: "What would you sit on?", text: "The chair_1 {seg}.", targets: [s.chair1] },
    { question: "Which chair is nearest?", text: "chair_1 {seg}", targets: [s.chair1], raw: "chair_1 [40, 0, 50, 10]" },
  ]);
  const analysis = analyzeRecord(record);

  it("recomputes targets, granularity and flags after an edit", () => {
    expect(analysis.pairs[1]!.flags).toEqual(["box_mismatch", "explicit"]);
    const fixed = analyzePairWithEdits(analysis, 1, { question: "What is nearest?", textAnswer: "chair_2's leg {seg}", targets: [3] });
    expect(fixed).toMatchObject({ targets: [3], granularity: "part", flags: [], rawAnswer: "chair_2's leg [26.0, 25.0, 29.0, 35.0]" });
  });

  it("flags what an edit breaks", () => {
    expect(analyzePairWithEdits(analysis, 0, { targets: [0, 2] }).flags).toEqual(["seg_count"]);
    expect(analyzePairWithEdits(analysis, 0, { targets: [] }).flags).toEqual(["seg_count", "no_targets"]);
    expect(analyzePairWithEdits(analysis, 1, { question: "What would you sit on" }).flags).toEqual(["box_mismatch", "duplicate"]);
    expect(analyzePairWithEdits(analysis, 1, { question: "What would you sit on" }, { questions: ["Changed", "x"] }).flags).toEqual([
      "box_mismatch",
    ]);
  });

  it("returns the imported pair without edits, and refuses unknown targets", () => {
    expect(analyzePairWithEdits(analysis, 0, null)).toEqual(analysis.pairs[0]);
    expect(() => analyzePairWithEdits(analysis, 0, { targets: [99] })).toThrow(RangeError);
  });
});

describe("analyzePairWithEdits: what an edit rebuilds and keeps", () => {
  const s = scene();
  const record = makeRecord(s.annotations, [
    { question: "What would you sit on?", text: "The chair_1 {seg}.", targets: [s.chair1], raw: "The chair_1 [1, 1, 2, 2]." },
    { question: "Which seats are there?", text: "chair_1 {seg} and chair_2 {seg}", targets: [s.chair1, s.chair2], raw: "chair_1 [1, 1, 2, 2] and chair_2 [1, 1, 2, 2]" },
  ]);
  const analysis = analyzeRecord(record);
  // chair_1 is [0, 0, 20, 30] (x, y, w, h), chair_2 [25, 5, 10, 30], mug_1 [40, 0, 10, 10]: corners, one decimal.
  const chair1 = "[0.0, 0.0, 20.0, 30.0]";
  const chair2 = "[25.0, 5.0, 35.0, 35.0]";
  const mug1 = "[40.0, 0.0, 50.0, 10.0]";

  it("rebuilds the raw answer when only the text answer changed", () => {
    expect(analysis.pairs[0]!.flags).toContain("box_mismatch");
    const edited = analyzePairWithEdits(analysis, 0, { textAnswer: "A chair_1 {seg}!" });
    expect(edited.rawAnswer).toBe(`A chair_1 ${chair1}!`);
    expect(edited.flags).not.toContain("box_mismatch");
  });

  it("rebuilds the raw answer when a target is swapped or dropped, and keeps it otherwise", () => {
    expect(analyzePairWithEdits(analysis, 1, { targets: [0, 1] }).rawAnswer).toBe(`chair_1 ${chair1} and chair_2 ${mug1}`);
    expect(analyzePairWithEdits(analysis, 1, { targets: [0] }).rawAnswer).toBe(`chair_1 ${chair1} and chair_2 {seg}`);
    expect(analyzePairWithEdits(analysis, 1, { targets: [2, 0] }).rawAnswer).toBe(`chair_1 ${chair2} and chair_2 ${chair1}`);
    const same = analyzePairWithEdits(analysis, 1, { targets: [0, 2], question: "Seats?" });
    expect(same.rawAnswer).toBe("chair_1 [1, 1, 2, 2] and chair_2 [1, 1, 2, 2]");
    expect(same.flags).toContain("box_mismatch");
  });

  it("leaves a record without raw answers without one after an edit", () => {
    const noRaw = analyzeRecord({ ...record, raw_answers: undefined });
    expect(analyzePairWithEdits(noRaw, 0, { textAnswer: "A chair_1 {seg}!" }).rawAnswer).toBeNull();
    expect(analyzePairWithEdits(noRaw, 1, { targets: [1, 2] }).rawAnswer).toBeNull();
  });

  it("keeps the copies' forms while the targets stay, and drops them when a target is picked", () => {
    expect(analysis.pairs[0]!.copyForms).toEqual(["compressed"]);
    expect(analyzePairWithEdits(analysis, 0, { textAnswer: "A chair_1 {seg}!" }).copyForms).toEqual(["compressed"]);
    expect(analyzePairWithEdits(analysis, 0, { targets: [2] }).copyForms).toBeUndefined();
  });

  it("refuses a pair or a target the image does not have, naming it", () => {
    expect(() => analyzePairWithEdits(analysis, 2, null)).toThrow(new RangeError("pair 2 does not exist (the image has 2)"));
    for (const bad of [-1, 1.5, 5]) {
      expect(() => analyzePairWithEdits(analysis, 0, { targets: [0, bad] })).toThrow(new RangeError(`target ${bad} is no annotation of this image`));
    }
    expect(analyzePairWithEdits(analysis, 0, { targets: [4] }).targets).toEqual([4]);
  });

  it("checks a pair from API views alone (no mask facts): a clean pair stays clean, a stated problem is bad_rle", () => {
    const views = analysis.annotations.map((a) => ({ categoryName: a.categoryName, bbox: a.bbox, area: a.area, rle: a.rle }));
    const context = { height: H, width: W, annotations: views, fileFlags: [], pairs: analysis.pairs };
    const clean = analyzePairWithEdits(context, 0, { textAnswer: "The chair_1 {seg} here." });
    expect(clean.flags).toEqual([]);
    const broken = views.map((v, i) => (i === 0 ? { ...v, problem: "counts_sum" as const } : v));
    expect(analyzePairWithEdits({ ...context, annotations: broken }, 0, { textAnswer: "The chair_1 {seg} here." }).flags).toEqual(["bad_rle"]);
  });
});

describe("analyzeRecord: annotation facts", () => {
  it("shows a broken mask as one run of background the size of the image", () => {
    const bad = { ...ann("mug", [1, 1, 2, 2]), segmentation: { size: [H, W] as [number, number], counts: [5, 3] } };
    const analysis = analyzeRecord(makeRecord([bad], []));
    expect(analysis.annotations[0]).toMatchObject({ maskValid: false, area: 0, maskBox: [0, 0, 0, 0], rle: { size: [H, W] } });
    expect(Array.from(rleFromString(analysis.annotations[0]!.rle.counts))).toEqual([H * W]);
  });

  it("keeps annotation ids, gives objects no other names, and names a differing copy after its annotation", () => {
    const s = scene();
    // Same id and box as chair_1, another mask: the copy chair_1's own, not chair_1.
    const copy = { ...s.chair1, segmentation: rectRle(0, 0, 10, 10) };
    const analysis = analyzeRecord(makeRecord(s.annotations, [{ question: "Sit where?", text: "chair_1 {seg}", targets: [copy] }]));
    expect(analysis.annotations.map((a) => a.annId)).toEqual([...s.annotations.map((a) => a.id), s.chair1.id]);
    expect(analysis.annotations[0]!.otherNames).toEqual([]);
    expect(analysis.annotations[5]).toMatchObject({ orphan: true, copyOf: 0, generatorName: "chair_1", instanceName: "chair_1 (copy)" });
    expect(analysis.pairs[0]!.flags).toContain("target_copy");
  });
});
