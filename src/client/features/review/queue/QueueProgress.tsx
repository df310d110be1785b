import type { PairFilter, StatusCounts } from "../../../../shared/api";
import type { Status } from "../../../../shared/domain";
import { formatWhole } from "../../../lib/numbers";

interface Props {
  counts: StatusCounts | undefined;
  status: PairFilter["status"];
  onStatus: (status: Status | undefined) => void;
}

/** Decided / total for the current filter, and per-status counts that double as a status filter. */
export function QueueProgress({ counts, status, onStatus }: Props) {
  if (!counts) return <div className="queue-progress" />;
  const total = counts.pending + counts.accepted + counts.rejected;
  const decided = counts.accepted + counts.rejected;
  const pct = (n: number) => (total === 0 ? 0 : (n / total) * 100);
  return (
    <div className="queue-progress" data-testid="queue-progress">
      <div className="queue-progress__label">
        <span>
          <strong data-testid="decided-count">{decided.toLocaleString("en")}</strong> of{" "}
          <strong data-testid="total-count">{total.toLocaleString("en")}</strong> decided
        </span>
        <span className="muted">{total === 0 ? "" : `${Math.round(pct(decided))}%`}</span>
      </div>
      <div className="progress-bar" role="progressbar" aria-valuemin={0} aria-valuemax={total} aria-valuenow={decided} aria-label="Decided">
        <span className="progress-bar__accepted" style={{ width: `${pct(counts.accepted)}%` }} />
        <span className="progress-bar__rejected" style={{ width: `${pct(counts.rejected)}%` }} />
      </div>
      <div className="status-counts">
        {(["pending", "accepted", "rejected"] as const).map((s) => (
          <button
            key={s}
            type="button"
            className={`status-count${status === s ? " status-count--on" : ""}`}
            aria-pressed={status === s}
            onClick={() => onStatus(status === s ? undefined : s)}
          >
            <span className={`status-dot status-dot--${s}`} /> {s} {formatWhole(counts[s])}
          </button>
        ))}
      </div>
    </div>
  );
}
