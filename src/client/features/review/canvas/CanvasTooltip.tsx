import { useLayoutEffect, type RefObject } from "react";
import type { PairDetail } from "../../../../shared/api";
import { annotationsByIndex } from "../../../canvas/scene";
import { useCanvasStore } from "./canvasStore";
import { Swatch } from "./Swatch";
import { replaceTooltip } from "./placeTooltip";
import { formatWhole } from "../../../lib/numbers";

interface Props {
  detail: PairDetail;
  targets: readonly number[];
  tipRef: RefObject<HTMLDivElement | null>;
}

/*
 * What is under the pointer: instance name, category, area, role. Only its text goes through
 * React (when the hovered mask changes); its position is written by the pointer handler.
 */
export function CanvasTooltip({ detail, targets, tipRef }: Props) {
  const hovered = useCanvasStore((s) => (s.hoverSource === "canvas" ? s.hovered : null));
  // New text, new size: place it again so the flip near the edges uses the real width.
  useLayoutEffect(() => {
    if (tipRef.current) replaceTooltip(tipRef.current);
  }, [hovered, tipRef]);
  const ann = hovered === null ? undefined : annotationsByIndex(detail).get(hovered);
  const k = ann ? targets.indexOf(ann.index) : -1;
  const imageArea = Math.max(1, detail.image.width * detail.image.height);
  return (
    <div ref={tipRef} className="pc-tooltip" role="tooltip" hidden={!ann}>
      {ann && (
        <>
          <div className="pc-tooltip-name">
            <Swatch target={k >= 0 ? k : null} kind={ann.kind} />
            {ann.instanceName}
          </div>
          <div className="pc-tooltip-meta">
            {ann.categoryName} · {ann.kind}
          </div>
          <div className="pc-tooltip-meta">
            {formatWhole(ann.area)} px · {formatShare(ann.area / imageArea)} of image
          </div>
          <div className="pc-tooltip-role">{k >= 0 ? `Target ${k + 1}` : "Not a target"}</div>
        </>
      )}
    </div>
  );
}

function formatShare(f: number): string {
  const pct = f * 100;
  return pct < 0.1 ? "<0.1%" : pct < 10 ? `${pct.toFixed(1)}%` : `${Math.round(pct)}%`;
}
