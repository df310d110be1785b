import { describe, expect, it } from "vitest";
import { maskFacts } from "./masks";
import { rleToString } from "./rle";

/* Mask facts of each segmentation form (SPEC section 2), computed by hand on 2×2 and 3×1 masks. */

describe("maskFacts", () => {
  it("keeps a compressed string as read and measures it from its runs", () => {
    const counts = rleToString([1, 2, 1]);
    const facts = maskFacts({ size: [2, 2], counts }, 2, 2);
    expect(facts.rleString).toBe(counts);
    // Column-major runs: pixel 0 off, pixels 1–2 on ((x 0, y 1) and (x 1, y 0)), pixel 3 off.
    expect(facts).toMatchObject({ size: [2, 2], area: 2, maskBox: [0, 0, 2, 2], valid: true });
    expect(Array.from(facts.counts!)).toEqual([1, 2, 1]);
  });

  it("encodes uncompressed counts and polygons once, at the mask's stated size or the image's", () => {
    const raw = maskFacts({ size: [3, 1], counts: [0, 1, 2] }, 2, 2);
    expect(raw).toMatchObject({ size: [3, 1], rleString: rleToString([0, 1, 2]), area: 1, maskBox: [0, 0, 1, 1], valid: true });
    const polygon = maskFacts([[0, 0, 2, 0, 2, 2, 0, 2]], 2, 2);
    expect(polygon).toMatchObject({ size: [2, 2], valid: true });
    expect(polygon.rleString).toBe(rleToString(Array.from(polygon.counts!)));
    expect(polygon.area).toBeGreaterThan(0);
  });

  it("reads counts that do not cover the mask, or a broken string, as one invalid run of background", () => {
    for (const segmentation of [
      { size: [2, 2] as [number, number], counts: [1, 2] },
      { size: [2, 2] as [number, number], counts: [1, 2, 3] },
      { size: [2, 2] as [number, number], counts: "!!" },
    ]) {
      expect(maskFacts(segmentation, 2, 2), JSON.stringify(segmentation)).toEqual({
        counts: null,
        size: [2, 2],
        rleString: rleToString([4]),
        area: 0,
        maskBox: [0, 0, 0, 0],
        valid: false,
      });
    }
  });
});
