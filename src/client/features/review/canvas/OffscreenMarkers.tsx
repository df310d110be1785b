import type { CSSProperties } from "react";
import type { PairDetail } from "../../../../shared/api";
import { annotationsByIndex, byCategory, byTargetPosition } from "../../../canvas/scene";
import { boxInView, edgeMarker, type Size } from "../../../canvas/viewport";
import { maskFocused, useCanvasStore } from "./canvasStore";
import { targetBoxes } from "./targetBoxes";

interface Props {
  detail: PairDetail;
  targets: readonly number[];
  viewSize: Size;
}

/**
 * An arrow on the canvas edge for every target outside the view, pointing at it, with its
 * number; a click brings it into view. Follows the viewport as it is panned and zoomed.
 */
export function OffscreenMarkers({ detail, targets, viewSize }: Props) {
  const stored = useCanvasStore((s) => (s.activeImage ? s.viewports[s.activeImage] : undefined));
  const hidden = useCanvasStore((s) => s.hiddenTargets);
  const colorBy = useCanvasStore((s) => s.colorBy);
  if (!stored || viewSize.width === 0) return null;
  const anns = annotationsByIndex(detail);
  const boxes = targetBoxes(detail, targets);
  const markers = targets.flatMap((index, k) => {
    const box = boxes[k];
    if (!box || hidden.includes(index) || !anns.has(index) || boxInView(box, stored.vp, viewSize)) return [];
    return [{ index, k, ...edgeMarker(box, stored.vp, viewSize) }];
  });
  if (markers.length === 0) return null;
  const color = colorBy === "category" ? byCategory(detail, targets) : byTargetPosition;
  return (
    <div className="pc-offscreen" data-testid="offscreen-markers">
      <span className="visually-hidden" role="status">
        {markers.length} target{markers.length === 1 ? "" : "s"} outside the view
      </span>
      {markers.map((m) => (
        <button
          key={`${m.k}:${m.index}`}
          type="button"
          className="pc-offscreen__marker"
          data-testid="offscreen-marker"
          data-annotation={m.index}
          style={{ left: m.x, top: m.y, "--marker-colour": color(m.k, anns.get(m.index)?.categoryName ?? ""), "--marker-angle": `${m.angle}rad` } as CSSProperties}
          title={`Target ${m.k + 1} (${anns.get(m.index)?.instanceName ?? ""}) is outside the view: click to show it`}
          aria-label={`Show target ${m.k + 1}, outside the view`}
          onClick={() => maskFocused(m.index)}
        >
          <span className="pc-offscreen__arrow" aria-hidden="true" />
          <span className="pc-offscreen__num">{m.k + 1}</span>
        </button>
      ))}
    </div>
  );
}
