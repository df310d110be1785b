import type { PairDetail } from "../../../../shared/api";
import { editsFromDraft } from "../edit/draftEdits";
import { draftChanged, useEditDraftStore } from "../edit/editDraftStore";
import { useReviewModeStore } from "../reviewModeStore";
import { acceptBlockersFor } from "./acceptRules";
import { goNext, goPrevious, useDecisionActions } from "./useDecisionActions";

/*
 * What the keys and the buttons of the review screen do, in one place, so `a` and a click on
 * Accept follow the same rules (refusals, drafts, the discard question).
 */
export function useReviewCommands() {
  const actions = useDecisionActions();
  const modeStore = useReviewModeStore.getState;
  const drafts = useEditDraftStore.getState;

  const editing = (detail: PairDetail) => modeStore().mode === "edit" && drafts().draft?.pairId === detail.id;

  return {
    actions,
    /** Accepts (with the edits while editing) and moves on; refused in place when the rules say so. */
    accept(detail: PairDetail): boolean {
      const inEdit = editing(detail);
      const draft = inEdit ? drafts().draft : null;
      const blockers = acceptBlockersFor(detail, draft);
      if (blockers.length > 0) {
        modeStore().acceptRefused(detail.id, blockers);
        return false;
      }
      const edits = draft ? editsFromDraft(detail, draft) : undefined;
      if (inEdit) drafts().editClosed();
      modeStore().modeClosed();
      return actions.accept(detail, edits);
    },
    startEdit(detail: PairDetail): void {
      if (!drafts().draftRestored(detail.id)) drafts().editStarted(detail);
      modeStore().editOpened();
    },
    /** Esc or Edit pressed again: a changed draft asks first, an unchanged one just closes. */
    leaveEdit(): void {
      if (draftChanged(drafts().draft)) {
        modeStore().discardAskedOpened();
        return;
      }
      drafts().editClosed();
      modeStore().modeClosed();
    },
    discardConfirmed(): void {
      drafts().editClosed();
      modeStore().modeClosed();
    },
    /** j / k: a changed draft is kept for when the pair is opened again. */
    next(detail: PairDetail): void {
      goNext(detail);
    },
    previous(detail: PairDetail): void {
      goPrevious(detail);
    },
  };
}
