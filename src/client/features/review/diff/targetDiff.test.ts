import { describe, expect, it } from "vitest";
import { targetDiff } from "./targetDiff";

describe("targetDiff", () => {
  it("reads a swap of two targets as one move, not as text edits", () => {
    expect(targetDiff([4, 7], [7, 4])).toEqual([{ kind: "moved", index: 4, from: 0, to: 1 }]);
  });
  it("does not call the others moved when the first target is removed", () => {
    expect(targetDiff([1, 2, 3], [2, 3])).toEqual([{ kind: "removed", index: 1, from: 0 }]);
  });
  it("lists additions at their new slot and removals", () => {
    expect(targetDiff([1, 2], [1, 9, 2])).toEqual([{ kind: "added", index: 9, to: 1 }]);
    expect(targetDiff([1, 2], [5])).toEqual([
      { kind: "added", index: 5, to: 0 },
      { kind: "removed", index: 1, from: 0 },
      { kind: "removed", index: 2, from: 1 },
    ]);
  });
  it("finds nothing in an unchanged list", () => {
    expect(targetDiff([3, 1], [3, 1])).toEqual([]);
  });
});
