import { useLayoutEffect, useRef, useState } from "react";
import type { PairDetail } from "../../../../shared/api";
import { annotationsByIndex, byCategory, byTargetPosition } from "../../../canvas/scene";
import { shortName } from "../names";
import { hoverChanged, maskFocused, targetVisibilityToggled, useCanvasStore } from "./canvasStore";
import { Swatch } from "./Swatch";

interface Props {
  detail: PairDetail;
  targets: readonly number[];
}

/**
 * Each target's colour, number and name, wrapping onto more lines so every target shows, each
 * with an eye toggle that hides its mask; and the outline key (solid object, dashed part). The
 * legend is one Tab stop; ←/→ move between its buttons.
 */
export function Legend({ detail, targets }: Props) {
  const anns = annotationsByIndex(detail);
  const hidden = useCanvasStore((s) => s.hiddenTargets);
  const colorBy = useCanvasStore((s) => s.colorBy);
  const color = colorBy === "category" ? byCategory(detail, targets) : byTargetPosition;
  const ref = useRef<HTMLDivElement>(null);
  // The tallest the legend has been: kept as its minimum, so moving to a pair with fewer targets
  // does not shrink it (and resize the canvas). Observed, never measured during a render.
  const [floor, setFloor] = useState(0);
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const ro = new ResizeObserver((entries) => {
      const box = entries[0]?.borderBoxSize[0];
      const height = Math.ceil(box ? box.blockSize : el.offsetHeight);
      setFloor((f) => (height > f ? height : f));
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);
  return (
    <div
      ref={ref}
      className="pc-legend"
      role="group"
      aria-label="Targets"
      data-testid="legend"
      style={{ minHeight: floor || undefined }}
      onKeyDown={(event) => {
        // One Tab stop: ←/→ move between the entries' buttons (zoom, eye).
        if (event.key !== "ArrowRight" && event.key !== "ArrowLeft") return;
        const buttons = [...event.currentTarget.querySelectorAll<HTMLButtonElement>("button")];
        const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
        const next = buttons[at + (event.key === "ArrowRight" ? 1 : -1)];
        if (at < 0 || !next) return;
        event.preventDefault();
        event.stopPropagation();
        next.focus();
      }}
    >
      <span className="pc-key" title="Objects have a solid outline, parts a dashed one">
        <span className="pc-line pc-line-solid" aria-hidden="true" /> object
        <span className="pc-line pc-line-dashed" aria-hidden="true" /> part
      </span>
      {targets.length === 0 && <span className="pc-muted">No targets</span>}
      {targets.map((index, k) => {
        const ann = anns.get(index);
        const name = ann ? ann.instanceName : `missing annotation #${index}`;
        const off = hidden.includes(index);
        return (
          <span key={`${k}:${index}`} className={`pc-legend-entry${off ? " pc-legend-entry--hidden" : ""}`} data-testid="legend-item">
            <button
              type="button"
              className="pc-legend-item"
              tabIndex={k === 0 ? 0 : -1}
              title={`${name}: click to zoom to its mask`}
              onPointerEnter={() => hoverChanged(index)}
              onPointerLeave={() => hoverChanged(null)}
              onFocus={() => hoverChanged(index)}
              onBlur={() => hoverChanged(null)}
              onClick={() => maskFocused(index)}
            >
              <Swatch target={k} kind={ann?.kind ?? "object"} color={color(k, ann?.categoryName ?? "")} />
              <span className="pc-legend-num">{k + 1}</span>
              <span className="pc-legend-name" aria-hidden="true">
                {shortName(name, 24)}
              </span>
              <span className="visually-hidden">{name}</span>
            </button>
            <button
              type="button"
              className="pc-eye"
              tabIndex={-1}
              aria-pressed={!off}
              aria-label={`Show target ${k + 1}`}
              title={off ? `Show ${name}` : `Hide ${name}`}
              onClick={() => targetVisibilityToggled(index)}
            >
              <EyeIcon off={off} />
            </button>
          </span>
        );
      })}
    </div>
  );
}

function EyeIcon({ off }: { off: boolean }) {
  return (
    <svg width="14" height="14" viewBox="0 0 16 16" aria-hidden="true" fill="none" stroke="currentColor" strokeWidth="1.5">
      <path d="M1 8s2.5-5 7-5 7 5 7 5-2.5 5-7 5-7-5-7-5z" />
      <circle cx="8" cy="8" r="2" />
      {off && <path d="M2 14L14 2" />}
    </svg>
  );
}
