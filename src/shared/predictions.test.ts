import { describe, expect, it } from "vitest";
import { parsePredictionLine } from "./predictions";

describe("prediction lines", () => {
  it("reads an id or image_id + index, compressed or uncompressed masks, and scores", () => {
    const a = parsePredictionLine(JSON.stringify({ id: "MMR_val:42:3", masks: [{ size: [2, 3], counts: "0220" }], score: 0.5 }), 1);
    expect(a).toMatchObject({ split: "MMR_val", imageId: 42, index: 3, scores: [0.5] });
    expect(Array.from(a.masks[0]!.counts)).toEqual([0, 2, 2, 2]);
    const b = parsePredictionLine(JSON.stringify({ image_id: 42, index: 0, masks: [{ size: [2, 3], counts: [1, 5] }] }), 2);
    expect(b).toMatchObject({ split: null, imageId: 42, index: 0, scores: null });
  });

  it("names the line and the problem", () => {
    expect(() => parsePredictionLine("{", 7)).toThrow(/^line 7: not JSON/);
    expect(() => parsePredictionLine(JSON.stringify({ masks: [] }), 3)).toThrow(/^line 3: .*needs "id"/);
    expect(() => parsePredictionLine(JSON.stringify({ id: "nope", masks: [] }), 3)).toThrow(/line 3: id "nope" is no pair id/);
    expect(() => parsePredictionLine(JSON.stringify({ id: "s:1:0", masks: [{ size: [2, 3], counts: [1, 2] }] }), 4)).toThrow(
      /line 4: masks\[0\]\.counts add up to 3, but size 2x3 needs 6/,
    );
    expect(() => parsePredictionLine(JSON.stringify({ id: "s:1:0", masks: [{ size: [2, 3] }] }), 5)).toThrow(/line 5: masks\[0\]\.counts/);
    expect(() => parsePredictionLine(JSON.stringify({ id: "s:1:0", image_id: 2, masks: [] }), 6)).toThrow(/disagrees/);
  });
});
