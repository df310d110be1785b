import type { AnnotationView } from "../../../../shared/api";
import { targetColor } from "../../../canvas/palette";
import { hoverChanged, maskFocused, useCanvasStore } from "./canvasStore";
import { ParentIcon } from "./ParentIcon";
import { formatWhole } from "../../../lib/numbers";

export interface RowEditing {
  onToggleTarget?(annotationIndex: number): void;
  onReplaceTarget?(from: number, to: number): void;
}

interface Props {
  ann: AnnotationView;
  /** Placeholder positions (0-based) where this annotation is a target; empty when it is not. */
  positions: readonly number[];
  /** Edit mode callbacks; absent outside edit mode. */
  edit: RowEditing | null;
  /** For a part: its object, when the object is not already a target (swap up). */
  swapUp?: AnnotationView;
  /** For an object target: its parts that are not targets yet (swap down). */
  swapDown?: readonly AnnotationView[];
  expanded?: boolean;
  onExpand?: () => void;
  /** The one row name in the Tab order (the list is one Tab stop; ↑/↓ move inside it). */
  tabStop?: boolean;
}

/** One instance: target marks, name, area; hover highlights its mask, click zooms to it. */
export function InstanceRow({ ann, positions, edit, swapUp, swapDown, expanded, onExpand, tabStop = false }: Props) {
  const hovered = useCanvasStore((s) => s.hovered === ann.index);
  const isTarget = positions.length > 0;
  const first = positions[0];
  return (
    <div
      className={`pc-row ${ann.kind === "part" ? "ip-part" : ""}`}
      data-testid="instance-row"
      data-annotation-index={ann.index}
      data-hovered={hovered ? "true" : undefined}
      data-target={isTarget ? "true" : undefined}
      onPointerEnter={() => hoverChanged(ann.index)}
      onPointerLeave={() => hoverChanged(null)}
      onClick={(e) => {
        // Buttons in the row act on their own; a click anywhere else zooms to the mask.
        if (!(e.target as Element).closest("button, select")) maskFocused(ann.index);
      }}
      onKeyDown={(e) => {
        // ↑/↓ move between rows without tabbing through every row's buttons; →/← open and close
        // an object's parts.
        if (onExpand && ((e.key === "ArrowRight" && !expanded) || (e.key === "ArrowLeft" && expanded))) {
          e.preventDefault();
          e.stopPropagation();
          onExpand();
          return;
        }
        if (e.key !== "ArrowDown" && e.key !== "ArrowUp") return;
        const names = [...(e.currentTarget.closest(".ip-list")?.querySelectorAll<HTMLElement>("[data-instance-name]") ?? [])];
        const at = names.findIndex((el) => e.currentTarget.contains(el));
        const next = names[at + (e.key === "ArrowDown" ? 1 : -1)];
        if (!next) return;
        e.preventDefault();
        e.stopPropagation();
        next.focus();
      }}
      title={`${ann.categoryName} · ${formatWhole(ann.area)} px — click to zoom to it`}
    >
      {onExpand ? (
        <button type="button" className="ip-twisty" tabIndex={-1} aria-expanded={expanded} aria-label={expanded ? "Collapse parts" : "Expand parts"} onClick={onExpand}>
          {expanded ? "▾" : "▸"}
        </button>
      ) : (
        ann.kind === "object" && <span className="ip-twisty" aria-hidden="true" />
      )}
      {isTarget ? (
        positions.map((k) => (
          <span
            key={k}
            className={`ip-mark ${ann.kind === "part" ? "ip-mark-part" : ""}`}
            style={{ background: targetColor(k) }}
            title={`Target ${k + 1}`}
          >
            {k + 1}
          </span>
        ))
      ) : (
        <span className="ip-mark ip-mark-none" aria-hidden="true" />
      )}
      <button
        type="button"
        className="ip-name"
        data-instance-name=""
        tabIndex={tabStop ? 0 : -1}
        title={`${ann.instanceName}: zoom to its mask`}
        onFocus={() => hoverChanged(ann.index)}
        onBlur={() => hoverChanged(null)}
        onClick={() => maskFocused(ann.index)}
      >
        {ann.instanceName}
        {isTarget && <span className="visually-hidden"> (target {positions.map((k) => k + 1).join(", ")})</span>}
      </button>
      <span className="ip-meta">{formatArea(ann.area)}</span>
      {edit && (
        <span className="ip-actions">
          {swapUp && first !== undefined && edit.onReplaceTarget && (
            <button
              type="button"
              className="ip-parent"
              title={`Replace with parent object: ${swapUp.instanceName} takes this target's place`}
              aria-label={`Replace with parent object ${swapUp.instanceName}`}
              onClick={() => edit.onReplaceTarget?.(ann.index, swapUp.index)}
            >
              <ParentIcon /> object
            </button>
          )}
          {swapDown && swapDown.length > 0 && edit.onReplaceTarget && (
            <select
              className="ip-swap-down"
              title="Replace with one of its parts"
              aria-label={`Replace ${ann.instanceName} with one of its parts`}
              value=""
              onChange={(e) => {
                const to = Number(e.currentTarget.value);
                if (Number.isInteger(to)) edit.onReplaceTarget?.(ann.index, to);
              }}
            >
              <option value="" disabled>
                ⤵ part…
              </option>
              {swapDown.map((p) => (
                <option key={p.index} value={p.index}>
                  {p.instanceName}
                </option>
              ))}
            </select>
          )}
          {edit.onToggleTarget && (
            <button
              type="button"
              className={isTarget ? "ip-remove" : "ip-add"}
              title={isTarget ? "Remove from the targets" : "Add as a target"}
              aria-label={`${isTarget ? "Remove" : "Add"} ${ann.instanceName} as target`}
              onClick={() => edit.onToggleTarget?.(ann.index)}
            >
              {isTarget ? "−" : "+"}
            </button>
          )}
        </span>
      )}
    </div>
  );
}

function formatArea(a: number): string {
  return a >= 10_000 ? `${(a / 1000).toFixed(0)}k px` : `${formatWhole(a)} px`;
}

