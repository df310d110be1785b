import { describe, expect, it } from "vitest";
import { parsePredictionLine, PredictionLineError } from "./predictions";

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

describe("prediction lines, in detail", () => {
  const line = (value: unknown) => JSON.stringify(value);
  const fails = (text: string, n: number): Error => {
    try {
      parsePredictionLine(text, n);
    } catch (error) {
      return error as Error;
    }
    throw new Error("no error");
  };

  it("keeps each mask's size, counts and compressed string, and every score", () => {
    const p = parsePredictionLine(
      line({ id: "MMR_val:7:1", image_id: 7, index: 1, masks: [{ size: [2, 3], counts: "0220" }, { size: [1, 2], counts: [0, 2] }, { size: [0, 0], counts: "" }], score: [0.25, 1] }),
      1,
    );
    expect(p).toEqual({
      split: "MMR_val",
      imageId: 7,
      index: 1,
      masks: [
        { height: 2, width: 3, counts: Uint32Array.from([0, 2, 2, 2]), rle: "0220" },
        { height: 1, width: 2, counts: Uint32Array.from([0, 2]), rle: null },
        { height: 0, width: 0, counts: new Uint32Array(0), rle: "" },
      ],
      scores: [0.25, 1],
    });
  });

  it("says which line, which field and what is wrong, in one line", () => {
    const json = fails("{", 7);
    expect(json).toBeInstanceOf(PredictionLineError);
    expect(json).toMatchObject({ name: "PredictionLineError", line: 7 });
    expect(json.message).toMatch(/^line 7: not JSON \(.+\)$/);
    expect(fails(line({ id: "s:1:0", masks: [{ size: [2, -1], counts: "x" }] }), 2).message).toBe("line 2: masks[0].size[1]: Too small: expected number to be >=0");
    expect(fails("5", 2).message).toBe("line 2: (line): Invalid input: expected object, received number");
    const needs = 'needs "id" ("<split>:<image_id>:<index>") or both "image_id" and "index"';
    expect(fails(line({ image_id: 3, masks: [] }), 3).message).toBe(`line 3: (line): ${needs}`);
    expect(fails(line({ index: 3, masks: [] }), 3).message).toBe(`line 3: (line): ${needs}`);
    expect(fails(line({ id: "nope", masks: [] }), 4).message).toBe('line 4: id "nope" is no pair id ("<split>:<image_id>:<index>")');
    expect(fails(line({ id: "s:1:0", index: 1, masks: [] }), 5).message).toBe('line 5: id "s:1:0" disagrees with its image_id/index fields');
    expect(fails(line({ id: "s:1:0", image_id: 2, index: 0, masks: [] }), 5).message).toBe('line 5: id "s:1:0" disagrees with its image_id/index fields');
  });

  it("accepts an id whose image_id and index agree with it", () => {
    expect(parsePredictionLine(line({ id: "s:1:0", image_id: 1, index: 0, masks: [] }), 1)).toMatchObject({ split: "s", imageId: 1, index: 0 });
    expect(parsePredictionLine(line({ id: "s:1:0", image_id: 1, masks: [] }), 1)).toMatchObject({ imageId: 1, index: 0 });
  });

  it("names the mask whose counts are wrong, and refuses counts that do not fit in 32 bits", () => {
    const ok = { size: [1, 2], counts: [1, 1] };
    expect(fails(line({ id: "s:1:0", masks: [ok, { size: [2, 2], counts: "03" }] }), 8).message).toBe("line 8: masks[1].counts add up to 3, but size 2x2 needs 4");
    // 2^32 + 1 would wrap to 1, which adds up to the size: refused all the same.
    expect(fails(line({ id: "s:1:0", masks: [ok, { size: [1, 1], counts: [2 ** 32 + 1] }] }), 9).message).toBe("line 9: masks[1].counts: a count is 2^32 or more");
    expect(fails(line({ id: "s:1:0", masks: [{ size: [1, 2], counts: [0, 2 ** 32] }] }), 9).message).toBe("line 9: masks[0].counts: a count is 2^32 or more");
    expect(parsePredictionLine(line({ id: "s:1:0", masks: [{ size: [65535, 65537], counts: [0, 2 ** 32 - 1] }] }), 1).masks[0]!.counts[1]).toBe(2 ** 32 - 1);
  });
});
