import type { PairDetail } from "../../../shared/api";
import { prefetchPair } from "../../canvas/prefetch";
import { canvasKeyPressed, fitRequested, hoverChanged, maskFocused, othersToggled, overlaysToggled, useCanvasStore } from "./canvas/canvasStore";

/*
 * The review screen's one doorway to the canvas engine (./canvas and src/client/canvas), so the
 * panel and the keyboard name canvas events in one place.
 */

export function useHoveredAnnotation(): number | null {
  return useCanvasStore((state) => state.hovered);
}

/** A chip or target row is hovered: the canvas highlights that mask. */
export function annotationHovered(index: number | null): void {
  hoverChanged(index, "panel");
}

export function zoomToAnnotation(index: number): void {
  maskFocused(index);
}

export { canvasKeyPressed, fitRequested, othersToggled, overlaysToggled };

/** Warms the image and decoded masks of a pair that is likely to open next. */
export function prefetchCanvas(detail: PairDetail): void {
  void prefetchPair(detail).catch(() => undefined);
}
