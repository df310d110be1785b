import { describe, expect, it } from "vitest";
import { loaderContractViolations } from "./loaderContract";

/*
 * Each thing the official loader trips on (LOADER.md), one at a time on an otherwise clean split:
 * the violation is reported, with the record and pair it is in, and a clean split has none.
 */

/** A 2×2 image with one pair whose one target is the full mask, compressed ("04" = [0, 4]). */
function record(over: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    image_id: 7,
    file_name: "a.jpg",
    height: 2,
    width: 2,
    annotations: [],
    questions: ["Where is the {seg} cup?"],
    answers: [[{ segmentation: { size: [2, 2], counts: "04" } }]],
    text_answers: ["The cup {seg}."],
    ...over,
  };
}

const check = (records: unknown, forms?: "compressed" | "as-read") =>
  loaderContractViolations(JSON.stringify(records), forms ? { forms } : {});

/** Violations of a split of one record whose pair 0 has these targets and this answer. */
const pair = (targets: unknown[], answer = "The cup {seg}.", forms?: "compressed" | "as-read") =>
  check([record({ answers: [targets], text_answers: [answer] })], forms);

const target = (segmentation: unknown) => ({ segmentation });

describe("the loader's contract", () => {
  it("passes a clean split, in both modes, and an empty one", () => {
    expect(check([record(), record({ image_id: 8 })])).toEqual([]);
    expect(check([record()], "as-read")).toEqual([]);
    expect(check([])).toEqual([]);
  });

  it("reports text that json.load refuses", () => {
    expect(loaderContractViolations("\ufeff[]")).toEqual(["the file starts with a byte order mark: json.load raises"]);
    const broken = loaderContractViolations("[{");
    expect(broken).toHaveLength(1);
    expect(broken[0]).toMatch(/^not JSON: ./);
    expect(loaderContractViolations("\ufeff[")[0]).toMatch(/byte order mark/);
    expect(loaderContractViolations("\ufeff[")[1]).toMatch(/^not JSON/);
    expect(loaderContractViolations('{"a": 1}')).toEqual(["the file is not a JSON array"]);
    expect(loaderContractViolations("\ufeff{}")).toEqual(["the file starts with a byte order mark: json.load raises", "the file is not a JSON array"]);
    // A byte order mark only counts at the start; one inside a string is text.
    expect(check([record({ text_answers: ["\ufeffThe cup {seg}."] })])).toEqual([]);
  });

  it("reports records that are no objects or lack the lists", () => {
    expect(check([record(), 3, null, []])).toEqual(["record 1: not an object", "record 2: not an object", "record 3: not an object"]);
    expect(check([record({ file_name: 5 })])).toEqual(["record 0 (image_id 7): file_name is not a string"]);
    expect(check([record({ annotations: {} })])).toEqual(["record 0 (image_id 7): annotations is not a list"]);
    for (const key of ["questions", "answers", "text_answers"]) {
      expect(check([record({ [key]: "x", file_name: 1 })]), key).toEqual([
        "record 0 (image_id 7): file_name is not a string",
        "record 0 (image_id 7): questions, answers and text_answers must be lists",
      ]);
    }
  });

  it("reports a record without questions and arrays of different lengths", () => {
    expect(check([record({ questions: [], answers: [], text_answers: [] })])).toEqual([
      "record 0 (image_id 7): no questions: np.stack([]) raises in training",
    ]);
    expect(check([record({ text_answers: ["The cup {seg}.", "x"] })])).toContain("record 0 (image_id 7): arrays of different lengths (1, 1, 2)");
    expect(check([record({ answers: [] })])).toContain("record 0 (image_id 7): arrays of different lengths (1, 0, 1)");
    expect(check([record({ raw_answers: ["a", "b"] })])).toEqual(["record 0 (image_id 7): arrays of different lengths (1, 1, 1, 2)"]);
    expect(check([record({ raw_answers: ["a"] })])).toEqual([]);
    expect(check([record({ raw_answers: "ab" })])).toEqual([]); // not a list: not compared
  });

  it("reports sides that are no numbers, and stops there", () => {
    expect(check([record({ height: "2" })])).toEqual(["record 0 (image_id 7): height and width must be numbers"]);
    expect(check([record({ width: null })])).toEqual(["record 0 (image_id 7): height and width must be numbers"]);
  });

  it("reports pairs the training code drops or fails on", () => {
    const at = "record 0 (image_id 7), pair 0";
    expect(check([record({ answers: [{}] })])).toEqual([`${at}: answers[0] is not a list`]);
    expect(check([record({ text_answers: [3] })])).toEqual([`${at}: text_answers[0] is not a string`]);
    expect(pair([], "")).toEqual([`${at}: empty text answer: training skips it and raises IndexError`, `${at}: no targets`]);
    expect(pair([target({ size: [2, 2], counts: "04" })], "The [SEG] {seg}.")).toEqual([
      `${at}: literal [SEG] in the text answer`,
      `${at}: the formatted answer has another number of [SEG] tokens than targets`,
    ]);
    expect(pair([target({ size: [2, 2], counts: "04" })], "No cup.")).toEqual([
      `${at}: 0 {seg} for 1 targets: training drops the pair`,
      `${at}: the formatted answer has another number of [SEG] tokens than targets`,
    ]);
    const raises = pair([target({ size: [2, 2], counts: "04" })], "The cup {seg} }");
    expect(raises).toHaveLength(1);
    expect(raises[0]).toMatch(/^record 0 \(image_id 7\), pair 0: text_answer\.format\(seg="\[SEG\]"\) raises: ./);
    for (const field of ["{seg!r}", "{seg!s}", "{seg:>4}", "{seg:}"]) {
      expect(pair([target({ size: [2, 2], counts: "04" })], `The cup {seg} ${field}`), field).toContain(`${at}: a replacement field other than a plain {seg}`);
    }
  });

  it("names the record, pair and target of a bad target", () => {
    const two = [target({ size: [2, 2], counts: "04" }), target({ size: [2, 2], counts: "13" })];
    expect(pair(two, "{seg} and {seg}")).toEqual([]);
    const split = [record(), record({ image_id: "x\ny", answers: [[two[0], 5]], text_answers: ["{seg} and {seg}"] })];
    expect(check(split)).toEqual(["record 1 (image_id x\ny), pair 0, target 1: not an object"]);
  });

  it("reports segmentations pycocotools cannot decode into the image's mask", () => {
    const at = "record 0 (image_id 7), pair 0, target 0";
    const one = (seg: unknown, forms?: "compressed" | "as-read") => pair([target(seg)], "The cup {seg}.", forms);
    expect(one([[0, 0, 1, 0, 1, 1]])).toEqual([`${at}: polygons: pycocotools' decode raises TypeError`]);
    expect(one([[0, 0, 1, 0, 1, 1]], "as-read")).toEqual([]);
    expect(one([[0, 0, 1, 0, 1]], "as-read")).toEqual([`${at}: polygons that cannot be drawn`]);
    expect(one([[0, 0, 1, 0, 1, "1"]], "as-read")).toEqual([`${at}: polygons that cannot be drawn`]);
    expect(one([[0, 0, 1, 0, 1, 1], 4], "as-read")).toEqual([`${at}: polygons that cannot be drawn`]);
    expect(one("04")).toEqual([`${at}: segmentation is no RLE with a size`]);
    expect(one({ counts: "04" })).toEqual([`${at}: segmentation is no RLE with a size`]);
    expect(one({ size: [2, 2, 1], counts: "04" })).toEqual([`${at}: segmentation is no RLE with a size`]);
    expect(one({ size: ["2", 2], counts: "04" })[0]).toBe(`${at}: size is not two numbers`);
    expect(one({ size: [2, "2"], counts: "04" })[0]).toBe(`${at}: size is not two numbers`);
    expect(one({ size: [2, 3], counts: "06" })[0]).toBe(`${at}: size 2x3 is not the image's 2x2`);
    expect(one({ size: [3, 2], counts: "06" })[0]).toBe(`${at}: size 3x2 is not the image's 2x2`);
    expect(one({ size: [2, 2], counts: "03" })).toEqual([`${at}: compressed counts do not add up to h*w (3)`]);
    expect(one({ size: [2, 2], counts: "05" })).toEqual([`${at}: compressed counts do not add up to h*w (counts_sum)`]);
    expect(one({ size: [2, 2], counts: "0 " })).toEqual([`${at}: compressed counts do not add up to h*w (bad_string)`]);
    // Adds up, then a character pycocotools cannot read.
    expect(one({ size: [2, 2], counts: "04 " })).toEqual([`${at}: compressed counts do not add up to h*w (bad_string)`]);
    expect(one({ size: [2, 2], counts: 4 })).toEqual([`${at}: counts is neither a string nor a list`]);
    expect(one({ size: [2, 2], counts: [0, 4] })).toEqual([`${at}: uncompressed counts: pycocotools' decode raises TypeError`]);
    expect(one({ size: [2, 2], counts: [1, 3] }, "as-read")).toEqual([]);
    expect(one({ size: [2, 2], counts: [1, 2] }, "as-read")).toEqual([`${at}: uncompressed counts do not add up to h*w`]);
    expect(one({ size: [2, 2], counts: [1, "3"] }, "as-read")).toEqual([`${at}: uncompressed counts do not add up to h*w`]);
  });

  it("reports masks of different sizes in one record, which np.stack cannot stack", () => {
    // Two images' worth of pairs: one target 2×2, one 1×4 (both the image's area, the second of the wrong size).
    const split = [
      record({
        questions: ["q0", "q1"],
        answers: [[target({ size: [2, 2], counts: "04" })], [target({ size: [1, 4], counts: "04" })]],
        text_answers: ["{seg}", "{seg}"],
      }),
    ];
    expect(check(split)).toEqual([
      "record 0 (image_id 7), pair 1, target 0: size 1x4 is not the image's 2x2",
      "record 0 (image_id 7): masks of different sizes (2x2, 1x4): np.stack raises in validation",
    ]);
    // A target without a readable size counts as the image's.
    const same = [record({ questions: ["q0", "q1"], answers: [[target({ size: [2, 2], counts: "04" })], [5]], text_answers: ["{seg}", "{seg}"] })];
    expect(check(same)).toEqual(["record 0 (image_id 7), pair 1, target 0: not an object"]);
  });
});
