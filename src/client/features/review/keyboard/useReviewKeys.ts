import { useEffect, useRef } from "react";
import type { PairDetail } from "../../../../shared/api";
import { reasonCodes } from "../../../../shared/domain";
import { useReviewerStore } from "../../../app/reviewerStore";
import { showToast } from "../../../lib/toastStore";
import { useConflictStore } from "../../../decisions/conflictStore";
import { fitRequested, othersToggled, overlaysToggled } from "../canvasBridge";
import { goNext, goPrevious, useDecisionActions } from "../decide/useDecisionActions";
import { editsFromDraft } from "../edit/draftEdits";
import { useEditDraftStore } from "../edit/editDraftStore";
import { useReviewModeStore } from "../reviewModeStore";
import { isTyping } from "./isTyping";

type Actions = ReturnType<typeof useDecisionActions>;

/** What each key does, given the mode; returns false when the key was not ours. */
function handle(event: KeyboardEvent, detail: PairDetail | undefined, actions: Actions): boolean {
  const mode = useReviewModeStore.getState();
  const typing = isTyping(event.target);
  const ctrl = event.ctrlKey || event.metaKey;

  if (event.key === "Escape") {
    if (mode.mode === "view") return false;
    if (mode.mode === "edit") useEditDraftStore.getState().editClosed();
    mode.modeClosed();
    return true;
  }
  if (mode.mode === "help") {
    if (event.key === "?") mode.helpToggled();
    return event.key === "?";
  }
  if (!detail) return false;

  if (mode.mode === "reject") {
    if (event.key === "Enter" && !event.shiftKey) {
      if (mode.reasons.length === 0) {
        showToast("error", "Pick at least one reason (keys 1–9) before rejecting.");
        return true;
      }
      mode.modeClosed();
      actions.reject(detail, mode.reasons, mode.note.trim());
      return true;
    }
    const digit = Number(event.key);
    if (!typing && !ctrl && Number.isInteger(digit) && digit >= 1 && digit <= 9) {
      const reason = reasonCodes[digit - 1];
      if (reason) mode.reasonToggled(reason);
      return true;
    }
    return false;
  }

  if (mode.mode === "edit") {
    const accepting = (ctrl && event.key === "Enter") || (!typing && !ctrl && event.key === "a");
    if (accepting) {
      const draft = useEditDraftStore.getState().draft;
      const edits = draft && draft.pairId === detail.id ? editsFromDraft(detail, draft) : undefined;
      useEditDraftStore.getState().editClosed();
      mode.modeClosed();
      actions.accept(detail, edits);
      return true;
    }
    if (typing || ctrl) return false;
    return canvasKey(event.key) || helpKey(event.key);
  }

  // view mode
  if (typing) return false;
  if (ctrl && event.key.toLowerCase() === "z" && !event.shiftKey) {
    actions.undo();
    return true;
  }
  if (ctrl || event.altKey) return false;
  switch (event.key) {
    case "a":
      actions.accept(detail);
      return true;
    case "r":
      mode.rejectOpened();
      return true;
    case "e":
      useEditDraftStore.getState().editStarted(detail);
      mode.editOpened();
      return true;
    case "j":
      goNext(detail);
      return true;
    case "k":
      goPrevious(detail);
      return true;
    case "u":
      actions.undo();
      return true;
    default:
      return canvasKey(event.key) || helpKey(event.key);
  }
}

function canvasKey(key: string): boolean {
  if (key === "o") othersToggled();
  else if (key === "h") overlaysToggled();
  else if (key === "f") fitRequested();
  else return false;
  return true;
}

function helpKey(key: string): boolean {
  if (key !== "?") return false;
  useReviewModeStore.getState().helpToggled();
  return true;
}

/** One window listener for the review screen; it reads the latest pair through a ref. */
export function useReviewKeys(detail: PairDetail | undefined): void {
  const actions = useDecisionActions();
  const latest = useRef({ detail, actions });
  useEffect(() => {
    latest.current = { detail, actions };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A modal of the app (reviewer name, conflict) owns the keyboard while it is open.
      if (!useReviewerStore.getState().name || useConflictStore.getState().conflict) return;
      if (event.defaultPrevented || event.isComposing) return;
      if (handle(event, latest.current.detail, latest.current.actions)) event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
