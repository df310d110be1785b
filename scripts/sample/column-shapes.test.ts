import { describe, expect, it } from "vitest";
import { rleArea, rleBbox, rleDecode, rleToString, rleEncode } from "../../src/shared/rle";
import { convexPolygon, intersectInPlace, roughen, shapeToCounts, wobblyEllipse, type ColumnShape } from "./column-shapes";
import { createRandom } from "./random";

/** The shape as a row-major mask, straight from its column intervals. */
function rasterise(shape: ColumnShape, height: number, width: number): Uint8Array {
  const mask = new Uint8Array(height * width);
  for (let x = shape.x0; x <= shape.x1; x++) {
    for (let y = shape.top[x]!; y < shape.bottom[x]!; y++) mask[y * width + x] = 1;
  }
  return mask;
}

describe("column shapes", () => {
  it("turn into the same RLE counts, area and bbox as encoding their mask", () => {
    const rnd = createRandom(7);
    const out = new Uint32Array(2 * 700 + 4);
    for (let i = 0; i < 300; i++) {
      const [width, height] = rnd.pick([[640, 480], [480, 640], [37, 23], [1, 9]] as const);
      const cx = rnd.range(-20, width + 20);
      const cy = rnd.range(-20, height + 20);
      const rx = rnd.range(0.5, width * 0.6);
      const ry = rnd.range(0.5, height * 0.6);
      const make = rnd.chance(0.5) ? wobblyEllipse : convexPolygon;
      const outer = roughen(make(rnd, width, height, cx, cy, rx, ry), rnd, height, rnd.int(0, 5));
      const shape = rnd.chance(0.5)
        ? intersectInPlace(make(rnd, width, height, cx + rnd.range(-rx, rx), cy, rx / 2, ry / 2), outer)
        : outer;
      const { length, area, bbox } = shapeToCounts(shape, height, width, out);
      const counts = out.slice(0, length);
      const expected = rleEncode(rasterise(shape, height, width), height, width);
      expect(rleToString(counts)).toBe(rleToString(expected));
      expect(area).toBe(rleArea(expected));
      expect(bbox).toEqual(rleBbox(expected, height, width));
      // Buffer comparison: deep equality on large typed arrays is very slow in vitest.
      expect(Buffer.compare(rleDecode(counts, height, width), rasterise(shape, height, width))).toBe(0);
    }
  });
});
