import { memo } from "react";
import type { PairSummary } from "../../../../shared/api";


interface Props {
  item: PairSummary;
  current: boolean;
  onOpen: (id: string) => void;
}

/** One queue row: status mark, question start, target count, granularity, flag marks. */
export const QueueRow = memo(function QueueRow({ item, current, onOpen }: Props) {
  return (
    <button
      type="button"
      className={`queue-row${current ? " queue-row--current" : ""}`}
      aria-current={current ? "true" : undefined}
      data-testid="queue-row"
      data-pair-id={item.id}
      data-status={item.status}
      onClick={() => onOpen(item.id)}
    >
      <span className={`status-dot status-dot--${item.status}`} aria-label={item.status} title={item.status} />
      <span className="queue-row__question" title={item.question}>
        {item.question}
      </span>
      <span className="queue-row__meta">
        <span>
          {item.targetCount} target{item.targetCount === 1 ? "" : "s"} · {item.granularity}
        </span>
        {item.flags.length > 0 && (
          <span className="queue-row__flags" title={item.flags.join(", ")}>
            ⚑ {item.flags.length === 1 ? item.flags[0] : `${item.flags.length} flags`}
          </span>
        )}
      </span>
    </button>
  );
});
