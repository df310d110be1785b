import { outlinePath, tintedMask } from "./maskPaint";
import { HALO, OTHER_STYLE, PART_DASH } from "./palette";
import type { RawBox, Scene, SceneMask } from "./scene";

/*
 * The painter: three functions, one per Konva layer, each drawing the whole layer from the
 * scene with the native 2D context (Konva has already applied the viewport transform). Widths
 * and dashes are divided by the zoom so outlines stay crisp and constant on screen.
 */

type Ctx = CanvasRenderingContext2D;

/** Background where an image is missing: a blank canvas of the image's size. */
const BLANK = "#2a2d33";

export function drawImageLayer(ctx: Ctx, scene: Scene): void {
  const img = scene.image;
  if (img?.ok) {
    // Past 2× the curator is inspecting pixels: show them sharp rather than smoothed.
    ctx.imageSmoothingEnabled = scene.scale < 2;
    // Brightness/contrast as a canvas filter at draw time: the decoded image is never touched.
    // Untouched, the filter is left alone (setting it at all can cost Chromium a slower path).
    const filtered = scene.imageFilter !== "none";
    if (filtered) ctx.filter = scene.imageFilter;
    ctx.drawImage(img.bitmap, 0, 0, scene.width, scene.height);
    if (filtered) ctx.filter = "none";
  } else if (img) {
    ctx.fillStyle = BLANK;
    ctx.fillRect(0, 0, scene.width, scene.height);
  }
}

function fill(ctx: Ctx, m: SceneMask, alpha: number): void {
  const bmp = tintedMask(m.mask, m.color);
  if (!bmp) return;
  const [x, y, w, h] = m.mask.box;
  ctx.globalAlpha = alpha;
  ctx.drawImage(bmp, x, y, w, h);
}

function outline(ctx: Ctx, m: SceneMask, scale: number, width: number, color: string, halo = HALO, haloExtra = 1.5): void {
  const path = outlinePath(m.mask);
  if (!path) return;
  const dash = m.kind === "part" ? PART_DASH.map((d) => d / scale) : [];
  ctx.globalAlpha = 1;
  ctx.lineJoin = "round";
  ctx.setLineDash([]);
  ctx.strokeStyle = halo;
  ctx.lineWidth = (width + haloExtra) / scale;
  ctx.stroke(path);
  ctx.setLineDash(dash);
  ctx.strokeStyle = color;
  ctx.lineWidth = width / scale;
  ctx.stroke(path);
  ctx.setLineDash([]);
}

function box(ctx: Ctx, m: SceneMask, scale: number): void {
  const [x, y, w, h] = m.bbox;
  ctx.globalAlpha = m.target === null ? 0.7 : 1;
  ctx.setLineDash(m.target === null ? [3 / scale, 3 / scale] : []);
  ctx.strokeStyle = m.target === null ? OTHER_STYLE.stroke : m.color;
  ctx.lineWidth = 1.25 / scale;
  ctx.strokeRect(x, y, w, h);
  ctx.setLineDash([]);
  if (m.target === null) return;
  // Placeholder number tag at the box's corner, at a constant screen size.
  const label = String(m.target + 1);
  const fs = 11 / scale;
  ctx.font = `600 ${fs}px system-ui, sans-serif`;
  const tw = ctx.measureText(label).width + 6 / scale;
  const th = fs + 4 / scale;
  ctx.fillStyle = m.color;
  ctx.fillRect(x, y - th, tw, th);
  ctx.fillStyle = "#111";
  ctx.textBaseline = "middle";
  ctx.fillText(label, x + 3 / scale, y - th / 2);
}

/**
 * A box as the raw answer wrote it: dashed, in its target's colour, tagged "R<k>" at its bottom
 * left (target boxes are tagged at the top left), so the two can be compared by eye.
 */
function rawBox(ctx: Ctx, r: RawBox, scale: number): void {
  const [x, y, w, h] = r.box;
  ctx.globalAlpha = 1;
  ctx.setLineDash([6 / scale, 4 / scale]);
  ctx.strokeStyle = HALO;
  ctx.lineWidth = 3 / scale;
  ctx.strokeRect(x, y, w, h);
  ctx.strokeStyle = r.color;
  ctx.lineWidth = 1.5 / scale;
  ctx.strokeRect(x, y, w, h);
  ctx.setLineDash([]);
  const label = `R${r.k + 1}`;
  const fs = 11 / scale;
  ctx.font = `600 ${fs}px system-ui, sans-serif`;
  const tw = ctx.measureText(label).width + 6 / scale;
  const th = fs + 4 / scale;
  ctx.fillStyle = HALO;
  ctx.fillRect(x, y + h, tw, th);
  ctx.fillStyle = r.color;
  ctx.textBaseline = "middle";
  ctx.fillText(label, x + 3 / scale, y + h + th / 2);
}

let scratch: HTMLCanvasElement | OffscreenCanvas | null = null;

function scratchCanvas(w: number, h: number): CanvasRenderingContext2D | null {
  if (!scratch) scratch = typeof OffscreenCanvas !== "undefined" ? new OffscreenCanvas(w, h) : document.createElement("canvas");
  if (scratch.width !== w) scratch.width = w;
  if (scratch.height !== h) scratch.height = h;
  return scratch.getContext("2d") as CanvasRenderingContext2D | null;
}

/**
 * Target fills as a label map: each pixel takes the colour of the SMALLEST target covering it
 * (the same rule as hovering), all at one opacity. Stacking translucent fills instead turns an
 * object with its parts into a muddy mix of colours. Drawn opaque, smallest first, with
 * "destination-over" on a scratch canvas, then laid over the layer at the chosen opacity.
 */
function fillTargets(ctx: Ctx, scene: Scene): void {
  // A zero-sized stage (not laid out yet) has nothing to show; drawImage would throw on it.
  if (ctx.canvas.width === 0 || ctx.canvas.height === 0 || scene.targets.length === 0) return;
  const sc = scratchCanvas(ctx.canvas.width, ctx.canvas.height);
  if (!sc) return;
  sc.setTransform(1, 0, 0, 1, 0, 0);
  sc.clearRect(0, 0, sc.canvas.width, sc.canvas.height);
  sc.setTransform(ctx.getTransform());
  sc.imageSmoothingEnabled = false;
  sc.globalCompositeOperation = "destination-over";
  for (let i = scene.targets.length - 1; i >= 0; i--) {
    const m = scene.targets[i]!;
    const bmp = tintedMask(m.mask, m.color);
    if (bmp) sc.drawImage(bmp, m.mask.box[0], m.mask.box[1], m.mask.box[2], m.mask.box[3]);
  }
  ctx.save();
  ctx.setTransform(1, 0, 0, 1, 0, 0);
  ctx.globalAlpha = scene.opacity;
  ctx.drawImage(sc.canvas, 0, 0);
  ctx.restore();
}

/** A target smaller than this on screen (px) gets a locator ring, so it is found at a glance. */
const SMALL_ON_SCREEN = 16;

function locator(ctx: Ctx, m: SceneMask, scale: number): void {
  const [x, y, w, h] = m.mask.box;
  const size = Math.max(w, h) * scale;
  if (w === 0 || size >= SMALL_ON_SCREEN) return;
  const r = (size / 2 + 9) / scale;
  ctx.globalAlpha = 1;
  ctx.setLineDash([]);
  ctx.beginPath();
  ctx.arc(x + w / 2, y + h / 2, r, 0, Math.PI * 2);
  ctx.strokeStyle = HALO;
  ctx.lineWidth = 3.5 / scale;
  ctx.stroke();
  ctx.strokeStyle = m.color;
  ctx.lineWidth = 2 / scale;
  ctx.stroke();
}

export function drawMaskLayer(ctx: Ctx, scene: Scene): void {
  if (scene.overlaysHidden) return;
  const s = scene.scale;
  // Fills first, then every outline above them, so no fill ever hides an outline.
  ctx.imageSmoothingEnabled = false;
  if (!scene.outlineOnly) {
    for (const m of scene.others) fill(ctx, m, scene.opacity * OTHER_STYLE.fillAlphaFactor);
    fillTargets(ctx, scene);
  }
  for (const m of scene.others) outline(ctx, m, s, 1, OTHER_STYLE.stroke, OTHER_STYLE.halo, 0.75);
  // Part outlines before object outlines: when an object and its parts are all targets, the
  // object's solid edge stays visible around them and the dashed inner edges show the parts.
  for (const m of scene.targets) if (m.kind === "part") outline(ctx, m, s, 2, m.color);
  for (const m of scene.targets) if (m.kind === "object") outline(ctx, m, s, 2, m.color);
  for (const m of scene.targets) locator(ctx, m, s);
  if (scene.showBoxes) {
    for (const m of scene.others) box(ctx, m, s);
    for (const m of scene.targets) box(ctx, m, s);
    for (const r of scene.rawBoxes) rawBox(ctx, r, s);
  }
  ctx.globalAlpha = 1;
}

/** Emphasis of the hovered mask: brighter fill and a heavier outline. */
export function drawOverlayLayer(ctx: Ctx, scene: Scene): void {
  if (scene.overlaysHidden) return;
  const m = scene.hoverMask;
  if (!m) return;
  ctx.imageSmoothingEnabled = false;
  fill(ctx, m, Math.min(0.5, 0.2 + scene.opacity * 0.4));
  outline(ctx, m, scene.scale, 3, m.target === null ? "#ffffff" : m.color);
  ctx.globalAlpha = 1;
}
