import { DecisionSummary } from "./DecisionSummary";
import { useConflictStore } from "./conflictStore";
import { newIdempotencyKey } from "./submitDecision";
import { useDecisionMutation } from "./useDecisionMutation";

/** Someone saved first: show both decisions side by side and let the curator keep either. */
export function ConflictDialog() {
  const conflict = useConflictStore((state) => state.conflict);
  const resolved = useConflictStore((state) => state.conflictResolved);
  const mutation = useDecisionMutation();
  if (!conflict) return null;

  const keepMine = () => {
    const baseVersion = conflict.theirs?.version ?? 0;
    mutation.mutate({ pairId: conflict.pairId, input: { ...conflict.mine, baseVersion }, key: newIdempotencyKey() });
    resolved();
  };

  return (
    <div className="modal-backdrop">
      <div
        className="modal modal--wide"
        role="dialog"
        aria-modal="true"
        aria-labelledby="conflict-title"
        data-testid="conflict-view"
        onKeyDown={(event) => {
          if (event.key === "Escape") resolved();
        }}
      >
        <h2 id="conflict-title">Someone else decided this pair first</h2>
        <p className="muted">
          Pair <code>{conflict.pairId}</code> changed on the server before your decision arrived. Keep theirs, or
          save yours over it.
        </p>
        <div className="conflict-columns">
          <section data-testid="conflict-theirs">
            <h3>Their decision (saved)</h3>
            <DecisionSummary decision={conflict.theirs} />
          </section>
          <section data-testid="conflict-mine">
            <h3>Your decision (not saved)</h3>
            <DecisionSummary decision={conflict.mine} />
          </section>
        </div>
        <div className="modal__actions">
          <button type="button" onClick={resolved} autoFocus>
            Keep theirs
          </button>
          <button type="button" className="button--primary" onClick={keepMine}>
            Keep mine
          </button>
        </div>
      </div>
    </div>
  );
}
