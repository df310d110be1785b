import type { CSSProperties } from "react";
import type { AnnotationView } from "../../../../shared/api";
import { targetColor } from "../../../canvas/palette";
import { annotationHovered } from "../canvasBridge";
import { ParentIcon } from "../canvas/ParentIcon";
import { shortName } from "../names";
import { useEditDraftStore } from "./editDraftStore";

interface Props {
  targets: readonly number[];
  annotations: readonly AnnotationView[];
}

/** Targets in placeholder order: reorder, remove, or add any annotation of the image. */
export function TargetListEditor({ targets, annotations }: Props) {
  const toggled = useEditDraftStore((state) => state.targetToggled);
  const moved = useEditDraftStore((state) => state.targetMoved);
  const replaced = useEditDraftStore((state) => state.targetReplaced);
  const byIndex = new Map(annotations.map((a) => [a.index, a]));
  const addable = annotations.filter((a) => !targets.includes(a.index));
  return (
    <div className="target-editor">
      <ol className="target-editor__list" data-testid="target-list">
        {targets.map((index, slot) => {
          const annotation = byIndex.get(index);
          const parent = annotation?.parent === null || annotation?.parent === undefined ? undefined : byIndex.get(annotation.parent);
          const canLift = parent !== undefined && !targets.includes(parent.index);
          return (
            <li
              key={index}
              className="target-editor__row"
              style={{ "--chip-colour": targetColor(slot) } as CSSProperties}
              onMouseEnter={() => annotationHovered(index)}
              onMouseLeave={() => annotationHovered(null)}
            >
              <span className="chip__number">{slot + 1}</span>
              <span className="target-editor__name" title={annotation ? `${annotation.instanceName} (${annotation.categoryName})` : undefined}>
                {annotation ? shortName(annotation.instanceName) : `annotation ${index}`}
              </span>
              <span className="muted target-editor__kind">{annotation?.kind}</span>
              <button type="button" className="icon-button" aria-label={`Move ${annotation?.instanceName ?? index} up`} title="Move up (earlier placeholder)" disabled={slot === 0} onClick={() => moved(slot, slot - 1)}>
                ▲
              </button>
              <button type="button" className="icon-button" aria-label={`Move ${annotation?.instanceName ?? index} down`} title="Move down (later placeholder)" disabled={slot === targets.length - 1} onClick={() => moved(slot, slot + 1)}>
                ▼
              </button>
              {canLift && (
                <button
                  type="button"
                  className="icon-button ip-parent"
                  title={`Replace with parent object: ${parent.instanceName} takes this target's place`}
                  aria-label={`Replace with parent object ${parent.instanceName}`}
                  onClick={() => replaced(index, parent.index)}
                >
                  <ParentIcon /> object
                </button>
              )}
              <button type="button" className="icon-button" aria-label={`Remove target ${annotation?.instanceName ?? index}`} onClick={() => toggled(index)}>
                ×
              </button>
            </li>
          );
        })}
      </ol>
      <label className="field field--inline">
        <span>Add target</span>
        <select
          aria-label="Add target"
          value=""
          onChange={(event) => {
            if (event.target.value !== "") toggled(Number(event.target.value));
          }}
        >
          <option value="">Choose an annotation… (or click a mask)</option>
          {addable.map((a) => (
            <option key={a.index} value={a.index}>
              {a.instanceName} ({a.kind})
            </option>
          ))}
        </select>
      </label>
    </div>
  );
}
