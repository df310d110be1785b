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
