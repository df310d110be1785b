import { describe, expect, it } from "vitest";
import type { AnnotationView, PairDetail } from "./api";
import { acceptBlockers } from "./domain";
import { draftFlags } from "./draftFlags";
import { rectRle } from "./testRecord";

function view(index: number, instanceName: string, extra: Partial<AnnotationView> = {}): AnnotationView {
  return {
    index,
    annId: index + 1,
    categoryId: 1,
    categoryName: "chair",
    kind: "object",
    instanceName,
    parent: null,
    bbox: [0, 0, 10, 10],
    area: 100,
    maskBox: [0, 0, 10, 10],
    rle: rectRle(0, 0, 10, 10),
    ...extra,
  };
}

function detail(over: Partial<PairDetail> = {}): PairDetail {
  return {
    id: "s:7:0",
    split: "s",
    imageId: 7,
    index: 0,
    image: { fileName: "a.jpg", width: 60, height: 40, url: "/api/images/7", pairIds: ["s:7:0"] },
    question: "Where could I sit?",
    textAnswer: "chair_1 {seg} or chair_2 {seg}",
    rawAnswer: "chair_1 [0.0, 0.0, 10.0, 10.0] or chair_2 [0.0, 0.0, 10.0, 10.0]",
    original: { question: "Where could I sit?", textAnswer: "chair_1 {seg} or chair_2 {seg}", targets: [0, 1] },
    targets: [0, 1],
    annotations: [view(0, "chair_1"), view(1, "chair_2")],
    granularity: "object",
    flags: [],
    decision: null,
    history: [],
    prev: null,
    next: null,
    ...over,
  };
}

const draft = (d: PairDetail, over: Partial<{ question: string; textAnswer: string; targets: number[] }> = {}) => ({
  question: d.original.question,
  textAnswer: d.original.textAnswer,
  targets: d.original.targets,
  ...over,
});

describe("draftFlags", () => {
  it("is clean for a clean pair and flags what an edit breaks, blockers included", () => {
    const d = detail();
    expect(draftFlags(d, draft(d))).toEqual([]);
    const fewer = draftFlags(d, draft(d, { textAnswer: "chair_1 {seg}" }));
    expect(acceptBlockers(fewer)).toEqual(["seg_count"]);
    expect(draftFlags(d, draft(d, { textAnswer: "chair_1 {seg} or chair_2 {seg} [SEG]" }))).toEqual(["seg_token"]);
    expect(draftFlags(d, draft(d, { targets: [1, 0] }))).toEqual(["name_mismatch"]);
  });

  it("knows the pair's own copies: their form, and a copy that differs from its annotation", () => {
    const d = detail({
      copyForms: ["polygon", "compressed"],
      annotations: [view(0, "chair_1"), view(1, "chair_2"), view(2, "chair_1 (copy)", { copyOf: 0, generatorName: "chair_1", form: "compressed", problem: "counts_sum" })],
      original: { question: "Where could I sit?", textAnswer: "chair_1 {seg} or chair_2 {seg}", targets: [2, 1] },
    });
    expect(draftFlags(d, draft(d))).toEqual(["mask_form", "bad_rle", "target_copy"]);
    // Picking the annotation itself instead fixes it.
    expect(draftFlags(d, draft(d, { targets: [0, 1] }))).toEqual([]);
  });
});

describe("draftFlags: what the draft carries over and rebuilds", () => {
  it("ignores a target index the image does not have", () => {
    const d = detail();
    expect(draftFlags(d, draft(d, { targets: [0, 9] }))).toEqual(["seg_count"]);
  });

  it("writes a shortened target list as the annotations, not the pair's copies", () => {
    // The copies are polygons (mask_form); dropping the second target writes chair_1 itself.
    const d = detail({ copyForms: ["polygon", "polygon"] });
    expect(draftFlags(d, draft(d))).toEqual(["mask_form"]);
    expect(draftFlags(d, draft(d, { targets: [0], textAnswer: "chair_1 {seg}" }))).toEqual([]);
    expect(draftFlags(d, draft(d, { targets: [0] }))).toEqual(["seg_count"]);
  });

  it("compares boxes only while neither the answer nor the targets moved", () => {
    const d = detail({ rawAnswer: "chair_1 [30.0, 30.0, 40.0, 40.0] or chair_2 [30.0, 30.0, 40.0, 40.0]", flags: ["box_mismatch"] });
    expect(draftFlags(d, draft(d))).toEqual(["box_mismatch"]);
    expect(draftFlags(d, draft(d, { textAnswer: "chair_1 {seg} and chair_2 {seg}" }))).toEqual([]);
    expect(draftFlags(d, draft(d, { question: "Where else could I sit?" }))).toEqual(["box_mismatch"]);
  });

  it("carries duplicate while the question is unchanged, and the file and misaligned flags always", () => {
    const d = detail({ flags: ["duplicate", "unsafe_path", "box_mismatch", "misaligned"] });
    expect(draftFlags(d, draft(d))).toEqual(expect.arrayContaining(["duplicate", "unsafe_path", "misaligned"]));
    const changed = draftFlags(d, draft(d, { question: "Where else could I sit?", textAnswer: "chair_1 {seg} and chair_2 {seg}" }));
    expect(changed).toEqual(expect.arrayContaining(["unsafe_path", "misaligned"]));
    expect(changed).not.toContain("duplicate");
    expect(changed).not.toContain("box_mismatch");
  });

  it("reads a wrongly sized mask as bad_rle, not empty, and a copy of nothing as no target_copy", () => {
    const d = detail({ annotations: [view(0, "chair_1", { problem: "size", area: 0 }), view(1, "chair_2", { copyOf: null })] });
    expect(draftFlags(d, draft(d))).toEqual(["bad_rle"]);
  });
});
