import { describe, expect, it } from "vitest";
import type { AnnotationView } from "../../shared/api";
import { rleDecode, rleFromString } from "../../shared/rle";
import vectorsJson from "../../../../shared/fixtures/rle-vectors.json";
import { buildMask, getMask, imageScope, peekMask } from "./maskCache";

interface Vector {
  size: [number, number];
  bbox: [number, number, number, number];
  counts: string;
  area: number;
}
const vectors = vectorsJson as unknown as Vector[];

function annotation(index: number, v: Vector, maskBox: number[] = [0, 0, 1, 1]): AnnotationView {
  return {
    index,
    annId: null,
    categoryId: 1,
    categoryName: "chair",
    kind: "object",
    instanceName: "chair_1",
    parent: null,
    bbox: [0, 0, 1, 1],
    area: v.area,
    maskBox,
    rle: { size: v.size, counts: v.counts },
  };
}

describe("buildMask", () => {
  it("crops to the pixels' box and keeps every pixel", () => {
    // 6 wide × 5 tall, column-major (pixel (x, y) at x * 5 + y).
    const full = new Uint8Array(6 * 5);
    full[2 * 5 + 1] = 1;
    full[4 * 5 + 3] = 1;
    full[3 * 5 + 2] = 1;
    const m = buildMask(full, 6, 5);
    expect(m.box).toEqual([2, 1, 3, 3]);
    expect(m.area).toBe(3);
    expect(Array.from(m.bits)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(m.outline.length).toBe(3);
  });

  it("keeps the crop column-major: a box wider than tall", () => {
    // 4 wide × 3 tall: pixels (1, 0), (2, 0), (3, 0) and (3, 1); the box is [1, 0, 3, 2].
    const full = new Uint8Array(4 * 3);
    for (const [x, y] of [[1, 0], [2, 0], [3, 0], [3, 1]]) full[x! * 3 + y!] = 1;
    const m = buildMask(full, 4, 3);
    expect(m.box).toEqual([1, 0, 3, 2]);
    expect(m.area).toBe(4);
    expect(Array.from(m.bits)).toEqual([1, 0, 1, 0, 1, 1]);
    // One loop around "###" over "..#", in image coordinates, from the corner below the first
    // pixel (where the row-by-row scan meets the mask first): up, right, down, left, up, left.
    expect(m.outline.map((l) => Array.from(l))).toEqual([[1, 1, 1, 0, 4, 0, 4, 2, 3, 2, 3, 1]]);
  });

  it("represents an empty mask with a zero box", () => {
    const m = buildMask(new Uint8Array(12), 4, 3);
    expect(m.box).toEqual([0, 0, 0, 0]);
    expect(m.area).toBe(0);
    expect(m.outline).toEqual([]);
  });
});

describe("mask cache", () => {
  it("matches the reference area on every fixture and round-trips the pixels", () => {
    vectors.forEach((v, i) => {
      const ann = annotation(i, v);
      const m = getMask(imageScope("test", 1), ann);
      expect(m.area).toBe(v.area);
      const [h, w] = v.size;
      const full = rleDecode(rleFromString(v.counts), h, w);
      const [bx, by, bw, bh] = m.box;
      // The box's pixels column-major (pixel (x, y) of the box at x * bh + y).
      const crop = new Uint8Array(bw * bh);
      for (let y = 0; y < bh; y++) for (let x = 0; x < bw; x++) crop[x * bh + y] = full[(y + by) * w + x + bx]!;
      // Same bytes, and nothing outside the box.
      expect(crop.every((b, j) => b === m.bits[j]) && crop.length === m.bits.length).toBe(true);
      expect(full.reduce((a, b) => a + b, 0)).toBe(m.area);
    });
  });

  it("decodes straight into the server's mask box when it holds the mask, with the same pixels and box", () => {
    vectors.forEach((v, i) => {
      const [h, w] = v.size;
      const full = rleDecode(rleFromString(v.counts), h, w);
      // The pixels' box, scanned here from the full frame.
      let [x0, y0, x1, y1] = [w, h, -1, -1];
      for (let y = 0; y < h; y++) {
        for (let x = 0; x < w; x++) {
          if (full[y * w + x]) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
        }
      }
      // v.bbox is pycocotools' toBbox, what the server sends as maskBox; a wrong box falls back.
      for (const maskBox of [v.bbox, [0, 0, 1, 1], [0, 0, w, h]]) {
        const m = getMask(imageScope(`box${maskBox.join(",")}`, i), annotation(i, v, maskBox));
        expect(m.area).toBe(v.area);
        if (v.area === 0) continue;
        expect(m.box, `#${i} with maskBox ${maskBox.join(",")}`).toEqual(maskBox[2] === w && maskBox[3] === h ? maskBox : [x0, y0, x1 - x0 + 1, y1 - y0 + 1]);
        const [bx, by, bw, bh] = m.box;
        let differs = -1;
        for (let y = 0; y < bh && differs < 0; y++) {
          for (let x = 0; x < bw; x++) if (m.bits[x * bh + y] !== full[(y + by) * w + x + bx]) differs = x * bh + y;
        }
        expect(differs).toBe(-1);
      }
    });
  });

  it("decodes once per image and annotation, and again when the counts change", () => {
    const v = vectors.find((x) => x.area > 10)!;
    const scope = imageScope("val", 42);
    const ann = annotation(3, v);
    expect(peekMask(scope, ann)).toBeUndefined();
    const first = getMask(scope, ann);
    expect(getMask(scope, { ...ann })).toBe(first);
    expect(peekMask(imageScope("train", 42), ann)).toBeUndefined();
    const other = vectors.find((x) => x.counts !== v.counts)!;
    expect(getMask(scope, { ...ann, rle: { size: other.size, counts: other.counts } })).not.toBe(first);
  });
});
