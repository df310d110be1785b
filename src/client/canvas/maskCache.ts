import { rleDecodeBoxColumnMajor, rleFromString } from "../../shared/rle";
import type { AnnotationView } from "../../shared/api";
import { WeightedLru } from "./lru";
import { traceOutlineColumns } from "./outline";
import type { Box } from "./viewport";

/*
 * Decoded masks, once per (image, annotation), shared by every pair of the image.
 *
 * A mask is kept single-channel and cropped to its pixels' box: 1 byte per box pixel, so a
 * 40×30 part costs 1.2 KB instead of a full-frame 300 KB. The bytes are column-major, COCO's own
 * order: each run of the counts is then one contiguous write, which makes decoding about as fast
 * as clearing the box (bench:rle). Colour and opacity are never baked in
 * here; the painter (maskPaint.ts) tints at draw time. The outline is traced once at decode.
 */

export interface DecodedMask {
  /** Annotation index in the image's `annotations`. */
  index: number;
  /** Image size the RLE was laid out in. */
  width: number;
  height: number;
  /** Tight box of the mask's pixels, [x, y, w, h]; zeros when empty. */
  box: Box;
  /** Column-major 0/1 over the box: pixel (x, y) at (x - box x) * box h + (y - box y). */
  bits: Uint8Array;
  area: number;
  /** Closed pixel-edge loops, flat [x, y, …] in image coordinates. */
  outline: Int32Array[];
  /** The compressed counts this was decoded from, to notice a changed annotation. */
  counts: string;
}

/**
 * Crops a full-frame column-major 0/1 mask (pixel (x, y) at x * height + y) to its box, counting
 * its pixels on the way, and traces its outline. Pure, so it is tested without a DOM.
 */
export function buildMask(full: Uint8Array, width: number, height: number, index = 0, counts = ""): DecodedMask {
  let x0 = width;
  let y0 = height;
  let x1 = -1;
  let y1 = -1;
  let area = 0;
  for (let x = 0; x < width; x++) {
    // Most columns are empty; indexOf is a native scan, much faster than a JS loop. It must run on
    // the column's own view: on the whole buffer an empty column would scan to the end.
    const col = full.subarray(x * height, (x + 1) * height);
    const first = col.indexOf(1);
    if (first === -1) continue;
    const last = col.lastIndexOf(1);
    if (x < x0) x0 = x;
    x1 = x;
    if (first < y0) y0 = first;
    if (last > y1) y1 = last;
    for (let i = first; i <= last; i++) area += col[i]!;
  }
  if (x1 < 0) {
    return { index, width, height, box: [0, 0, 0, 0], bits: new Uint8Array(0), area: 0, outline: [], counts };
  }
  const bw = x1 - x0 + 1;
  const bh = y1 - y0 + 1;
  const bits = new Uint8Array(bw * bh);
  for (let x = 0; x < bw; x++) {
    const src = (x + x0) * height + y0;
    bits.set(full.subarray(src, src + bh), x * bh);
  }
  return {
    index,
    width,
    height,
    box: [x0, y0, bw, bh],
    bits,
    area,
    outline: traceOutlineColumns(bits, bw, bh, x0, y0),
    counts,
  };
}

/** Full-frame scratch buffer reused by every decode: the crop is all we keep. */
let scratch = new Uint8Array(0);

export function decodeAnnotation(ann: AnnotationView): DecodedMask {
  const [h, w] = ann.rle.size;
  const counts = rleFromString(ann.rle.counts);
  // The server sends each mask's pixel box and area (both read from these counts): decode straight
  // into the box (no full-frame clear and scan) when it holds all of the mask's 1s; otherwise (a
  // box from elsewhere, an empty mask) decode the full frame and crop it as before.
  const [bx = 0, by = 0, bw = 0, bh = 0] = ann.maskBox;
  const box: Box = [bx, by, bw, bh];
  const bits = new Uint8Array(Math.max(0, Math.trunc(bw * bh)));
  if (ann.area > 0 && rleDecodeBoxColumnMajor(counts, h, w, box, bits) === ann.area) {
    return { index: ann.index, width: w, height: h, box, bits, area: ann.area, outline: traceOutlineColumns(bits, bw, bh, bx, by), counts: ann.rle.counts };
  }
  if (scratch.length < h * w) scratch = new Uint8Array(h * w);
  const full = scratch.subarray(0, h * w);
  // The whole frame is a box too (column-major, the fast full-height path).
  rleDecodeBoxColumnMajor(counts, h, w, [0, 0, w, h], full);
  return buildMask(full, w, h, ann.index, ann.rle.counts);
}

/**
 * ~64 COCO images' worth of annotations: typical images hold masks whose boxes add up to about
 * 1.5 frames. Weight is box pixels (1 byte each here; the painter's bitmaps follow the same
 * masks and are freed with them).
 */
export const MASK_BUDGET_PIXELS = 64 * 640 * 480 * 1.5;

const cache = new WeightedLru<string, DecodedMask>(MASK_BUDGET_PIXELS);

/** Cache scope of an image: image ids are only unique within a split. */
export function imageScope(split: string, imageId: number): string {
  return `${split}:${imageId}`;
}

/** The decoded mask of an annotation, decoding it on first use. */
export function getMask(scope: string, ann: AnnotationView): DecodedMask {
  const key = `${scope}#${ann.index}`;
  const hit = cache.get(key);
  if (hit && hit.counts === ann.rle.counts) return hit;
  const mask = decodeAnnotation(ann);
  cache.set(key, mask, Math.max(64, mask.bits.length));
  return mask;
}

/** The mask if it is already decoded, without decoding. */
export function peekMask(scope: string, ann: AnnotationView): DecodedMask | undefined {
  const hit = cache.peek(`${scope}#${ann.index}`);
  return hit && hit.counts === ann.rle.counts ? hit : undefined;
}
