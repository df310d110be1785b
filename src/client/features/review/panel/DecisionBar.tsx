import type { PairDetail } from "../../../../shared/api";
import { useDecisionActions } from "../decide/useDecisionActions";
import { editsFromDraft } from "../edit/draftEdits";
import { useEditDraftStore } from "../edit/editDraftStore";
import { useReviewModeStore } from "../reviewModeStore";

/** The four decision buttons; each names its key. Accessible names are exactly the verbs. */
export function DecisionBar({ detail }: { detail: PairDetail }) {
  const actions = useDecisionActions();
  const mode = useReviewModeStore((state) => state.mode);
  const rejectOpened = useReviewModeStore((state) => state.rejectOpened);
  const editOpened = useReviewModeStore((state) => state.editOpened);
  const modeClosed = useReviewModeStore((state) => state.modeClosed);
  const editStarted = useEditDraftStore((state) => state.editStarted);
  const editClosed = useEditDraftStore((state) => state.editClosed);

  const accept = () => {
    const draft = useEditDraftStore.getState().draft;
    const edits = mode === "edit" && draft?.pairId === detail.id ? editsFromDraft(detail, draft) : undefined;
    editClosed();
    modeClosed();
    actions.accept(detail, edits);
  };

  return (
    <div className="decision-bar">
      <button type="button" className="button--accept" aria-label="Accept" onClick={accept}>
        Accept <kbd>a</kbd>
      </button>
      <button type="button" className="button--reject" aria-label="Reject" aria-pressed={mode === "reject"} onClick={() => (mode === "reject" ? modeClosed() : rejectOpened())}>
        Reject <kbd>r</kbd>
      </button>
      <button
        type="button"
        aria-label="Edit"
        aria-pressed={mode === "edit"}
        onClick={() => {
          if (mode === "edit") {
            editClosed();
            modeClosed();
          } else {
            editStarted(detail);
            editOpened();
          }
        }}
      >
        Edit <kbd>e</kbd>
      </button>
      <button type="button" aria-label="Undo" onClick={actions.undo}>
        Undo <kbd>u</kbd>
      </button>
    </div>
  );
}
