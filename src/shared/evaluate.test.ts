import { describe, expect, it } from "vitest";
import { Evaluation, formatEvalTable, maskSizeProblem, pairTruth, scoreTruth, type EvalReport } from "./evaluate";
import type { Annotation } from "./mmr";
import type { PredictedMask } from "./predictions";

/*
 * Scoring a split against predictions (evaluate.ts), on a 2×2 image whose masks are written out as
 * COCO RLE counts (column-major, zeros first). Every expected value is computed by hand here:
 *   T1 "chair"     [0, 2, 2]: pixels 0, 1      P1 [0, 1, 3]: pixel 0 only
 *   T2 "chair:leg" [2, 2]:    pixels 2, 3      P2 [2, 2]:    pixels 2, 3
 *   T1·P1: I 1, U 2, IoU 1 / (2 + 1e-5);  T2·P2: I 2, U 2, IoU 2 / (2 + 1e-5).
 */

const H = 2;
const W = 2;

function ann(category: string, segmentation: Annotation["segmentation"]): Annotation {
  return { bbox: [0, 0, 1, 1], segmentation, image_id: 1, category_name: category, category_id: 1 };
}

const T1 = ann("chair", { size: [H, W], counts: [0, 2, 2] });
const T2 = ann("chair:leg", { size: [H, W], counts: [2, 2] });
const mask = (counts: number[], height = H, width = W): PredictedMask => ({ height, width, counts: Uint32Array.from(counts), rle: null });
const P1 = mask([0, 1, 3]);
const P2 = mask([2, 2]);

describe("pairTruth", () => {
  it("classifies the pair by its targets' categories and keeps each target's counts", () => {
    expect(pairTruth([T1], H, W)).toEqual({ granularity: "object", targets: [Uint32Array.from([0, 2, 2])] });
    expect(pairTruth([T2], H, W).granularity).toBe("part");
    expect(pairTruth([T1, T2], H, W).granularity).toBe("mixed");
    expect(pairTruth([], H, W)).toEqual({ granularity: "object", targets: [] });
  });

  it("reads a polygon at the image's size", () => {
    const square = ann("chair", [[0, 0, 2, 0, 2, 2, 0, 2]]);
    const counts = pairTruth([square], H, W).targets[0];
    expect(counts).not.toBeNull();
    expect([...counts!].reduce((a, b) => a + b, 0)).toBe(4);
  });

  it("has no counts for a target it cannot read at the image's size", () => {
    // Another height, another width (counts adding up to the image's 4 pixels all the same).
    expect(pairTruth([ann("chair", { size: [3, 2], counts: [0, 4] })], H, W).targets).toEqual([null]);
    expect(pairTruth([ann("chair", { size: [2, 3], counts: [0, 4] })], H, W).targets).toEqual([null]);
    // Counts that do not cover the image, and a compressed string that does not decode.
    expect(pairTruth([ann("chair", { size: [H, W], counts: [0, 3] })], H, W).targets).toEqual([null]);
    expect(pairTruth([ann("chair", { size: [H, W], counts: [0, 5] })], H, W).targets).toEqual([null]);
    expect(pairTruth([ann("chair", { size: [H, W], counts: "\u0000\u0001" })], H, W).targets).toEqual([null]);
    expect(pairTruth([T1, ann("chair", { size: [H, W], counts: [1] })], H, W).targets).toEqual([Uint32Array.from([0, 2, 2]), null]);
  });
});

describe("maskSizeProblem", () => {
  it("names the first predicted mask of another size, height or width", () => {
    expect(maskSizeProblem([P1, P2], H, W)).toBeNull();
    expect(maskSizeProblem([], H, W)).toBeNull();
    expect(maskSizeProblem([P1, mask([0, 6], 3, 2)], H, W)).toBe("masks[1] is 3x2, but the image is 2x2 (size is [height, width])");
    expect(maskSizeProblem([mask([0, 6], 2, 3), mask([0, 6], 3, 2)], H, W)).toBe("masks[0] is 2x3, but the image is 2x2 (size is [height, width])");
  });
});

describe("scoreTruth", () => {
  it("scores every target against the mask at its position", () => {
    const score = scoreTruth(pairTruth([T1, T2], H, W), [P1, P2])!;
    expect(score.targets.map((t) => [t.inter, t.union])).toEqual([
      [1, 2],
      [2, 2],
    ]);
    expect(score.iouSum).toBeCloseTo(1 / (2 + 1e-5) + 2 / (2 + 1e-5), 12);
  });

  it("is null when any target is unreadable, even with the others fine", () => {
    expect(scoreTruth({ granularity: "object", targets: [Uint32Array.from([0, 2, 2]), null] }, [P1, P2])).toBeNull();
    expect(scoreTruth({ granularity: "object", targets: [null] }, [P1])).toBeNull();
  });
});

/** p1 mixed (both masks), p2 object with no prediction, p3 part with a mask too many, p4 no targets, p5 unreadable. */
function sampleReport(): { report: EvalReport; ious: (number | null)[] } {
  const e = new Evaluation();
  const ious = [
    e.add("p1", pairTruth([T1, T2], H, W), [P1, P2]),
    e.add("p2", pairTruth([T1], H, W), null),
    e.add("p3", pairTruth([T2], H, W), [P2, P1]),
    e.add("p4", pairTruth([], H, W), []),
    e.add("p5", pairTruth([ann("chair", { size: [H, W], counts: [0, 3] })], H, W), [P1]),
  ];
  return { report: e.report(), ious };
}

describe("Evaluation", () => {
  it("returns each pair's IoU: the mean over its targets, null without targets or when unreadable", () => {
    const { ious } = sampleReport();
    expect(ious[0]).toBeCloseTo((1 / (2 + 1e-5) + 2 / (2 + 1e-5)) / 2, 12);
    expect(ious[1]).toBe(0);
    expect(ious[2]).toBeCloseTo(2 / (2 + 1e-5), 12);
    expect(ious[3]).toBeNull();
    expect(ious[4]).toBeNull();
  });

  it("reports what was odd: missing predictions, unreadable truth, mask counts, pairs without targets", () => {
    const { report } = sampleReport();
    expect(report).toMatchObject({
      pairs: 4,
      missing: 1,
      unscorable: ["p5"],
      unscorableTotal: 1,
      countMismatch: [{ id: "p3", targets: 1, masks: 2 }],
      countMismatchTotal: 1,
      noTargets: 1,
    });
    expect(report.subsets.all).toMatchObject({ pairs: 4, targets: 4 });
    expect(report.subsets.all.gIoU).toBeCloseTo((1 / (2 + 1e-5) + 2 / (2 + 1e-5) + 2 / (2 + 1e-5)) / 4, 12);
    expect(report.subsets.all.cIoU).toBeCloseTo(5 / 6, 9);
  });

  it("lists the first 100 ids of unreadable and mismatched pairs and counts them all", () => {
    const e = new Evaluation();
    for (let i = 0; i < 101; i++) e.add(`bad${i}`, { granularity: "object", targets: [null] }, [P1]);
    for (let i = 0; i < 101; i++) e.add(`two${i}`, pairTruth([T1], H, W), [P1, P2]);
    const report = e.report();
    expect(report.unscorable).toHaveLength(100);
    expect(report.unscorable.at(-1)).toBe("bad99");
    expect(report.unscorableTotal).toBe(101);
    expect(report.countMismatch).toHaveLength(100);
    expect(report.countMismatch.at(-1)).toEqual({ id: "two99", targets: 1, masks: 2 });
    expect(report.countMismatchTotal).toBe(101);
    expect(report.pairs).toBe(101);
  });
});

describe("formatEvalTable", () => {
  it("prints the paper's table in percent and one line per oddity", () => {
    const { report } = sampleReport();
    expect(formatEvalTable([{ title: "", report }])).toBe(
      [
        "subset      gIoU    cIoU    pairs  targets",
        "object       0.0     0.0        2        1",
        "part       100.0   100.0        1        1",
        "both        75.0    75.0        1        2",
        "all         62.5    83.3        4        4",
        "1 pair(s) with another number of masks than targets, counted as validate() does (a target without a mask scores 0 in gIoU " +
          "and adds nothing to cIoU; extra masks are ignored): p3 (2 masks, 1 targets)",
        "1 pair(s) without a prediction, scored as no masks",
        "1 pair(s) left out: a ground-truth mask cannot be read at the image's size (p5)",
        "1 pair(s) without targets add nothing",
        "",
      ].join("\n"),
    );
  });

  it("puts titled columns side by side, prefixes each column's notes, shows - for an empty subset and at most five mismatches", () => {
    const one = new Evaluation();
    one.add("a", pairTruth([T1], H, W), [P1]);
    const many = new Evaluation();
    for (let i = 0; i < 6; i++) many.add(`m${i}`, pairTruth([T1], H, W), [P1, P2]);
    const text = formatEvalTable([
      { title: "raw", report: one.report() },
      { title: "cleaned", report: many.report() },
    ]);
    const lines = text.split("\n");
    expect(lines[0]).toBe(`subset  ${" ".repeat(31)}raw${" ".repeat(27)}cleaned`);
    expect(lines[1]).toBe(`        ${"    gIoU    cIoU    pairs  targets".repeat(2)}`);
    // a: T1·P1 = 1 / (2 + 1e-5) → 50.0; cIoU 1/2. m*: the same, six times.
    expect(lines[2]).toBe("object      50.0    50.0        1        1    50.0    50.0        6        6");
    expect(lines[3]).toBe("part           -       -        0        0       -       -        0        0");
    expect(lines[4]).toBe("both           -       -        0        0       -       -        0        0");
    expect(lines[6]).toBe(
      "cleaned: 6 pair(s) with another number of masks than targets, counted as validate() does (a target without a mask scores 0 " +
        "in gIoU and adds nothing to cIoU; extra masks are ignored): m0 (2 masks, 1 targets), m1 (2 masks, 1 targets), " +
        "m2 (2 masks, 1 targets), m3 (2 masks, 1 targets), m4 (2 masks, 1 targets), …",
    );
    expect(lines).toHaveLength(8);
    expect(lines[7]).toBe("");
  });
});
