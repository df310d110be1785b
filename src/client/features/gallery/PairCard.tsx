import { memo, type MouseEvent } from "react";
import type { PairSummary } from "../../../shared/api";
import { flagExplanations } from "../../../shared/domain";
import { ThumbCanvas } from "./ThumbCanvas";

interface PairCardProps {
  pair: PairSummary;
  index: number;
  focused: boolean;
  selected: boolean;
  onClick: (index: number, event: MouseEvent) => void;
  onOpen: (index: number) => void;
}

/** One pair: its picture with the target masks, the question and what is known about it. */
export const PairCard = memo(function PairCard({ pair, index, focused, selected, onClick, onOpen }: PairCardProps) {
  const classes = ["gallery-card", `gallery-card--${pair.status}`];
  if (focused) classes.push("gallery-card--focused");
  if (selected) classes.push("gallery-card--selected");
  return (
    <article
      className={classes.join(" ")}
      data-testid="gallery-card"
      data-pair-id={pair.id}
      data-status={pair.status}
      data-selected={selected ? "true" : "false"}
      aria-selected={selected}
      aria-current={focused ? "true" : undefined}
      role="gridcell"
      onClick={(event) => onClick(index, event)}
      onDoubleClick={() => onOpen(index)}
    >
      <div className="gallery-card__picture">
        <ThumbCanvas pairId={pair.id} version={pair.version ?? 0} />
        <span className="gallery-card__check" aria-hidden="true">
          {selected ? "✓" : ""}
        </span>
        <span className={`status-pill status-pill--${pair.status} gallery-card__status`}>{pair.status}</span>
      </div>
      <p className="gallery-card__question" title={pair.question}>
        {pair.question}
      </p>
      <div className="gallery-card__meta">
        <span title="Targets">
          {pair.targetCount} target{pair.targetCount === 1 ? "" : "s"}
        </span>
        <span className={`gallery-card__granularity gallery-card__granularity--${pair.granularity}`}>{pair.granularity}</span>
        {pair.flags.length > 0 && (
          <span className="gallery-card__flags" title={pair.flags.map((f) => `${f}: ${flagExplanations[f]}`).join("\n")}>
            ⚑ {pair.flags.length === 1 ? pair.flags[0] : `${pair.flags.length} flags`}
          </span>
        )}
        <span className="gallery-card__id muted">
          {pair.imageId}·{pair.index}
        </span>
      </div>
    </article>
  );
});
