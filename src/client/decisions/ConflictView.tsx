import { useQueryClient } from "@tanstack/react-query";
import { pairKeys } from "../api/keys";
import { Dialog } from "../app/Dialog";
import { DecisionSummary } from "./DecisionSummary";
import { useConflictStore } from "./conflictStore";
import { newIdempotencyKey } from "./submitDecision";
import { useDecisionMutation } from "./useDecisionMutation";

/** Someone saved first: show both decisions side by side and let the curator keep either. */
export function ConflictView() {
  const conflict = useConflictStore((state) => state.conflict);
  const resolved = useConflictStore((state) => state.conflictResolved);
  const mutation = useDecisionMutation();
  const client = useQueryClient();
  if (!conflict) return null;
  // Theirs stays: read the pair again so its decision, history and queue row show what is stored.
  const keepTheirs = () => {
    resolved();
    void client.invalidateQueries({ queryKey: pairKeys.detailAll(conflict.pairId) });
    void client.invalidateQueries({ queryKey: pairKeys.lists() });
  };

  const keepMine = () => {
    const baseVersion = conflict.theirs?.version ?? 0;
    mutation.mutate({ pairId: conflict.pairId, input: { ...conflict.mine, baseVersion }, key: newIdempotencyKey() });
    resolved();
  };

  return (
    <Dialog labelledBy="conflict-title" onCancel={keepTheirs} wide testId="conflict-view">
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
          <button type="button" onClick={keepTheirs} autoFocus>
            Keep theirs
          </button>
          <button type="button" className="button--primary" onClick={keepMine}>
            Keep mine
          </button>
        </div>
    </Dialog>
  );
}
