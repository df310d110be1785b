import { reasonLabels, type Decision, type DecisionInput } from "../../shared/domain";
import { formatTime } from "../app/formatTime";

function reasonText(code: string): string {
  return (reasonLabels as Record<string, string>)[code] ?? code;
}

/** One decision in words: status, who and when, reasons, note, what the edits touch. */
export function DecisionSummary({ decision }: { decision: Decision | DecisionInput | null }) {
  if (!decision) return <p className="muted">No decision yet (pending).</p>;
  const edits = decision.edits;
  const touched = edits ? Object.keys(edits).filter((k) => edits[k as keyof typeof edits] !== undefined) : [];
  return (
    <div className="decision-summary">
      <p>
        <span className={`status-pill status-pill--${decision.status}`}>{decision.status}</span>{" "}
        <span className="muted">
          by {decision.reviewer}
          {"updatedAt" in decision ? `, ${formatTime(decision.updatedAt)}` : ""}
        </span>
      </p>
      {decision.reasons && decision.reasons.length > 0 && (
        <p>Reasons: {decision.reasons.map(reasonText).join(", ")}</p>
      )}
      {decision.note ? <p>Note: {decision.note}</p> : null}
      {touched.length > 0 && <p>Edited: {touched.join(", ")}</p>}
    </div>
  );
}
