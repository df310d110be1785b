import type { Random } from "./random";

/*
 * Blob shapes described by one vertical interval per image column, for the scale generator.
 *
 * COCO RLE runs down columns, so a shape that covers one interval per column turns into RLE counts
 * directly (two counts per column) without rasterising a mask: generating hundreds of thousands
 * of realistic masks then costs little more than writing their strings.
 */

export interface ColumnShape {
  /** First and last covered column (inclusive); x1 < x0 means empty. */
  x0: number;
  x1: number;
  /** For column x: covered rows are top[x] <= y < bottom[x] (top >= bottom means none). */
  top: Int32Array;
  bottom: Int32Array;
}

function emptyShape(width: number): ColumnShape {
  return { x0: 0, x1: -1, top: new Int32Array(width), bottom: new Int32Array(width) };
}

/** Writes a shape's columns left to right, keeping track of the first and last covered one. */
function columnWriter(shape: ColumnShape) {
  let first = -1;
  let last = -2;
  const cover = (x: number, top: number, bottom: number): boolean => {
    if (top >= bottom) return false;
    shape.top[x] = top;
    shape.bottom[x] = bottom;
    if (first < 0) first = x;
    last = x;
    return true;
  };
  return {
    cover,
    /** Covers the rows whose centres lie between the edges `lo` and `hi`, clipped to the image. */
    coverEdges: (x: number, lo: number, hi: number, height: number): boolean =>
      cover(x, Math.max(0, Math.ceil(lo - 0.5)), Math.min(height, Math.floor(hi - 0.5) + 1)),
    /** Sets the covered column range; columns inside it that came out empty keep top = bottom = 0. */
    finish: (): ColumnShape => {
      shape.x0 = first < 0 ? 0 : first;
      shape.x1 = first < 0 ? -1 : last;
      return shape;
    },
  };
}

/**
 * A rotated ellipse with wobbly edges (low-frequency sine offsets), so masks look like real
 * object outlines rather than perfect ellipses. Clipped to the image.
 */
export function wobblyEllipse(
  rnd: Random,
  width: number,
  height: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
): ColumnShape {
  const shape = emptyShape(width);
  const angle = rnd.range(0, Math.PI);
  const cos = Math.cos(angle);
  const sin = Math.sin(angle);
  const A = (sin * sin) / (rx * rx) + (cos * cos) / (ry * ry);
  const kB = 2 * cos * sin * (1 / (rx * rx) - 1 / (ry * ry));
  const kC = (cos * cos) / (rx * rx) + (sin * sin) / (ry * ry);
  const amp = Math.min(rx, ry) * rnd.range(0, 0.12);
  const f1 = rnd.range(0.02, 0.09);
  const f2 = rnd.range(0.02, 0.09);
  const p1 = rnd.range(0, 6.28);
  const p2 = rnd.range(0, 6.28);
  const reach = Math.max(rx, ry) + 1;
  const columns = columnWriter(shape);
  for (let x = Math.max(0, Math.floor(cx - reach)); x <= Math.min(width - 1, Math.ceil(cx + reach)); x++) {
    const dx = x + 0.5 - cx;
    const B = kB * dx;
    const C = kC * dx * dx - 1;
    const disc = B * B - 4 * A * C;
    if (disc <= 0) continue;
    const root = Math.sqrt(disc);
    const dy1 = (-B - root) / (2 * A) + amp * Math.sin(x * f1 + p1);
    const dy2 = (-B + root) / (2 * A) + amp * Math.sin(x * f2 + p2);
    columns.coverEdges(x, cy + dy1, cy + dy2, height);
  }
  return columns.finish();
}

/** A convex polygon (random angles around a centre), covering one interval per column. */
export function convexPolygon(
  rnd: Random,
  width: number,
  height: number,
  cx: number,
  cy: number,
  rx: number,
  ry: number,
): ColumnShape {
  const n = rnd.int(4, 8);
  const angles = Array.from({ length: n }, () => rnd.range(0, 2 * Math.PI)).sort((a, b) => a - b);
  const xs = angles.map((a) => cx + rx * Math.cos(a) * rnd.range(0.85, 1));
  const ys = angles.map((a) => cy + ry * Math.sin(a) * rnd.range(0.85, 1));
  const columns = columnWriter(emptyShape(width));
  const xmin = Math.max(0, Math.floor(Math.min(...xs)));
  const xmax = Math.min(width - 1, Math.ceil(Math.max(...xs)));
  for (let x = xmin; x <= xmax; x++) {
    const px = x + 0.5;
    let lo = Infinity;
    let hi = -Infinity;
    for (let k = 0; k < n; k++) {
      const ax = xs[k]!;
      const ay = ys[k]!;
      const bx = xs[(k + 1) % n]!;
      const by = ys[(k + 1) % n]!;
      if ((px < ax && px < bx) || (px > ax && px > bx) || ax === bx) continue;
      const y = ay + ((px - ax) / (bx - ax)) * (by - ay);
      if (y < lo) lo = y;
      if (y > hi) hi = y;
    }
    if (lo <= hi) columns.coverEdges(x, lo, hi, height);
  }
  return columns.finish();
}

/** Keeps only the part of `shape` inside `outer` (parts stay inside their object). */
export function intersectInPlace(shape: ColumnShape, outer: ColumnShape): ColumnShape {
  const columns = columnWriter(shape);
  for (let x = shape.x0; x <= shape.x1; x++) {
    const inside = x >= outer.x0 && x <= outer.x1;
    const top = inside ? Math.max(shape.top[x]!, outer.top[x]!) : 0;
    const bottom = inside ? Math.min(shape.bottom[x]!, outer.bottom[x]!) : 0;
    if (!columns.cover(x, top, bottom)) {
      shape.top[x] = 0;
      shape.bottom[x] = 0;
    }
  }
  return columns.finish();
}

/**
 * Adds a small random walk to both edges, so outlines get the pixel-level roughness of real
 * annotations (which is what makes real compressed RLE strings long).
 */
export function roughen(shape: ColumnShape, rnd: Random, height: number, amount: number): ColumnShape {
  let walkTop = 0;
  let walkBottom = 0;
  for (let x = shape.x0; x <= shape.x1; x++) {
    walkTop = Math.max(-amount, Math.min(amount, walkTop + rnd.int(-2, 2)));
    walkBottom = Math.max(-amount, Math.min(amount, walkBottom + rnd.int(-2, 2)));
    const top = shape.top[x]!;
    const bottom = shape.bottom[x]!;
    if (top >= bottom) continue;
    const newTop = Math.max(0, Math.min(height - 1, top + walkTop));
    const newBottom = Math.max(1, Math.min(height, bottom + walkBottom));
    // A column the walk would close keeps its interval, so the column range and bbox stay valid.
    if (newTop < newBottom) {
      shape.top[x] = newTop;
      shape.bottom[x] = newBottom;
    }
  }
  return shape;
}

export interface ShapeStats {
  area: number;
  /** COCO `[x, y, w, h]`, as the reference `rleToBbox` computes it. */
  bbox: [number, number, number, number];
}

/**
 * COCO RLE counts (column-major, starting with a run of 0s) of the shape, written into `out`
 * (length >= 2 * width + 2); returns how many counts were written, plus area and bbox.
 */
export function shapeToCounts(shape: ColumnShape, height: number, width: number, out: Uint32Array): ShapeStats & { length: number } {
  let length = 0;
  let end = 0; // column-major index just past the last 1-run
  let area = 0;
  let ymin = height;
  let ymax = -1;
  for (let x = shape.x0; x <= shape.x1; x++) {
    const top = shape.top[x]!;
    const bottom = shape.bottom[x]!;
    if (top >= bottom) continue;
    const start = x * height + top;
    const stop = x * height + bottom;
    if (start === end && length > 0) {
      out[length - 1] = out[length - 1]! + (stop - start); // continues the run from the column above
    } else {
      out[length++] = start - end;
      out[length++] = stop - start;
    }
    end = stop;
    area += bottom - top;
    if (top < ymin) ymin = top;
    if (bottom - 1 > ymax) ymax = bottom - 1;
  }
  if (height * width > end || length === 0) out[length++] = height * width - end;
  const bbox: [number, number, number, number] =
    area === 0 ? [0, 0, 0, 0] : [shape.x0, ymin, shape.x1 - shape.x0 + 1, ymax - ymin + 1];
  return { length, area, bbox };
}
