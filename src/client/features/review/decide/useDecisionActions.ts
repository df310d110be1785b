import type { PairDetail } from "../../../../shared/api";
import type { DecisionInput, Edits, Reason } from "../../../../shared/domain";
import { showToast } from "../../../lib/toastStore";
import { useReviewerStore } from "../../../app/reviewerStore";
import { currentlyCan } from "../../../api/authQueries";
import { currentLocation, navigate, reviewPath } from "../../../lib/router";
import { newIdempotencyKey } from "../../../decisions/submitDecision";
import { useDecisionMutation } from "../../../decisions/useDecisionMutation";
import { useUndo } from "../../../decisions/useUndo";
import { useUndoStore } from "../../../decisions/undoStore";
import { useQueryClient } from "@tanstack/react-query";
import { pairKeys } from "../../../api/keys";
import { OUTSIDE_ROUND, roundOf } from "../../../rounds/roundMode";

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

/** Accept, reject and undo: each saves optimistically and opens the next pair. */
export function useDecisionActions() {
  const mutation = useDecisionMutation();
  const client = useQueryClient();
  const undo = useUndo();

  const decide = (detail: PairDetail, change: Pick<DecisionInput, "status" | "reasons" | "note" | "edits">) => {
    // In a review round (?round=<id>) the decision is this reviewer's vote (issue 11).
    const round = roundOf(currentLocation().search);
    if (round !== null) {
      if (!currentlyCan("vote")) {
        showToast("error", "Your role may not decide pairs (read only).");
        return false;
      }
      // Loaded on the first vote: rounds stay out of the initial bundle.
      void import("../../../rounds/voteActions").then(({ voteAndNext }) =>
        voteAndNext(round, detail.id, change, () => void client.invalidateQueries({ queryKey: pairKeys.detailAll(detail.id) })),
      );
      return true;
    }
    const reviewer = useReviewerStore.getState().name;
    if (!reviewer) return false;
    if (!currentlyCan("decide")) {
      showToast("error", currentlyCan("vote") ? `Read only: ${OUTSIDE_ROUND}.` : "Your role may not decide pairs (read only).");
      return false;
    }
    const before = detail.decision;
    const baseVersion = before?.version ?? 0;
    mutation.mutate({ pairId: detail.id, input: { ...change, reviewer, baseVersion }, key: newIdempotencyKey() });
    const verb = change.status === "accepted" ? "Accepted" : change.status === "rejected" ? "Rejected" : "Reset";
    useUndoStore.getState().actionDone({ label: `${verb} ${detail.id}`, items: [{ pairId: detail.id, before, version: baseVersion + 1 }] });
    goNext(detail);
    return true;
  };

  return {
    /** `edits` undefined keeps what the pair already had; null drops earlier edits. */
    accept: (detail: PairDetail, edits?: Edits | null) =>
      decide(detail, { status: "accepted", reasons: [], note: "", edits: edits === undefined ? (detail.decision?.edits ?? null) : edits }),
    reject: (detail: PairDetail, reasons: Reason[], note: string) =>
      decide(detail, { status: "rejected", reasons, note, edits: detail.decision?.edits ?? null }),
    /** Undoes the last action (of this screen or the gallery) and shows the pair it touched. */
    undo: () => {
      void undo((entry) => {
        const only = entry.items.length === 1 ? entry.items[0] : undefined;
        if (only) goToPair(only.pairId);
      });
    },
  };
}
