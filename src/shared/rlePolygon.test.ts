import { describe, expect, it } from "vitest";
import { polygonsToRle, polygonToRle, sortUint32 } from "./rlePolygon";
import { RleError, setRleLimits, withRleBudget } from "./rleLimits";
import { mulberry32 } from "./sampling";

/*
 * Polygons far outside the image (clipped to a margin before the walk), the limits, and the radix
 * sort of many crossings. Expected counts by hand: a 4-row × 5-column image, column-major runs.
 */

const F = 1e6;
const counts = (p: number[]) => Array.from(polygonToRle(p, 4, 5));

describe("polygons far outside the image", () => {
  it("cover what their part inside the image covers, from every side", () => {
    expect(counts([0, 0, 2, 0, 2, 4, 0, 4])).toEqual([0, 8, 12]); // columns 0–1
    expect(counts([-F, -F, 2, -F, 2, F, -F, F])).toEqual([0, 8, 12]); // columns 0–1, left far out
    expect(counts([3, -F, F, -F, F, F, 3, F])).toEqual([12, 8]); // columns 3–4, right far out
    expect(counts([-F, -F, F, -F, F, 2, -F, 2])).toEqual([0, 2, 2, 2, 2, 2, 2, 2, 2, 2, 2]); // rows 0–1
    expect(counts([-F, 2, F, 2, F, F, -F, F])).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 2, 2]); // rows 2–3
    expect(counts([-F, -F, F, -F, F, F, -F, F])).toEqual([0, 20]);
    // A sliver from far left to (2, 1)–(2, 3): rows 1–2 of columns 0–1.
    expect(counts([-F, 1, 2, 1, 2, 3])).toEqual([1, 2, 2, 2, 13]);
  });

  it("give an empty mask when nothing of them is near the image", () => {
    expect(counts([F, F, F + 5, F, F + 5, F + 5])).toEqual([20]);
    expect(counts([-F, -F, -F + 1, -F, -F, -F + 1])).toEqual([20]);
  });
});

describe("polygon limits", () => {
  it("refuse coordinates that are not finite and polygons of too many points", () => {
    expect(() => polygonToRle([0, 0, 1, Number.NaN, 1, 1], 4, 5)).toThrow(new RleError("polygon coordinate 3 (NaN) is not a finite number"));
    expect(() => polygonToRle([0, 0, 1, 0, Infinity, 1], 4, 5)).toThrow(RleError);
    const before = setRleLimits({ maxPointsPerPolygon: 3, maxPolygonsPerMask: 2 });
    try {
      expect(() => polygonToRle([0, 0, 2, 0, 2, 4], 4, 5)).not.toThrow(); // at the limit
      expect(() => polygonToRle([0, 0, 2, 0, 2, 4, 0, 4], 4, 5)).toThrow(new RleError("polygon of 4 points exceeds the limit of 3"));
      expect(() => polygonsToRle([[0, 0, 1, 0, 1, 1], [0, 0, 1, 0, 1, 1], [0, 0, 1, 0, 1, 1]], 4, 5)).toThrow(
        new RleError("segmentation of 3 polygons exceeds the limit of 2"),
      );
    } finally {
      setRleLimits(before);
    }
  });
});

describe("the outline's cost", () => {
  it("charges one step per grid point of each edge on the 5× grid", () => {
    // Square (0, 0)–(2, 4) → grid (0, 0), (10, 0), (10, 20), (0, 20): edges of 11 + 21 + 11 + 21 = 64 points.
    const square = [0, 0, 2, 0, 2, 4, 0, 4];
    expect(Array.from(withRleBudget(() => polygonToRle(square, 4, 5), 64))).toEqual([0, 8, 12]);
    expect(() => withRleBudget(() => polygonToRle(square, 4, 5), 63)).toThrow(/^polygon of 4 points needs 64 outline steps, more than the 63 left/);
  });

  it("takes as many polygons as the limit allows, and reads a first entry of 4 numbers as a box", () => {
    const before = setRleLimits({ maxPolygonsPerMask: 2 });
    try {
      expect(Array.from(polygonsToRle([[0, 0, 2, 4], [3, 0, 2, 4]], 4, 5))).toEqual([0, 8, 4, 8]); // columns 0–1 and 3–4
    } finally {
      setRleLimits(before);
    }
  });
});

describe("sorting crossings", () => {
  it("sorts short and long arrays of any 32-bit values ascending", () => {
    const random = mulberry32(3);
    for (const n of [0, 1, 5, 4095, 4096, 9000]) {
      const a = Uint32Array.from({ length: n }, () => Math.floor(random() * 2 ** 32));
      if (n > 2) a[1] = a[0]!; // a repeated value
      const want = Array.from(a).sort((x, y) => x - y);
      sortUint32(a);
      expect(Array.from(a), `n = ${n}`).toEqual(want);
    }
  });
});
