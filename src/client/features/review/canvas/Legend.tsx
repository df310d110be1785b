import type { PairDetail } from "../../../../shared/api";
import { annotationsByIndex } from "../../../canvas/scene";
import { hoverChanged, maskFocused } from "./canvasStore";
import { Swatch } from "./Swatch";

interface Props {
  detail: PairDetail;
  targets: readonly number[];
}

/** Each target's colour, number and name; the outline key (solid object, dashed part). */
export function Legend({ detail, targets }: Props) {
  const anns = annotationsByIndex(detail);
  return (
    <div className="pc-legend" aria-label="Legend">
      {/* The outline key comes first so it stays in view when many targets scroll sideways. */}
      <span className="pc-key" title="Objects have a solid outline, parts a dashed one">
        <span className="pc-line pc-line-solid" aria-hidden="true" /> object
        <span className="pc-line pc-line-dashed" aria-hidden="true" /> part
      </span>
      {targets.length === 0 && <span className="pc-muted">No targets</span>}
      {targets.map((index, k) => {
        const ann = anns.get(index);
        return (
          <button
            type="button"
            key={`${k}:${index}`}
            className="pc-legend-item"
            title={`${ann?.instanceName ?? `annotation #${index}`}: click to zoom to its mask`}
            onPointerEnter={() => hoverChanged(index)}
            onPointerLeave={() => hoverChanged(null)}
            onClick={() => maskFocused(index)}
          >
            <Swatch target={k} kind={ann?.kind ?? "object"} />
            <span className="pc-legend-num">{k + 1}</span>
            <span className="pc-legend-name">{ann ? ann.instanceName : `missing annotation #${index}`}</span>
          </button>
        );
      })}
    </div>
  );
}
