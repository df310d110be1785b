import type { PairDetail } from "../../../../shared/api";
import { showToast } from "../../../lib/toastStore";
import { ReasonFields } from "../../../decisions/ReasonFields";
import { useReviewModeStore } from "../reviewModeStore";
import { useDecisionActions } from "./useDecisionActions";

/** Reject: reasons toggled with 1–9 (or a click), an optional note, Enter confirms. */
export function ReasonPicker({ detail }: { detail: PairDetail }) {
  const reasons = useReviewModeStore((state) => state.reasons);
  const note = useReviewModeStore((state) => state.note);
  const toggled = useReviewModeStore((state) => state.reasonToggled);
  const noteEdited = useReviewModeStore((state) => state.noteEdited);
  const closed = useReviewModeStore((state) => state.modeClosed);
  const actions = useDecisionActions();

  const confirm = () => {
    if (reasons.length === 0) {
      showToast("error", "Pick at least one reason (keys 1–9, 0, -) before rejecting.");
      return;
    }
    closed();
    actions.reject(detail, reasons, note.trim());
  };

  return (
    <section className="reason-picker" data-testid="reason-picker" aria-label="Reject reasons">
      <h3>Why reject? <span className="muted">1–9, 0, - toggle · Enter rejects · Esc cancels</span></h3>
      <ReasonFields reasons={reasons} note={note} onReasonToggled={toggled} onNoteEdited={noteEdited} autoFocus />
      <div className="reason-picker__actions">
        <button type="button" onClick={closed}>Cancel</button>
        <button type="button" className="button--reject" onClick={confirm} disabled={reasons.length === 0}>
          Confirm ({reasons.length} reason{reasons.length === 1 ? "" : "s"})
        </button>
      </div>
    </section>
  );
}
