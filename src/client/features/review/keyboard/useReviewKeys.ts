import { useEffect, useRef } from "react";
import type { PairDetail } from "../../../../shared/api";
import { reviewerDialogOpen } from "../../../app/reviewerStore";
import { showToast } from "../../../lib/toastStore";
import { useConflictStore } from "../../../decisions/conflictStore";
import { reasonForKey } from "../../../decisions/reasonKeys";
import { canvasKeyPressed, fitRequested, othersToggled, overlaysToggled } from "../canvasBridge";
import { useReviewCommands } from "../decide/useReviewCommands";
import { useQueueDrawerStore } from "../layout/queueDrawerStore";
import { useReviewModeStore } from "../reviewModeStore";
import { isTyping } from "./isTyping";
import { predictionsToggled } from "../predictions/predictionStore";

type Commands = ReturnType<typeof useReviewCommands>;

/** What each key does, given the mode; returns false when the key was not ours. */
function handle(event: KeyboardEvent, detail: PairDetail | undefined, commands: Commands): boolean {
  const mode = useReviewModeStore.getState();
  const typing = isTyping(event.target);
  const ctrl = event.ctrlKey || event.metaKey;

  if (event.key === "Escape") {
    if (mode.mode === "view") return false;
    if (mode.mode === "edit") commands.leaveEdit();
    else mode.modeClosed();
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
        showToast("error", "Pick at least one reason (keys 1–9, 0, -) before rejecting.");
        return true;
      }
      mode.modeClosed();
      commands.actions.reject(detail, mode.reasons, mode.note.trim());
      return true;
    }
    const reason = !typing && !ctrl && !event.altKey ? reasonForKey(event.key) : undefined;
    if (reason) {
      mode.reasonToggled(reason);
      return true;
    }
    return false;
  }

  if (mode.mode === "edit") {
    const accepting = (ctrl && event.key === "Enter") || (!typing && !ctrl && event.key === "a");
    if (accepting) {
      commands.accept(detail);
      return true;
    }
    if (typing || ctrl || event.altKey) return false;
    if (event.key === "j") commands.next(detail);
    else if (event.key === "k") commands.previous(detail);
    else return canvasKey(event) || helpKey(event.key);
    return true;
  }

  // view mode
  if (typing) return false;
  if (ctrl && event.key.toLowerCase() === "z" && !event.shiftKey) {
    commands.actions.undo();
    return true;
  }
  if (ctrl || event.altKey) return false;
  switch (event.key) {
    case "a":
      commands.accept(detail);
      return true;
    case "r":
      mode.rejectOpened();
      return true;
    case "e":
      commands.startEdit(detail);
      return true;
    case "j":
      commands.next(detail);
      return true;
    case "k":
      commands.previous(detail);
      return true;
    case "u":
      commands.actions.undo();
      return true;
    default:
      return canvasKey(event) || helpKey(event.key);
  }
}

function canvasKey(event: KeyboardEvent): boolean {
  const { key } = event;
  if (key === "o") othersToggled();
  else if (key === "h") overlaysToggled();
  else if (key === "f") fitRequested();
  else if (key === "p") predictionsToggled();
  else return canvasKeyPressed(event);
  return true;
}

function helpKey(key: string): boolean {
  if (key === "q") {
    useQueueDrawerStore.getState().drawerToggled();
    return true;
  }
  if (key !== "?") return false;
  useReviewModeStore.getState().helpToggled();
  return true;
}

/** One window listener for the review screen; it reads the latest pair through a ref. */
export function useReviewKeys(detail: PairDetail | undefined): void {
  const commands = useReviewCommands();
  const latest = useRef({ detail, commands });
  useEffect(() => {
    latest.current = { detail, commands };
  });
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // A modal of the app (reviewer name, conflict, discard question) owns the keyboard while open.
      if (reviewerDialogOpen() || useConflictStore.getState().conflict || useReviewModeStore.getState().discardAsked) return;
      if (event.defaultPrevented || event.isComposing) return;
      if (handle(event, latest.current.detail, latest.current.commands)) event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, []);
}
