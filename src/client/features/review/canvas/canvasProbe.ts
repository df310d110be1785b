import type { RefObject } from "react";
import type { PairDetail } from "../../../../shared/api";
import type { CanvasView } from "../../../canvas/view";
import { boxInView, type Viewport } from "../../../canvas/viewport";
import { useCanvasStore } from "./canvasStore";
import { targetBoxes } from "./targetBoxes";

/*
 * What the canvas on screen shows, read from its view rather than from pixels: for the in-page
 * test API (window.__mmr), so end-to-end tests assert zoom, visible targets and hover.
 */

interface Registered {
  view: CanvasView;
  latest: RefObject<{ detail: PairDetail; targets: readonly number[] }>;
}

let current: Registered | null = null;

export function registerCanvas(view: CanvasView, latest: Registered["latest"]): () => void {
  const entry = { view, latest };
  current = entry;
  return () => {
    if (current === entry) current = null;
  };
}

export interface CanvasProbe {
  pairId: string;
  viewport: Viewport & { fit: "image" | "targets" | null; pinned: boolean };
  view: { width: number; height: number };
  /** Annotation indices of the targets, in placeholder order. */
  targets: number[];
  /** Targets with some of their box inside the view. */
  visibleTargets: number[];
  /** Annotation under the pointer or of a hovered chip/row (a target or not). */
  hovered: number | null;
  showOthers: boolean;
  overlaysHidden: boolean;
  hiddenTargets: number[];
  /** Each target's box `[x, y, w, h]` in image pixels, in placeholder order. */
  targetBoxes: [number, number, number, number][];
}

export function probeCanvas(): CanvasProbe | null {
  if (!current) return null;
  const { view, latest } = current;
  const { detail, targets } = latest.current;
  const state = useCanvasStore.getState();
  const stored = state.activeImage ? state.viewports[state.activeImage] : undefined;
  const boxes = targetBoxes(detail, targets);
  const vp = view.vp;
  return {
    pairId: detail.id,
    viewport: { ...vp, fit: stored?.fitted ? (stored.fit ?? "image") : null, pinned: state.pinned },
    view: { ...view.view },
    targets: [...targets],
    visibleTargets: targets.filter((_, k) => {
      const box = boxes[k];
      return box !== undefined && box[2] > 0 && box[3] > 0 && boxInView(box, vp, view.view);
    }),
    hovered: state.hovered,
    showOthers: state.showOthers,
    overlaysHidden: state.overlaysHidden,
    hiddenTargets: [...state.hiddenTargets],
    targetBoxes: boxes.map((b) => [b[0], b[1], b[2], b[3]]),
  };
}
