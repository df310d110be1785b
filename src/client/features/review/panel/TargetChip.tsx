import type { CSSProperties } from "react";
import { targetColor } from "../../../canvas/palette";
import type { AnnotationView } from "../../../../shared/api";
import { annotationHovered, useHoveredAnnotation, zoomToAnnotation } from "../canvasBridge";
import { TargetIou } from "../predictions/TargetIou";
import { formatWhole } from "../../../lib/numbers";

interface Props {
  slot: number;
  annotation: AnnotationView | undefined;
  /** In edit mode a click removes the target instead of zooming to it. */
  onRemove?: (annotationIndex: number) => void;
}

/** A `{seg}` placeholder shown as its target: colour, number and instance name. */
export function TargetChip({ slot, annotation, onRemove }: Props) {
  const hovered = useHoveredAnnotation();
  if (!annotation) {
    return (
      <span className="chip chip--missing" data-testid="target-chip" data-slot={slot} title="This placeholder has no target">
        <span className="chip__number">{slot + 1}</span>
        no target
      </span>
    );
  }
  const active = hovered === annotation.index;
  return (
    <button
      type="button"
      className={`chip chip--${annotation.kind}${active ? " chip--active" : ""}`}
      style={{ "--chip-colour": targetColor(slot) } as CSSProperties}
      data-testid="target-chip"
      data-slot={slot}
      data-annotation={annotation.index}
      title={`${annotation.categoryName} · ${formatWhole(annotation.area)} px${onRemove ? " · click to remove" : " · click to zoom"}`}
      onMouseEnter={() => annotationHovered(annotation.index)}
      onMouseLeave={() => annotationHovered(null)}
      onFocus={() => annotationHovered(annotation.index)}
      onBlur={() => annotationHovered(null)}
      onClick={() => (onRemove ? onRemove(annotation.index) : zoomToAnnotation(annotation.index))}
    >
      <span className="chip__number">{slot + 1}</span>
      {annotation.instanceName}
      <TargetIou slot={slot} />
      {onRemove ? <span className="chip__remove" aria-hidden="true">×</span> : null}
    </button>
  );
}
