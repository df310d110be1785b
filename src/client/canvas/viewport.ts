/*
 * Viewport math, in one convention: screen = image * scale + (x, y).
 * Pure functions so the canvas component stays a thin consumer and every rule here is tested.
 */
export interface Viewport {
  scale: number;
  x: number;
  y: number;
}

export interface Size {
  width: number;
  height: number;
}

/** [x, y, w, h] in image pixels. */
export type Box = readonly [number, number, number, number];

export const MAX_SCALE = 32;
/** Margin around the fitted image, in screen pixels. */
export const FIT_MARGIN = 12;
/** Pixels of the image that must stay on screen after a pan or zoom. */
export const KEEP_VISIBLE = 64;

export function fitViewport(image: Size, view: Size, margin = FIT_MARGIN): Viewport {
  const availW = Math.max(1, view.width - 2 * margin);
  const availH = Math.max(1, view.height - 2 * margin);
  const scale = Math.min(availW / Math.max(1, image.width), availH / Math.max(1, image.height));
  return {
    scale,
    x: (view.width - image.width * scale) / 2,
    y: (view.height - image.height * scale) / 2,
  };
}

/** Smallest zoom allowed: half the fitted zoom, so the whole image can always be seen. */
export function minScale(image: Size, view: Size): number {
  return Math.min(fitViewport(image, view).scale / 2, 1);
}

/** Keeps at least KEEP_VISIBLE pixels of the image inside the view on each axis. */
export function clampViewport(vp: Viewport, image: Size, view: Size): Viewport {
  const scale = Math.min(MAX_SCALE, Math.max(minScale(image, view), vp.scale));
  const w = image.width * scale;
  const h = image.height * scale;
  const keepX = Math.min(KEEP_VISIBLE, w, view.width);
  const keepY = Math.min(KEEP_VISIBLE, h, view.height);
  return {
    scale,
    x: Math.min(view.width - keepX, Math.max(keepX - w, vp.x)),
    y: Math.min(view.height - keepY, Math.max(keepY - h, vp.y)),
  };
}

/** Zooms by `factor` keeping the image point under `pointer` (screen coords) still. */
export function zoomAt(vp: Viewport, pointer: { x: number; y: number }, factor: number, image: Size, view: Size): Viewport {
  const scale = Math.min(MAX_SCALE, Math.max(minScale(image, view), vp.scale * factor));
  const ix = (pointer.x - vp.x) / vp.scale;
  const iy = (pointer.y - vp.y) / vp.scale;
  return clampViewport({ scale, x: pointer.x - ix * scale, y: pointer.y - iy * scale }, image, view);
}

/** Wheel delta (pixels) to a zoom factor: smooth on trackpads, ~10% per mouse notch. */
export function wheelFactor(deltaY: number, deltaMode = 0): number {
  const px = deltaMode === 1 ? deltaY * 16 : deltaMode === 2 ? deltaY * 400 : deltaY;
  return Math.exp(-Math.max(-200, Math.min(200, px)) * 0.0011);
}

export function panBy(vp: Viewport, dx: number, dy: number, image: Size, view: Size): Viewport {
  return clampViewport({ scale: vp.scale, x: vp.x + dx, y: vp.y + dy }, image, view);
}

/**
 * Frames a box (e.g. a mask) with some context around it. Never zooms in past `maxScale`, so a
 * tiny part is shown with its surroundings rather than as a few giant pixels.
 */
export function zoomToBox(box: Box, image: Size, view: Size, opts: { padding?: number; maxScale?: number } = {}): Viewport {
  const padding = opts.padding ?? 48;
  const maxScale = opts.maxScale ?? 8;
  const [bx, by, bw, bh] = box;
  const w = Math.max(bw, 1);
  const h = Math.max(bh, 1);
  const fitScale = fitViewport(image, view).scale;
  const raw = Math.min((view.width - 2 * padding) / w, (view.height - 2 * padding) / h);
  const scale = Math.max(fitScale, Math.min(maxScale, MAX_SCALE, raw));
  const cx = bx + w / 2;
  const cy = by + h / 2;
  return clampViewport({ scale, x: view.width / 2 - cx * scale, y: view.height / 2 - cy * scale }, image, view);
}

/** Screen point to image point. */
export function toImage(vp: Viewport, p: { x: number; y: number }): { x: number; y: number } {
  return { x: (p.x - vp.x) / vp.scale, y: (p.y - vp.y) / vp.scale };
}

/** The smallest box holding every box given (empty boxes are skipped); null when none is left. */
export function unionBox(boxes: readonly Box[]): Box | null {
  let x0 = Infinity;
  let y0 = Infinity;
  let x1 = -Infinity;
  let y1 = -Infinity;
  for (const [x, y, w, h] of boxes) {
    if (!(w > 0 && h > 0)) continue;
    x0 = Math.min(x0, x);
    y0 = Math.min(y0, y);
    x1 = Math.max(x1, x + w);
    y1 = Math.max(y1, y + h);
  }
  return x1 > x0 ? [x0, y0, x1 - x0, y1 - y0] : null;
}

/**
 * How a pair opens: framed on the union of its targets' boxes with a margin of context (a fifth
 * of the union on each side, at least 48 screen px), never closer than 3× the whole-image fit
 * (nor 4×), so a small target opens with its surroundings, and never wider than the whole image.
 * No targets: the whole image.
 */
export function fitToBoxes(boxes: readonly Box[], image: Size, view: Size): Viewport {
  const union = unionBox(boxes);
  const whole = fitViewport(image, view);
  if (!union) return whole;
  const [x, y, w, h] = union;
  const mx = w * 0.2;
  const my = h * 0.2;
  return zoomToBox([x - mx, y - my, w + 2 * mx, h + 2 * my], image, view, { padding: 48, maxScale: Math.min(4, whole.scale * 3) });
}

/** True when some of the box (image px) is inside the view. */
export function boxInView(box: Box, vp: Viewport, view: Size): boolean {
  const [x, y, w, h] = box;
  const sx0 = x * vp.scale + vp.x;
  const sy0 = y * vp.scale + vp.y;
  const sx1 = (x + w) * vp.scale + vp.x;
  const sy1 = (y + h) * vp.scale + vp.y;
  return sx1 > 0 && sy1 > 0 && sx0 < view.width && sy0 < view.height;
}

/**
 * Where an off-screen box lies seen from the view's centre: the point on the view's edge (inset
 * by `inset` px) on the line towards the box centre, and that direction in radians.
 */
export function edgeMarker(box: Box, vp: Viewport, view: Size, inset = 18): { x: number; y: number; angle: number } {
  const [x, y, w, h] = box;
  const cx = (x + w / 2) * vp.scale + vp.x;
  const cy = (y + h / 2) * vp.scale + vp.y;
  const ox = view.width / 2;
  const oy = view.height / 2;
  const dx = cx - ox;
  const dy = cy - oy;
  const angle = Math.atan2(dy, dx);
  const hx = Math.max(1, ox - inset);
  const hy = Math.max(1, oy - inset);
  const t = Math.min(dx === 0 ? Infinity : hx / Math.abs(dx), dy === 0 ? Infinity : hy / Math.abs(dy));
  return { x: ox + dx * t, y: oy + dy * t, angle };
}
