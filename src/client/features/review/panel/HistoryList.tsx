import type { PairDetail } from "../../../../shared/api";
import type { HistoryEntry } from "../../../../shared/domain";
import { formatTime } from "../../../app/formatTime";
import { LazyEditsDiff } from "../diff/LazyEditsDiff";
import { sideOf } from "../diff/side";

function describe(entry: HistoryEntry): string {
  const from = entry.before?.status ?? "pending";
  const to = entry.after.status;
  const reasons = entry.after.reasons.length > 0 ? ` (${entry.after.reasons.join(", ")})` : "";
  return from === to ? `${to}${reasons}, updated` : `${from} → ${to}${reasons}`;
}

/** Who decided what and when, newest first, with the diff of each change of the edits. */
export function HistoryList({ detail }: { detail: PairDetail }) {
  if (detail.history.length === 0) return <p className="muted">No decision yet.</p>;
  const entries = [...detail.history].sort((a, b) => b.version - a.version);
  return (
    <ol className="history" data-testid="history">
      {entries.map((entry) => {
        const editsChanged = JSON.stringify(entry.before?.edits ?? null) !== JSON.stringify(entry.after.edits);
        return (
          <li key={entry.version} className="history__entry">
            <div>
              <strong>{entry.reviewer}</strong> <span className="muted">{formatTime(entry.at)}</span>
            </div>
            <div>{describe(entry)}</div>
            {entry.after.note ? <div className="muted">Note: {entry.after.note}</div> : null}
            {editsChanged && (
              <LazyEditsDiff before={sideOf(detail, entry.before?.edits)} after={sideOf(detail, entry.after.edits)} detail={detail} />
            )}
          </li>
        );
      })}
    </ol>
  );
}
