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
