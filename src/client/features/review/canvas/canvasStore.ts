import { create } from "zustand";
import type { Viewport } from "../../../canvas/viewport";

/*
 * UI state of the canvas (never server data). Actions are module functions named as events, so
 * the keyboard handler and the pair panel call them without holding the store.
 * Pointer position and pan in progress are NOT here: they live in refs inside the canvas.
 */

export interface StoredViewport {
  vp: Viewport;
  /** True while it is the fitted view: a resize then refits instead of keeping the numbers. */
  fitted: boolean;
  /** Which fit it is: the whole image (`f`) or the pair's targets (a pair opening). */
  fit?: "image" | "targets";
}

export type ColorBy = "target" | "category";

/** A zoom or pan key pressed while the canvas has the keyboard. */
export type CanvasKey = "zoomIn" | "zoomOut" | "fitTargets" | "left" | "right" | "up" | "down";

export interface CanvasState {
  /** Annotation index under the pointer, or of the hovered chip / instances row. */
  hovered: number | null;
  /** Where the hover came from: the canvas shows its tooltip only for its own. */
  hoverSource: "canvas" | "panel" | null;
  showOthers: boolean;
  overlaysHidden: boolean;
  showBoxes: boolean;
  /** Fill opacity of masks, 0..1. */
  opacity: number;
  /** Zoom and pan per image (scope `split:imageId`), kept across pairs of the same image. */
  viewports: Record<string, StoredViewport>;
  /** Scope of the image on screen, for the toolbar's zoom readout. */
  activeImage: string | null;
  /** Bumped by `f`; the canvas fits when it changes. */
  fitSeq: number;
  /** "Zoom to this mask" request (chip click); seq makes a repeated click count again. */
  zoomRequest: { index: number; seq: number } | null;
  /** Zoom/pan key request; seq makes a repeated key count again. */
  keyRequest: { key: CanvasKey; seq: number } | null;
  /**
   * Pinned zoom: the zoom and pan of an image are kept for its next pair. Off (the default), every
   * pair opens fitted to its targets, so no target starts outside the view.
   */
  pinned: boolean;
  /** Targets hidden by their eye toggle (annotation indices); cleared when the pair changes. */
  hiddenTargets: readonly number[];
  /** Outlines only, no fills: to see the pixels under a mask's edge. */
  outlineOnly: boolean;
  colorBy: ColorBy;
  /** Image brightness and contrast, 1 = as is (CSS filter factors). */
  brightness: number;
  contrast: number;
}

export const DEFAULT_OPACITY = 0.45;

/* Opacity and boxes are a curator's taste: remembered across sessions. Toggles like `o`/`h` are
   momentary looks and start off. */
const PREFS_KEY = "mmr-review.canvas";

interface Prefs {
  opacity: number;
  showBoxes: boolean;
  pinned: boolean;
  outlineOnly: boolean;
  colorBy: ColorBy;
  brightness: number;
  contrast: number;
}

const inRange = (v: unknown, lo: number, hi: number): v is number => typeof v === "number" && v >= lo && v <= hi;

function loadPrefs(): Prefs {
  const prefs: Prefs = { opacity: DEFAULT_OPACITY, showBoxes: false, pinned: false, outlineOnly: false, colorBy: "target", brightness: 1, contrast: 1 };
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(PREFS_KEY) ?? "null");
    if (raw && typeof raw === "object") {
      const r = raw as Record<string, unknown>;
      if (typeof r.opacity === "number" && r.opacity >= 0 && r.opacity <= 1) prefs.opacity = r.opacity;
      if (typeof r.showBoxes === "boolean") prefs.showBoxes = r.showBoxes;
      if (typeof r.pinned === "boolean") prefs.pinned = r.pinned;
      if (typeof r.outlineOnly === "boolean") prefs.outlineOnly = r.outlineOnly;
      if (r.colorBy === "target" || r.colorBy === "category") prefs.colorBy = r.colorBy;
      if (inRange(r.brightness, IMAGE_ADJUST[0], IMAGE_ADJUST[1])) prefs.brightness = r.brightness;
      if (inRange(r.contrast, IMAGE_ADJUST[0], IMAGE_ADJUST[1])) prefs.contrast = r.contrast;
    }
  } catch {
    // No storage (tests, private mode) or a corrupt value: defaults.
  }
  return prefs;
}

/** Range of the brightness and contrast sliders. */
export const IMAGE_ADJUST = [0.5, 2] as const;

const prefs = loadPrefs();

export const useCanvasStore = create<CanvasState>()(() => ({
  hovered: null,
  hoverSource: null,
  showOthers: false,
  overlaysHidden: false,
  showBoxes: prefs.showBoxes,
  opacity: prefs.opacity,
  viewports: {},
  activeImage: null,
  fitSeq: 0,
  zoomRequest: null,
  keyRequest: null,
  pinned: prefs.pinned,
  hiddenTargets: [],
  outlineOnly: prefs.outlineOnly,
  colorBy: prefs.colorBy,
  brightness: prefs.brightness,
  contrast: prefs.contrast,
}));

const set = useCanvasStore.setState;
const get = useCanvasStore.getState;

useCanvasStore.subscribe((s, prev) => {
  const keys = ["opacity", "showBoxes", "pinned", "outlineOnly", "colorBy", "brightness", "contrast"] as const;
  if (keys.every((k) => s[k] === prev[k])) return;
  try {
    const saved: Prefs = { opacity: s.opacity, showBoxes: s.showBoxes, pinned: s.pinned, outlineOnly: s.outlineOnly, colorBy: s.colorBy, brightness: s.brightness, contrast: s.contrast };
    globalThis.localStorage?.setItem(PREFS_KEY, JSON.stringify(saved));
  } catch {
    // Storage full or unavailable: the preference just is not remembered.
  }
});

export function hoverChanged(index: number | null, source: "canvas" | "panel" = "panel"): void {
  const s = get();
  if (s.hovered === index && s.hoverSource === (index === null ? null : source)) return;
  set({ hovered: index, hoverSource: index === null ? null : source });
}

/** Key `o`. */
export function othersToggled(): void {
  set({ showOthers: !get().showOthers, ...dropCanvasHover() });
}

/** What the pointer hovered may vanish with a toggle; the next pointer move finds it again. */
function dropCanvasHover(): Partial<CanvasState> {
  return get().hoverSource === "canvas" ? { hovered: null, hoverSource: null } : {};
}

/** Key `h`. */
export function overlaysToggled(): void {
  set({ overlaysHidden: !get().overlaysHidden, ...dropCanvasHover() });
}

export function boxesToggled(): void {
  set({ showBoxes: !get().showBoxes });
}

export function opacityChanged(opacity: number): void {
  set({ opacity: Math.min(1, Math.max(0, opacity)) });
}

/** Key `f`. */
export function fitRequested(): void {
  set({ fitSeq: get().fitSeq + 1 });
}

/** Chip click: zoom the canvas to this annotation's mask. */
export function maskFocused(index: number): void {
  set({ zoomRequest: { index, seq: (get().zoomRequest?.seq ?? 0) + 1 } });
}

export function viewportChanged(scope: string, vp: Viewport, fitted = false, fit?: "image" | "targets"): void {
  const entry: StoredViewport = fit ? { vp, fitted, fit } : { vp, fitted };
  set({ viewports: { ...get().viewports, [scope]: entry }, activeImage: scope });
}

export function pinToggled(): void {
  set({ pinned: !get().pinned });
}

export function outlineOnlyToggled(): void {
  set({ outlineOnly: !get().outlineOnly });
}

export function colorByChanged(colorBy: ColorBy): void {
  set({ colorBy });
}

export function imageAdjusted(change: { brightness?: number; contrast?: number }): void {
  const clamp = (v: number) => Math.min(IMAGE_ADJUST[1], Math.max(IMAGE_ADJUST[0], v));
  set({
    ...(change.brightness === undefined ? {} : { brightness: clamp(change.brightness) }),
    ...(change.contrast === undefined ? {} : { contrast: clamp(change.contrast) }),
  });
}

/** The eye toggle of a target in the legend. */
export function targetVisibilityToggled(index: number): void {
  const hidden = get().hiddenTargets;
  set({ hiddenTargets: hidden.includes(index) ? hidden.filter((i) => i !== index) : [...hidden, index] });
}

/** A new pair: nothing of the previous pair's hover or hidden targets carries over. */
export function pairOpened(): void {
  const s = get();
  if (s.hovered === null && s.hiddenTargets.length === 0) return;
  set({ hovered: null, hoverSource: null, hiddenTargets: [] });
}

const canvasKeys: Record<string, CanvasKey> = {
  "+": "zoomIn",
  "=": "zoomIn",
  "-": "zoomOut",
  _: "zoomOut",
  "0": "fitTargets",
  ArrowLeft: "left",
  ArrowRight: "right",
  ArrowUp: "up",
  ArrowDown: "down",
};

/**
 * `+`/`-`/`0` and the arrow keys, only while the canvas itself has the keyboard (elsewhere the
 * arrows scroll and `0` belongs to the reason picker). True when the key was used.
 */
export function canvasKeyPressed(event: KeyboardEvent): boolean {
  const key = canvasKeys[event.key];
  if (!key || !(event.target instanceof Element) || !event.target.closest("[data-canvas-keys]")) return false;
  set({ keyRequest: { key, seq: (get().keyRequest?.seq ?? 0) + 1 } });
  return true;
}

/** Zoom of the image on screen, 1 = one image pixel per screen pixel. */
export function selectZoom(s: CanvasState): number | null {
  return s.activeImage ? (s.viewports[s.activeImage]?.vp.scale ?? null) : null;
}
