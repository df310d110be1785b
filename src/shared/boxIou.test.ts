import { describe, expect, it } from "vitest";
import { boxIou } from "./checks";

/* Degenerate boxes in box_mismatch (issue 13's survivors): a zero-height box. */

describe("boxIou with degenerate boxes", () => {
  it("matches a zero-height box only to the very same box", () => {
    expect(boxIou([0, 5, 10, 5], [0, 5, 10, 5])).toBe(1);
    expect(boxIou([0, 5, 10, 5], [0, 5, 10, 6])).toBe(0); // 0 shared of 10
    expect(boxIou([0, 5, 10, 5], [0, 4, 10, 5])).toBe(0);
    expect(boxIou([0, 5, 10, 5], [1, 5, 10, 5])).toBe(0); // another degenerate box: union 0, not equal
  });

  it("gives a box drawn backwards (x2 < x1) no area", () => {
    expect(boxIou([10, 0, 0, 10], [0, 0, 10, 10])).toBe(0);
    expect(boxIou([0, 0, 10, 10], [0, 10, 10, 0])).toBe(0);
  });

  it("is symmetric and exact for ordinary boxes", () => {
    // [0,0,4,4] and [2,2,6,6]: 4 shared of 16 + 16 - 4 = 28.
    expect(boxIou([0, 0, 4, 4], [2, 2, 6, 6])).toBe(4 / 28);
    expect(boxIou([2, 2, 6, 6], [0, 0, 4, 4])).toBe(4 / 28);
    // Touching edges share nothing.
    expect(boxIou([0, 0, 4, 4], [4, 0, 8, 4])).toBe(0);
  });
});
