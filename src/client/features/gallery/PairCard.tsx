import { memo, useEffect, useRef, useState, type MouseEvent } from "react";
import type { PairSummary } from "../../../shared/api";
import { flagExplanations } from "../../../shared/domain";
import { EnlargedCard } from "./EnlargedCard";
import { TargetNames } from "./TargetNames";
import { ThumbCanvas } from "./ThumbCanvas";
import { THUMB_H, THUMB_W } from "./thumbRender";
import { useThumb } from "./useThumb";

interface PairCardProps {
  pair: PairSummary;
  index: number;
  focused: boolean;
  /** `v` on the focused card: enlarged as hovering does, without a pointer. */
  enlargedByKey: boolean;
  selected: boolean;
  onClick: (index: number, event: MouseEvent) => void;
  onOpen: (index: number) => void;
}

/** Resting on a picture this long enlarges it; passing over cards does not. */
const ENLARGE_DELAY_MS = 350;

/** One pair: its picture with the target masks, their names, the question and what is known. */
export const PairCard = memo(function PairCard({ pair, index, focused, enlargedByKey, selected, onClick, onOpen }: PairCardProps) {
  const version = pair.version ?? 0;
  const { entry, state } = useThumb(pair.id, version);
  const [hovered, setEnlarged] = useState<DOMRect | null>(null);
  const [keyed, setKeyed] = useState<DOMRect | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const pictureRef = useRef<HTMLDivElement>(null);
  useEffect(() => () => clearTimeout(timer.current), []);
  // Measured a frame later: the grid scrolls the newly focused card into view in its own effect.
  useEffect(() => {
    if (!enlargedByKey) {
      setKeyed(null);
      return;
    }
    const frame = requestAnimationFrame(() => setKeyed(pictureRef.current?.getBoundingClientRect() ?? null));
    return () => cancelAnimationFrame(frame);
  }, [enlargedByKey]);
  const enlarged = hovered ?? keyed;
  const hoverStart = (event: MouseEvent<HTMLDivElement>) => {
    const target = event.currentTarget;
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setEnlarged(target.getBoundingClientRect()), ENLARGE_DELAY_MS);
  };
  const hoverEnd = () => {
    clearTimeout(timer.current);
    setEnlarged(null);
  };

  const classes = ["gallery-card", `gallery-card--${pair.status}`];
  if (focused) classes.push("gallery-card--focused");
  if (selected) classes.push("gallery-card--selected");
  const names = entry?.targets.map((t, k) => `${k + 1} ${t.name}`).join("\n");
  return (
    <article
      className={classes.join(" ")}
      data-testid="gallery-card"
      data-pair-id={pair.id}
      data-status={pair.status}
      data-selected={selected ? "true" : "false"}
      aria-current={focused ? "true" : undefined}
      onClick={(event) => onClick(index, event)}
      onDoubleClick={() => onOpen(index)}
    >
      <div ref={pictureRef} className="gallery-card__picture" onMouseEnter={hoverStart} onMouseLeave={hoverEnd} onWheel={hoverEnd}>
        <ThumbCanvas pairId={pair.id} entry={entry} state={state} width={THUMB_W} height={THUMB_H} />
        <span className="gallery-card__check" aria-hidden="true">
          {selected ? "✓" : ""}
        </span>
        {selected && <span className="visually-hidden">selected</span>}
        <span className={`status-pill status-pill--${pair.status} gallery-card__status`}>{pair.status}</span>
      </div>
      <p className="gallery-card__question" title={pair.question}>
        {pair.question}
      </p>
      <div className="gallery-card__names" title={names}>
        {entry ? <TargetNames targets={entry.targets} className="gallery-card__targets" max={26} /> : <span className="muted">{"\u00a0"}</span>}
      </div>
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
      {enlarged && <EnlargedCard pairId={pair.id} version={version} question={pair.question} anchor={enlarged} />}
    </article>
  );
});
