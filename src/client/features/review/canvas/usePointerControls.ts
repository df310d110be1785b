import { useEffect, type RefObject } from "react";
import type { CanvasView } from "../../../canvas/view";
import { maskAt } from "../../../canvas/scene";
import { wheelFactor, zoomAt, type Viewport } from "../../../canvas/viewport";
import { hoverChanged, useCanvasStore, viewportChanged } from "./canvasStore";
import { placeTooltip } from "./placeTooltip";

export interface PointerTarget {
  scope: string;
  editing: boolean;
  onToggleTarget?: (annotationIndex: number) => void;
}

/** A press that moves less than this (screen px) is a click, not a pan. */
const CLICK_SLOP = 4;

/*
 * Wheel zoom at the pointer, drag to pan, hover by hit-testing the decoded masks, click to
 * toggle a target in edit mode. Native listeners (wheel must be non-passive to stop page
 * scroll); everything stays in closures and refs, nothing re-renders while the pointer moves.
 */
export function usePointerControls(
  areaRef: RefObject<HTMLDivElement | null>,
  tooltipRef: RefObject<HTMLDivElement | null>,
  view: CanvasView,
  latest: RefObject<PointerTarget>,
): void {
  useEffect(() => {
    const el = areaRef.current;
    if (!el) return;
    let drag: { id: number; sx: number; sy: number; vp: Viewport; moved: boolean } | null = null;

    const local = (e: MouseEvent): { x: number; y: number } => {
      const r = el.getBoundingClientRect();
      return { x: e.clientX - r.left, y: e.clientY - r.top };
    };
    const commit = (vp: Viewport): void => viewportChanged(latest.current.scope, vp, false);

    const tooltip = (p: { x: number; y: number } | null): void => {
      if (tooltipRef.current) placeTooltip(tooltipRef.current, p);
    };

    const hover = (p: { x: number; y: number }): void => {
      const ip = view.toImage(p.x, p.y);
      const index = maskAt(view.scene, ip.x, ip.y);
      hoverChanged(index, "canvas");
      el.style.cursor = index !== null && latest.current.editing ? "pointer" : "default";
      tooltip(index === null ? null : p);
    };

    const onWheel = (e: WheelEvent): void => {
      e.preventDefault();
      const p = local(e);
      const vp = zoomAt(view.vp, p, wheelFactor(e.deltaY, e.deltaMode), view.imageSize(), view.view);
      commit(view.setViewport(vp));
      hover(p);
    };

    const onDown = (e: PointerEvent): void => {
      if (e.button !== 0 && e.button !== 1) return;
      // Buttons over the canvas (off-screen markers) take their own clicks: no pan, no capture.
      if (e.target instanceof Element && e.target.closest("button")) return;
      if (e.button === 1) e.preventDefault(); // no autoscroll on middle-button pan
      drag = { id: e.pointerId, sx: e.clientX, sy: e.clientY, vp: view.vp, moved: false };
      el.setPointerCapture(e.pointerId);
    };

    const onMove = (e: PointerEvent): void => {
      if (drag && drag.id === e.pointerId) {
        const dx = e.clientX - drag.sx;
        const dy = e.clientY - drag.sy;
        if (drag.moved || Math.hypot(dx, dy) >= CLICK_SLOP) {
          drag.moved = true;
          el.style.cursor = "grabbing";
          tooltip(null);
          commit(view.setViewport({ scale: drag.vp.scale, x: drag.vp.x + dx, y: drag.vp.y + dy }));
          return;
        }
      }
      hover(local(e));
    };

    const onUp = (e: PointerEvent): void => {
      if (!drag || drag.id !== e.pointerId) return;
      const click = !drag.moved && e.button === 0;
      drag = null;
      if (el.hasPointerCapture(e.pointerId)) el.releasePointerCapture(e.pointerId);
      const p = local(e);
      hover(p);
      const { editing, onToggleTarget } = latest.current;
      if (click && editing && onToggleTarget) {
        const ip = view.toImage(p.x, p.y);
        const index = maskAt(view.scene, ip.x, ip.y);
        if (index !== null) onToggleTarget(index);
      }
    };

    const onLeave = (): void => {
      if (drag) return;
      if (useCanvasStore.getState().hoverSource === "canvas") hoverChanged(null);
      tooltip(null);
    };

    el.addEventListener("wheel", onWheel, { passive: false });
    el.addEventListener("pointerdown", onDown);
    el.addEventListener("pointermove", onMove);
    el.addEventListener("pointerup", onUp);
    el.addEventListener("pointercancel", onUp);
    el.addEventListener("pointerleave", onLeave);
    return () => {
      el.removeEventListener("wheel", onWheel);
      el.removeEventListener("pointerdown", onDown);
      el.removeEventListener("pointermove", onMove);
      el.removeEventListener("pointerup", onUp);
      el.removeEventListener("pointercancel", onUp);
      el.removeEventListener("pointerleave", onLeave);
    };
  }, [areaRef, tooltipRef, view, latest]);
}
