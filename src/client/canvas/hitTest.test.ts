import { describe, expect, it } from "vitest";
import { hitTest, maskContains, type HitCandidate } from "./hitTest";

/** A filled rectangle mask. */
function rect(index: number, x: number, y: number, w: number, h: number): HitCandidate {
  return { index, area: w * h, box: [x, y, w, h], bits: new Uint8Array(w * h).fill(1) };
}

describe("hitTest", () => {
  const object = rect(0, 0, 0, 100, 100);
  const part = rect(1, 40, 40, 10, 10);
  const other = rect(2, 30, 30, 30, 30);

  it("returns the smallest mask under the pointer", () => {
    expect(hitTest(45, 45, [object, other, part])).toBe(1);
    expect(hitTest(45, 45, [part, other, object])).toBe(1);
    expect(hitTest(35, 35, [object, part, other])).toBe(2);
    expect(hitTest(5, 5, [object, part, other])).toBe(0);
  });

  it("returns null outside every mask", () => {
    expect(hitTest(150, 5, [object, part])).toBeNull();
    expect(hitTest(-1, 5, [object])).toBeNull();
  });

  it("reads the mask's pixels, not just its box", () => {
    // A 3×2 box whose top-right pixel (12, 10) is empty: "##." over "###". The bits are
    // column-major (column 0, column 1, column 2, top to bottom).
    const l: HitCandidate = { index: 3, area: 5, box: [10, 10, 3, 2], bits: Uint8Array.from([1, 1, 1, 1, 0, 1]) };
    expect(maskContains(l, 10.5, 10.5)).toBe(true);
    expect(maskContains(l, 12.5, 10.5)).toBe(false);
    expect(maskContains(l, 11.5, 11.5)).toBe(true);
    expect(maskContains(l, 12.5, 11.5)).toBe(true);
    expect(hitTest(12.5, 10.5, [l, object])).toBe(0);
  });

  it("treats a pixel as the unit square it covers", () => {
    expect(hitTest(49.99, 49.99, [part])).toBe(1);
    expect(hitTest(50, 50, [part])).toBeNull();
  });

  it("prefers the earlier candidate on equal areas and skips empty masks", () => {
    const a = rect(5, 0, 0, 10, 10);
    const b = rect(6, 0, 0, 10, 10);
    expect(hitTest(1, 1, [a, b])).toBe(5);
    expect(hitTest(1, 1, [{ index: 9, area: 0, box: [0, 0, 0, 0], bits: new Uint8Array(0) }])).toBeNull();
  });
});
