import { describe, expect, it } from "vitest";
import {
  boxIou,
  checkBoxMismatch,
  checkBraces,
  checkEmptyMask,
  checkSegCount,
  duplicateQuestions,
  fileFlags,
  isDuplicateQuestion,
  pairFlags,
} from "./checks";
import type { TargetFacts } from "./checks";

const target = (categoryName: string, over: Partial<TargetFacts> = {}): TargetFacts => ({
  categoryName,
  bbox: [10, 10, 20, 20],
  area: 400,
  size: [40, 60],
  maskValid: true,
  ...over,
});

describe("seg_count", () => {
  it("flags a placeholder count that differs from the target count", () => {
    expect(checkSegCount("The chair_1 {seg} and chair_2 {seg}.", 1)).toBe(true);
    expect(checkSegCount("The chair_1.", 1)).toBe(true);
  });
  it("passes matching counts", () => {
    expect(checkSegCount("The chair_1 {seg} and chair_2 {seg}.", 2)).toBe(false);
  });
});

describe("braces", () => {
  it("flags braces outside {seg}", () => {
    expect(checkBraces("The chair_1 {seg} {sic}")).toBe(true);
    expect(checkBraces("The chair_1 {seg}}")).toBe(true);
    expect(checkBraces("The chair_1 {SEG}")).toBe(true);
  });
  it("passes answers whose only braces are placeholders", () => {
    expect(checkBraces("The chair_1 {seg} and chair_2 {seg}.")).toBe(false);
    expect(checkBraces("No placeholder at all")).toBe(false);
  });
});

describe("box_mismatch", () => {
  const bboxes = [
    [10, 10, 20, 20],
    [100, 50, 30, 10],
  ];
  it("flags a raw box far from its target's bbox", () => {
    expect(checkBoxMismatch("a_1 [10, 10, 30, 30] b_1 [0, 0, 30, 10]", bboxes)).toBe(true);
    // Right boxes, wrong order.
    expect(checkBoxMismatch("a_1 [100, 50, 130, 60] b_1 [10, 10, 30, 30]", bboxes)).toBe(true);
  });
  it("passes boxes that match well enough, and raw answers without boxes", () => {
    expect(checkBoxMismatch("a_1 [10.4, 9.8, 30.2, 30.1] b_1 [101, 50, 130, 61]", bboxes)).toBe(false);
    expect(checkBoxMismatch("no boxes here", bboxes)).toBe(false);
    expect(checkBoxMismatch(null, bboxes)).toBe(false);
    // A different count is seg_count's business; the boxes there are compared in order.
    expect(checkBoxMismatch("a_1 [10, 10, 30, 30]", bboxes)).toBe(false);
  });
  it("computes IoU on corner boxes", () => {
    expect(boxIou([0, 0, 10, 10], [0, 0, 10, 10])).toBe(1);
    expect(boxIou([0, 0, 10, 10], [5, 0, 15, 10])).toBeCloseTo(1 / 3);
    expect(boxIou([0, 0, 0, 0], [0, 0, 0, 0])).toBe(1);
    expect(boxIou([0, 0, 0, 0], [1, 1, 1, 1])).toBe(0);
  });
});

describe("duplicate", () => {
  it("flags the later of two questions that differ only in case, spacing and punctuation", () => {
    expect(duplicateQuestions(["What holds  the tea?", "Where is it?", "what holds the tea"])).toEqual([false, false, true]);
    expect(isDuplicateQuestion("WHAT holds the tea!", 2, ["What holds the tea?", "x", "y"])).toBe(true);
  });
  it("passes different questions, and the first of a repeated one", () => {
    expect(duplicateQuestions(["What holds the tea?", "What holds the coffee?"])).toEqual([false, false]);
    expect(isDuplicateQuestion("What holds the tea?", 0, ["What holds the tea?", "What holds the tea?"])).toBe(false);
  });
});

describe("empty_mask", () => {
  it("flags a readable mask without pixels", () => {
    expect(checkEmptyMask([target("chair", { area: 0 })])).toBe(true);
  });
  it("passes masks with pixels, and leaves unreadable or wrongly sized ones to bad_rle", () => {
    expect(checkEmptyMask([target("chair"), target("mug")])).toBe(false);
    expect(checkEmptyMask([])).toBe(false);
    expect(checkEmptyMask([target("chair", { size: [60, 40] })])).toBe(false);
    expect(checkEmptyMask([target("mug", { maskValid: false, area: 0 })])).toBe(false);
  });
});

describe("missing_image", () => {
  it("flags an image the probe cannot find", () => {
    expect(fileFlags("a.jpg", () => false)).toEqual(["missing_image"]);
  });
  it("is not looked for without a probe, or when the path is unsafe", () => {
    expect(fileFlags("a.jpg")).toEqual([]);
    expect(fileFlags("a.jpg", () => true)).toEqual([]);
    let probed = false;
    expect(
      fileFlags("../a.jpg", () => {
        probed = true;
        return false;
      }),
    ).toEqual(["unsafe_path"]);
    expect(probed).toBe(false);
  });
});

describe("pairFlags", () => {
  const base = {
    question: "What could I rest my feet on?",
    textAnswer: "The chair_1 {seg}.",
    rawAnswer: "The chair_1 [10, 10, 30, 30].",
    targets: [target("chair")],
    duplicate: false,
    height: 40,
    width: 60,
    fileFlags: [],
  };
  it("gives a clean pair no flag", () => {
    expect(pairFlags(base)).toEqual([]);
  });
  it("flags a pair without targets", () => {
    expect(pairFlags({ ...base, textAnswer: "Nothing.", rawAnswer: "Nothing.", targets: [] })).toEqual(["no_targets"]);
  });
  it("lists several flags in display order, file flags included", () => {
    expect(pairFlags({ ...base, question: "Which chair?", textAnswer: "The chair_1 {seg} {", duplicate: true, fileFlags: ["unsafe_path"] })).toEqual([
      "braces",
      "explicit",
      "duplicate",
      "unsafe_path",
    ]);
  });
});
