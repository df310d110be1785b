import { describe, expect, it } from "vitest";
import { intersectionAndUnion, MetricAccumulator, pairIou, scorePair } from "./metric";
import type { Granularity } from "./domain";

/*
 * The reference here is written from LOADER.md's formulas on plain pixel arrays: masks are built
 * as column-major Uint8Arrays, turned into COCO counts by the tiny encoder below (not the product
 * codec), and scored pixel by pixel.
 */

function toCounts(mask: Uint8Array): number[] {
  const counts: number[] = [];
  let value = 0;
  let run = 0;
  for (const px of mask) {
    const v = px > 0 ? 1 : 0;
    if (v !== value) {
      counts.push(run);
      run = 0;
      value = v;
    }
    run++;
  }
  counts.push(run);
  return counts;
}

interface RefPair {
  granularity: Granularity;
  truth: Uint8Array[];
  predicted: Uint8Array[];
}

/** validate() over pixel arrays: zip, I/(U+1e-5) with U=0 → 1, sums over targets. */
function reference(pairs: RefPair[], subset: Granularity | "all"): { gIoU: number; cIoU: number } {
  let acc = 0;
  let count = 0;
  let inter = 0;
  let union = 0;
  for (const pair of pairs) {
    if (subset !== "all" && pair.granularity !== subset) continue;
    count += pair.truth.length;
    const n = Math.min(pair.truth.length, pair.predicted.length);
    for (let k = 0; k < n; k++) {
      const t = pair.truth[k]!;
      const p = pair.predicted[k]!;
      let i = 0;
      let u = 0;
      for (let px = 0; px < t.length; px++) {
        const a = t[px]! > 0;
        const b = p[px]! > 0;
        if (a && b) i++;
        if (a || b) u++;
      }
      inter += i;
      union += u;
      acc += i / (u + 1e-5) + (u === 0 ? 1 : 0);
    }
  }
  return { gIoU: acc / count, cIoU: inter / (union + 1e-10) };
}

function score(pairs: RefPair[]): ReturnType<MetricAccumulator["result"]> {
  const acc = new MetricAccumulator();
  for (const pair of pairs) acc.add(pair.granularity, scorePair(pair.truth.map(toCounts), pair.predicted.map(toCounts)));
  return acc.result();
}

/** A column-major h×w mask with the given (x, y) pixels set. */
function maskOf(h: number, w: number, pixels: [number, number][]): Uint8Array {
  const m = new Uint8Array(h * w);
  for (const [x, y] of pixels) m[x * h + y] = 1;
  return m;
}

describe("intersectionAndUnion on counts", () => {
  it("counts a partial overlap by hand", () => {
    // 3×3: truth is the left column (3 px), prediction the top row (3 px); they share (0,0).
    const truth = maskOf(3, 3, [[0, 0], [0, 1], [0, 2]]);
    const pred = maskOf(3, 3, [[0, 0], [1, 0], [2, 0]]);
    expect(intersectionAndUnion(toCounts(truth), toCounts(pred))).toEqual({ inter: 1, union: 5 });
  });

  it("handles zero-length runs and a mask that is all ones", () => {
    expect(intersectionAndUnion([0, 4], [1, 2, 1])).toEqual({ inter: 2, union: 4 });
    expect(intersectionAndUnion([4], [4])).toEqual({ inter: 0, union: 0 });
  });
});

describe("gIoU and cIoU as validate() computes them", () => {
  it("scores an empty prediction of an empty mask as perfect for gIoU and 0 for cIoU", () => {
    const empty = new Uint8Array(6);
    const result = score([{ granularity: "object", truth: [empty], predicted: [empty] }]);
    expect(result.object.gIoU).toBe(1);
    expect(result.object.cIoU).toBe(0);
  });

  it("scores a partial overlap: I=1, U=5 gives 1/(5+1e-5)", () => {
    const truth = maskOf(3, 3, [[0, 0], [0, 1], [0, 2]]);
    const pred = maskOf(3, 3, [[0, 0], [1, 0], [2, 0]]);
    const result = score([{ granularity: "part", truth: [truth], predicted: [pred] }]);
    expect(result.part.gIoU).toBeCloseTo(1 / (5 + 1e-5), 12);
    expect(result.part.cIoU).toBeCloseTo(1 / (5 + 1e-10), 12);
    expect(result.object.pairs).toBe(0);
    expect(result.all.pairs).toBe(1);
  });

  it("scores all-wrong predictions 0", () => {
    const truth = maskOf(2, 2, [[0, 0]]);
    const pred = maskOf(2, 2, [[1, 1]]);
    const result = score([{ granularity: "mixed", truth: [truth, truth], predicted: [pred, pred] }]);
    expect(result.mixed.gIoU).toBe(0);
    expect(result.mixed.cIoU).toBe(0);
  });

  it("counts a missing prediction as 0 for gIoU and nothing for cIoU, ignores extra ones, and reports both", () => {
    const a = maskOf(2, 2, [[0, 0], [0, 1]]);
    const b = maskOf(2, 2, [[1, 0]]);
    const result = score([
      { granularity: "object", truth: [a, b], predicted: [a] }, // b has no prediction
      { granularity: "object", truth: [b], predicted: [b, a] }, // a is extra
    ]);
    // gIoU: (2/(2+1e-5) + 0 + 1/(1+1e-5)) / 3 targets; cIoU: (2 + 1) / (2 + 1)
    expect(result.object.gIoU).toBeCloseTo((2 / (2 + 1e-5) + 1 / (1 + 1e-5)) / 3, 12);
    expect(result.object.cIoU).toBeCloseTo(3 / (3 + 1e-10), 12);
    expect(result.object.countMismatch).toBe(2);
    expect(result.object.targets).toBe(3);
  });

  it("gives the pair's own IoU as its mean over targets", () => {
    const a = maskOf(2, 2, [[0, 0], [0, 1]]);
    const empty = new Uint8Array(4);
    expect(pairIou(scorePair([toCounts(a), toCounts(a)], [toCounts(a), toCounts(empty)]))).toBeCloseTo((2 / (2 + 1e-5)) / 2, 12);
    expect(pairIou(scorePair([], []))).toBeNull();
  });

  it("equals the pixel reference to 1e-9 on generated predictions", () => {
    let state = 12345;
    const random = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const blob = (h: number, w: number): Uint8Array => {
      const m = new Uint8Array(h * w);
      const cx = random() * w;
      const cy = random() * h;
      const r = random() * Math.min(h, w) * 0.6;
      const mode = random();
      for (let x = 0; x < w; x++) {
        for (let y = 0; y < h; y++) {
          const inside = (x - cx) ** 2 + (y - cy) ** 2 < r * r;
          // Some masks are noisy (many short runs), some empty, some full.
          m[x * h + y] = mode < 0.1 ? 0 : mode > 0.95 ? 1 : inside !== random() < 0.05 ? 1 : 0;
        }
      }
      return m;
    };
    const granularities: Granularity[] = ["object", "part", "mixed"];
    const pairs: RefPair[] = [];
    for (let n = 0; n < 120; n++) {
      const h = 5 + Math.floor(random() * 30);
      const w = 5 + Math.floor(random() * 30);
      const targets = 1 + Math.floor(random() * 4);
      const truth = Array.from({ length: targets }, () => blob(h, w));
      const roll = random();
      const predictedCount = roll < 0.1 ? targets - 1 : roll > 0.9 ? targets + 1 : targets;
      const predicted = Array.from({ length: predictedCount }, (_, k) =>
        random() < 0.5 && truth[k] ? truth[k].map((v) => (random() < 0.1 ? 1 - v : v)) : blob(h, w),
      );
      pairs.push({ granularity: granularities[n % 3]!, truth, predicted });
    }
    const result = score(pairs);
    for (const subset of ["object", "part", "mixed", "all"] as const) {
      const ref = reference(pairs, subset);
      expect(Math.abs(result[subset].gIoU - ref.gIoU)).toBeLessThan(1e-9);
      expect(Math.abs(result[subset].cIoU - ref.cIoU)).toBeLessThan(1e-9);
    }
    expect(result.all.pairs).toBe(120);
  });
});

describe("intersectionAndUnion on any count lists", () => {
  /** The pixels of a count list (runs of 0s and 1s, starting with 0s), written out one by one. */
  function pixels(counts: readonly number[]): number[] {
    const out: number[] = [];
    counts.forEach((run, k) => {
      for (let n = 0; n < run; n++) out.push(k % 2);
    });
    return out;
  }
  /** Pixel by pixel; a list that ends first reads as 0s beyond its end. */
  function byPixels(a: readonly number[], b: readonly number[]): { inter: number; union: number } {
    const pa = pixels(a);
    const pb = pixels(b);
    let inter = 0;
    let union = 0;
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
      const x = pa[i] ?? 0;
      const y = pb[i] ?? 0;
      if (x && y) inter++;
      if (x || y) union++;
    }
    return { inter, union };
  }

  it("counts by hand: lists of other lengths, empty lists, zero runs", () => {
    // a = 0 1 1, b = 1 1 1 1 0 1: I = 2, U = 5 (b's 1s beyond a's end count in the union).
    expect(intersectionAndUnion([1, 2], [0, 4, 1, 1])).toEqual({ inter: 2, union: 5 });
    expect(intersectionAndUnion([0, 4, 1, 1], [1, 2])).toEqual({ inter: 2, union: 5 });
    // a = 1 1 0 0 1, b = 1: I = 1, U = 3.
    expect(intersectionAndUnion([0, 2, 2, 1], [0, 1])).toEqual({ inter: 1, union: 3 });
    expect(intersectionAndUnion([0, 1], [0, 2, 2, 1])).toEqual({ inter: 1, union: 3 });
    expect(intersectionAndUnion([], [0, 3, 1, 2])).toEqual({ inter: 0, union: 5 });
    expect(intersectionAndUnion([2, 3], [])).toEqual({ inter: 0, union: 3 });
    expect(intersectionAndUnion([], [])).toEqual({ inter: 0, union: 0 });
    // Zero-length runs inside and at the end: a = 1 1 1, b = 0 1 1 1.
    expect(intersectionAndUnion([0, 1, 0, 2, 0], [1, 0, 0, 3, 0, 0])).toEqual({ inter: 2, union: 4 });
    expect(intersectionAndUnion([1, 0, 0, 3, 0, 0], [0, 1, 0, 2, 0])).toEqual({ inter: 2, union: 4 });
  });

  it("equals the pixel count on generated lists of any lengths", () => {
    let state = 99;
    const random = (n: number): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return Math.floor((state / 4294967296) * n);
    };
    const list = (): number[] => Array.from({ length: random(9) }, () => (random(4) === 0 ? 0 : random(6)));
    for (let n = 0; n < 400; n++) {
      const a = list();
      const b = list();
      expect(intersectionAndUnion(a, b), `${JSON.stringify(a)} ${JSON.stringify(b)}`).toEqual(byPixels(a, b));
    }
  });
});

describe("the accumulated table", () => {
  it("reports 0 for a subset without targets and counts pairs, targets and mismatches per subset", () => {
    const acc = new MetricAccumulator();
    acc.add("object", { iouSum: 1.5, inter: 3, union: 4, targetCount: 2, predictionCount: 2 });
    acc.add("part", { iouSum: 0, inter: 0, union: 0, targetCount: 0, predictionCount: 1 });
    const r = acc.result();
    expect(r.object).toEqual({ gIoU: 0.75, cIoU: 3 / (4 + 1e-10), pairs: 1, targets: 2, countMismatch: 0 });
    expect(r.part).toEqual({ gIoU: 0, cIoU: 0, pairs: 1, targets: 0, countMismatch: 1 });
    expect(r.mixed).toEqual({ gIoU: 0, cIoU: 0, pairs: 0, targets: 0, countMismatch: 0 });
    expect(r.all).toEqual({ gIoU: 0.75, cIoU: 3 / (4 + 1e-10), pairs: 2, targets: 2, countMismatch: 1 });
  });

  it("scores each target of a pair and the pair's sums", () => {
    // Target 0: 0 1 1 vs 0 1 0 → I 1, U 2; target 1: empty vs empty → U 0, IoU 1; target 2: no prediction.
    const s = scorePair([[1, 2], [3], [0, 3]], [[1, 1, 1], [3]]);
    expect(s.targets).toEqual([
      { inter: 1, union: 2, iou: 1 / (2 + 1e-5) },
      { inter: 0, union: 0, iou: 1 },
      { inter: 0, union: 0, iou: null },
    ]);
    expect(s).toMatchObject({ targetCount: 3, predictionCount: 2, iouSum: 1 / (2 + 1e-5) + 1, inter: 1, union: 2 });
    expect(pairIou(s)).toBeCloseTo((1 / (2 + 1e-5) + 1) / 3, 12);
  });
});
