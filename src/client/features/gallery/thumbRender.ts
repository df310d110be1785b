import type { Thumb } from "../../../shared/insightsApi";
import type { ImageResult } from "../../canvas/imageCache";
import { getMask, imageScope } from "../../canvas/maskCache";
import { outlinePath, tintedMask } from "../../canvas/maskPaint";
import { targetColor } from "../../canvas/palette";

/*
 * Paints one gallery card: the image letterboxed into the thumbnail, each target tinted in its
 * placeholder colour, then its outline. Masks come from the shared decoded-mask cache, so an
 * image the review screen already decoded costs nothing here.
 */

export const THUMB_W = 320;
export const THUMB_H = 240;
const FILL_ALPHA = 0.55;

export function renderThumb(thumb: Thumb, image: ImageResult, W = THUMB_W, H = THUMB_H): OffscreenCanvas | HTMLCanvasElement {
  const canvas = makeCanvas(W, H);
  const ctx = canvas.getContext("2d") as CanvasRenderingContext2D | OffscreenCanvasRenderingContext2D | null;
  if (!ctx) return canvas;
  const scale = Math.min(W / thumb.width, H / thumb.height);
  const ox = (W - thumb.width * scale) / 2;
  const oy = (H - thumb.height * scale) / 2;

  ctx.fillStyle = "#0d0f11";
  ctx.fillRect(0, 0, W, H);
  if (image.ok) ctx.drawImage(image.bitmap, ox, oy, thumb.width * scale, thumb.height * scale);
  else {
    ctx.fillStyle = "#2a2e33";
    ctx.fillRect(ox, oy, thumb.width * scale, thumb.height * scale);
    ctx.fillStyle = "#9aa1ab";
    ctx.font = "14px system-ui, sans-serif";
    // Bottom left: the top corners carry the selection box and the status.
    ctx.fillText("image missing", ox + 10, oy + thumb.height * scale - 10);
  }

  const scope = imageScope(thumb.split, thumb.imageId);
  for (const [k, ann] of thumb.targets.entries()) {
    const mask = getMask(scope, ann);
    const tint = tintedMask(mask, targetColor(k));
    if (!tint) continue;
    const [bx, by, bw, bh] = mask.box;
    ctx.globalAlpha = FILL_ALPHA;
    ctx.drawImage(tint, ox + bx * scale, oy + by * scale, bw * scale, bh * scale);
    ctx.globalAlpha = 1;
    const path = outlinePath(mask);
    if (!path) continue;
    ctx.save();
    ctx.translate(ox, oy);
    ctx.scale(scale, scale);
    ctx.lineWidth = 2 / scale;
    ctx.strokeStyle = targetColor(k);
    ctx.stroke(path);
    ctx.restore();
  }
  return canvas;
}

function makeCanvas(w: number, h: number): OffscreenCanvas | HTMLCanvasElement {
  if (typeof OffscreenCanvas !== "undefined") return new OffscreenCanvas(w, h);
  const canvas = document.createElement("canvas");
  canvas.width = w;
  canvas.height = h;
  return canvas;
}
