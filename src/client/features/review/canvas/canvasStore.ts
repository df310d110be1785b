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
}

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
}

export const DEFAULT_OPACITY = 0.45;

/* Opacity and boxes are a curator's taste: remembered across sessions. Toggles like `o`/`h` are
   momentary looks and start off. */
const PREFS_KEY = "mmr-review.canvas";

function loadPrefs(): { opacity: number; showBoxes: boolean } {
  const prefs = { opacity: DEFAULT_OPACITY, showBoxes: false };
  try {
    const raw: unknown = JSON.parse(globalThis.localStorage?.getItem(PREFS_KEY) ?? "null");
    if (raw && typeof raw === "object") {
      const r = raw as Record<string, unknown>;
      if (typeof r.opacity === "number" && r.opacity >= 0 && r.opacity <= 1) prefs.opacity = r.opacity;
      if (typeof r.showBoxes === "boolean") prefs.showBoxes = r.showBoxes;
    }
  } catch {
    // No storage (tests, private mode) or a corrupt value: defaults.
  }
  return prefs;
}

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
}));

const set = useCanvasStore.setState;
const get = useCanvasStore.getState;

useCanvasStore.subscribe((s, prev) => {
  if (s.opacity === prev.opacity && s.showBoxes === prev.showBoxes) return;
  try {
    globalThis.localStorage?.setItem(PREFS_KEY, JSON.stringify({ opacity: s.opacity, showBoxes: s.showBoxes }));
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

export function viewportChanged(scope: string, vp: Viewport, fitted = false): void {
  set({ viewports: { ...get().viewports, [scope]: { vp, fitted } }, activeImage: scope });
}

/** Zoom of the image on screen, 1 = one image pixel per screen pixel. */
export function selectZoom(s: CanvasState): number | null {
  return s.activeImage ? (s.viewports[s.activeImage]?.vp.scale ?? null) : null;
}
