import { Dialog } from "../../../app/Dialog";
import { useReviewCommands } from "../decide/useReviewCommands";
import { useReviewModeStore } from "../reviewModeStore";
import { useEditDraftStore } from "./editDraftStore";

/** Esc on a changed edit draft: drop it, or go on editing (the default, and what Esc does here). */
export function DiscardDialog() {
  const open = useReviewModeStore((state) => state.discardAsked);
  const closed = useReviewModeStore((state) => state.discardAskedClosed);
  const pairId = useEditDraftStore((state) => state.draft?.pairId);
  const commands = useReviewCommands();
  if (!open) return null;
  return (
    <Dialog labelledBy="discard-title" onCancel={closed} testId="discard-dialog">
      <h2 id="discard-title">Discard your changes?</h2>
      <p className="muted">
        The question, answer or targets of <code>{pairId}</code> differ from what the pair reads now. Discarding drops
        them; nothing was saved to the server.
      </p>
      <div className="modal__actions">
        <button type="button" onClick={closed} autoFocus>
          Keep editing
        </button>
        <button type="button" className="button--reject" onClick={commands.discardConfirmed}>
          Discard changes
        </button>
      </div>
    </Dialog>
  );
}
