import type { DecodedMask } from "./maskCache";

/*
 * Browser-side paint resources of a decoded mask, built lazily and kept beside it (a WeakMap,
 * so they go when the cache evicts the mask):
 * - an ALPHA bitmap of the mask's box (white, opaque where the mask is), built once from the 0/1
 *   bytes. They are column-major, so they are put as an image of the transposed box (box h wide,
 *   box w tall) into a scratch canvas, which is drawn into the bitmap under a transposing
 *   transform: whole pixels, no smoothing, so every pixel lands exactly;
 * - tinted copies, one per colour in use, made from the alpha bitmap with a native "source-in"
 *   fill (no per-pixel JS). A target keeps its colour across pairs, so this is a handful of
 *   cheap copies per mask, and drawing a frame is then one drawImage per mask. Opacity is
 *   `globalAlpha` at draw time, so the slider never touches these bitmaps;
 * - the outline as a Path2D in image coordinates, stroked with a zoom-independent width.
 */

type Bitmap = HTMLCanvasElement | OffscreenCanvas;

interface Paint {
  alpha: Bitmap;
  tints: Map<string, Bitmap>;
  path: Path2D | null;
}

const paints = new WeakMap<DecodedMask, Paint>();
/** More colours than this per mask means colours are churning (edit mode): start over. */
const MAX_TINTS = 4;

function makeBitmap(w: number, h: number): Bitmap {
  if (typeof OffscreenCanvas !== "undefined") return new OffscreenCanvas(w, h);
  const c = document.createElement("canvas");
  c.width = w;
  c.height = h;
  return c;
}

function ctx2d(b: Bitmap): CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D {
  const ctx = b.getContext("2d");
  if (!ctx) throw new Error("2D canvas unavailable");
  return ctx as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D;
}

/** Scratch canvas for the transposed image, grown as needed and reused. */
let transposed: Bitmap | null = null;

function paintOf(m: DecodedMask): Paint | null {
  const [, , w, h] = m.box;
  if (w === 0 || h === 0) return null;
  let p = paints.get(m);
  if (p) return p;
  const alpha = makeBitmap(w, h);
  // Column x of the box is row x of this image (h wide, w tall).
  const img = new ImageData(h, w);
  // One 32-bit store per set pixel: white with full alpha.
  const px = new Uint32Array(img.data.buffer);
  const bits = m.bits;
  for (let i = 0; i < bits.length; i++) if (bits[i] === 1) px[i] = 0xffffffff;
  if (!transposed || transposed.width < h || transposed.height < w) {
    transposed = makeBitmap(Math.max(h, transposed?.width ?? 0), Math.max(w, transposed?.height ?? 0));
  }
  ctx2d(transposed).putImageData(img, 0, 0);
  const c = ctx2d(alpha);
  c.imageSmoothingEnabled = false;
  // (u, v) of the transposed image → (v, u) of the box.
  c.setTransform(0, 1, 1, 0, 0, 0);
  c.drawImage(transposed, 0, 0, h, w, 0, 0, h, w);
  c.setTransform(1, 0, 0, 1, 0, 0);
  p = { alpha, tints: new Map(), path: null };
  paints.set(m, p);
  return p;
}

/** The mask's box-sized bitmap in `color` (opaque), or null for an empty mask. */
export function tintedMask(m: DecodedMask, color: string): Bitmap | null {
  const p = paintOf(m);
  if (!p) return null;
  const hit = p.tints.get(color);
  if (hit) return hit;
  if (p.tints.size >= MAX_TINTS) p.tints.clear();
  const b = makeBitmap(p.alpha.width, p.alpha.height);
  const c = ctx2d(b);
  c.drawImage(p.alpha, 0, 0);
  c.globalCompositeOperation = "source-in";
  c.fillStyle = color;
  c.fillRect(0, 0, b.width, b.height);
  p.tints.set(color, b);
  return b;
}

/** The outline loops as one Path2D in image coordinates. */
export function outlinePath(m: DecodedMask): Path2D | null {
  const p = paintOf(m);
  if (!p) return null;
  if (p.path) return p.path;
  const path = new Path2D();
  for (const loop of m.outline) {
    if (loop.length < 4) continue;
    path.moveTo(loop[0]!, loop[1]!);
    for (let i = 2; i < loop.length; i += 2) path.lineTo(loop[i]!, loop[i + 1]!);
    path.closePath();
  }
  p.path = path;
  return path;
}

/** Builds the bitmap and path ahead of the first paint (used by prefetch). */
export function preparePaint(m: DecodedMask, color: string): void {
  tintedMask(m, color);
  outlinePath(m);
}
