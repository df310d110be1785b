import { memo } from "react";
import type { PairSummary } from "../../../../shared/api";

interface Props {
  id: string;
  item: PairSummary;
  current: boolean;
  /** The row the queue's keyboard is on. */
  active: boolean;
  /** An unsaved edit draft of this pair waits in the browser. */
  draft: boolean;
  onOpen: (id: string) => void;
}

/** One queue row (an option of the queue's listbox): status, question start, targets, flags. */
export const QueueRow = memo(function QueueRow({ id, item, current, active, draft, onOpen }: Props) {
  return (
    <div
      id={id}
      role="option"
      aria-selected={current}
      className={`queue-row${current ? " queue-row--current" : ""}${active ? " queue-row--active" : ""}`}
      data-testid="queue-row"
      data-pair-id={item.id}
      data-status={item.status}
      onClick={() => onOpen(item.id)}
    >
      <span className={`status-dot status-dot--${item.status}`} title={item.status} />
      <span className="queue-row__question" title={item.question}>
        <span className="visually-hidden">{item.status}: </span>
        {item.question}
      </span>
      <span className="queue-row__meta">
        <span>
          {item.targetCount} target{item.targetCount === 1 ? "" : "s"} · {item.granularity}
        </span>
        {draft && <span className="queue-row__draft">draft</span>}
        {item.flags.length > 0 && (
          <span className="queue-row__flags" title={item.flags.join(", ")}>
            ⚑ {item.flags.length === 1 ? item.flags[0] : `${item.flags.length} flags`}
          </span>
        )}
      </span>
    </div>
  );
});
