import { useQueryClient } from "@tanstack/react-query";
import type { PairDetail } from "../../../../shared/api";
import type { Decision, DecisionInput, Edits, Reason } from "../../../../shared/domain";
import { showToast } from "../../../lib/toastStore";
import { useReviewerStore } from "../../../app/reviewerStore";
import { currentLocation, navigate, reviewPath } from "../../../lib/router";
import { cachedDetail } from "../../../decisions/decisionCache";
import { newIdempotencyKey } from "../../../decisions/submitDecision";
import { useDecisionMutation } from "../../../decisions/useDecisionMutation";
import { useUndoStore } from "./undoStore";

/** Moves within the current queue, keeping its filters in the URL. */
export function goToPair(pairId: string, options: { replace?: boolean } = {}): void {
  navigate(reviewPath(pairId, currentLocation().search), options);
}

export function goNext(detail: PairDetail | undefined): void {
  if (detail?.next) goToPair(detail.next);
  else if (detail) showToast("info", "That was the last pair of this queue.");
}

export function goPrevious(detail: PairDetail | undefined): void {
  if (detail?.prev) goToPair(detail.prev);
}

function inputFrom(decision: Decision | null, reviewer: string, baseVersion: number): DecisionInput {
  if (!decision) return { status: "pending", reasons: [], note: "", edits: null, reviewer, baseVersion };
  return { status: decision.status, reasons: decision.reasons, note: decision.note, edits: decision.edits, reviewer, baseVersion };
}

/** Accept, reject and undo: each saves optimistically and opens the next pair. */
export function useDecisionActions() {
  const client = useQueryClient();
  const mutation = useDecisionMutation();

  const decide = (detail: PairDetail, change: Pick<DecisionInput, "status" | "reasons" | "note" | "edits">) => {
    const reviewer = useReviewerStore.getState().name;
    if (!reviewer) return false;
    const before = detail.decision;
    const baseVersion = before?.version ?? 0;
    mutation.mutate({ pairId: detail.id, input: { ...change, reviewer, baseVersion }, key: newIdempotencyKey() });
    useUndoStore.getState().decisionMade({ pairId: detail.id, before, version: baseVersion + 1 });
    goNext(detail);
    return true;
  };

  return {
    /** `edits` undefined keeps what the pair already had; null drops earlier edits. */
    accept: (detail: PairDetail, edits?: Edits | null) =>
      decide(detail, { status: "accepted", reasons: [], note: "", edits: edits === undefined ? (detail.decision?.edits ?? null) : edits }),
    reject: (detail: PairDetail, reasons: Reason[], note: string) =>
      decide(detail, { status: "rejected", reasons, note, edits: detail.decision?.edits ?? null }),
    /** Puts the last decided pair back as it was, through a new write on its current version. */
    undo: () => {
      const reviewer = useReviewerStore.getState().name;
      if (!reviewer) return;
      const entry = useUndoStore.getState().decisionUndone();
      if (!entry) {
        showToast("info", "Nothing to undo.");
        return;
      }
      const baseVersion = cachedDetail(client, entry.pairId)?.decision?.version ?? entry.version;
      mutation.mutate({ pairId: entry.pairId, input: inputFrom(entry.before, reviewer, baseVersion), key: newIdempotencyKey() });
      goToPair(entry.pairId);
      showToast("info", `Undone: ${entry.pairId} is ${entry.before?.status ?? "pending"} again.`);
    },
  };
}
