import { rleBbox, rleDecodeBoxColumnMajor, rleFromString } from "../../shared/rle";
import { targetColor } from "./palette";
import type { Viewport } from "./viewport";

/*
 * A model's predicted masks drawn over the review canvas, unmistakably apart from the ground truth
 * (filled, solid or dashed outline): no fill, diagonal hatching and a dotted outline in the
 * target's colour. Each pair's masks are rendered once, at image size, into an offscreen canvas;
 * a viewport change only redraws that bitmap with the new transform.
 */

export interface PredictionBitmap {
  canvas: HTMLCanvasElement;
  width: number;
  height: number;
}

function rgb(hex: string): [number, number, number] {
  const m = /^#?([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? [parseInt(m[1]!, 16), parseInt(m[2]!, 16), parseInt(m[3]!, 16)] : [255, 0, 255];
}

/** Hatch: every 6th diagonal, two pixels wide. Outline: a mask pixel with a 4-neighbour outside. */
export function renderPredictions(masks: readonly { size: [number, number]; counts: string }[], height: number, width: number): PredictionBitmap {
  const canvas = document.createElement("canvas");
  canvas.width = width;
  canvas.height = height;
  const ctx = canvas.getContext("2d");
  if (!ctx || width === 0 || height === 0) return { canvas, width, height };
  const image = ctx.createImageData(width, height);
  const px = image.data;
  // Column-major (pixel (x, y) at x * height + y), the mask cache's decoder over the whole frame.
  const mask = new Uint8Array(width * height);
  masks.forEach((m, k) => {
    if (m.size[0] !== height || m.size[1] !== width) return;
    const counts = rleFromString(m.counts);
    const [bx, by, bw, bh] = rleBbox(counts, height, width);
    if (bw === 0 || bh === 0) return;
    rleDecodeBoxColumnMajor(counts, height, width, [0, 0, width, height], mask);
    const [r, g, b] = rgb(targetColor(k));
    for (let x = bx; x < bx + bw; x++) {
      const col = x * height;
      for (let y = by; y < by + bh; y++) {
        const i = col + y;
        if (!mask[i]) continue;
        const edge = x === 0 || y === 0 || x === width - 1 || y === height - 1 || !mask[i - 1] || !mask[i + 1] || !mask[i - height] || !mask[i + height];
        const hatch = (x + y) % 6 < 2;
        if (!edge && !hatch) continue;
        const o = (y * width + x) * 4;
        // Dotted outline: alternate the target colour with white so it reads on any background.
        const white = edge && (x + y) % 4 < 2;
        px[o] = white ? 255 : r;
        px[o + 1] = white ? 255 : g;
        px[o + 2] = white ? 255 : b;
        px[o + 3] = edge ? 255 : 200;
      }
    }
  });
  ctx.putImageData(image, 0, 0);
  return { canvas, width, height };
}

/** Canvases that may show a bitmap now. */
const painted = new WeakSet<HTMLCanvasElement>();

/** Draws the bitmap on a screen canvas with the review canvas's viewport (image → screen). */
export function paintPredictions(target: HTMLCanvasElement, bitmap: PredictionBitmap | null, vp: Viewport, dpr: number): void {
  // Nothing drawn and nothing to draw: reading the canvas's size would force a layout on every `j`.
  if (!bitmap && !painted.has(target)) return;
  if (bitmap) painted.add(target);
  else painted.delete(target);
  const cssW = target.clientWidth;
  const cssH = target.clientHeight;
  const w = Math.round(cssW * dpr);
  const h = Math.round(cssH * dpr);
  if (target.width !== w) target.width = w;
  if (target.height !== h) target.height = h;
  const ctx = target.getContext("2d");
  if (!ctx) return;
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.clearRect(0, 0, w, h);
  if (!bitmap) return;
  ctx.imageSmoothingEnabled = false;
  ctx.setTransform(vp.scale * dpr, 0, 0, vp.scale * dpr, vp.x * dpr, vp.y * dpr);
  ctx.drawImage(bitmap.canvas, 0, 0);
}
