import type { DecisionInput } from "../../shared/domain";
import { parsePairId } from "../../shared/domain";
import { nextPair, putVote } from "../api/roundsClient";
import { useReviewerStore } from "../app/reviewerStore";
import { showToast } from "../lib/toastStore";
import { currentLocation, navigate, reviewPath } from "../lib/router";
import { withRound } from "./roundMode";

/* In a round, Accept and Reject cast the reviewer's vote and open the next pair the round hands them. */

/** Opens the pair `next` hands this reviewer in `roundId`, keeping the queue's split. */
export async function openNextOfRound(roundId: number): Promise<boolean> {
  const reviewer = useReviewerStore.getState().name;
  try {
    const lease = await nextPair(reviewer, roundId);
    if (!lease) {
      showToast("info", `No pair left for you in round ${roundId}: you have voted on all you can take.`);
      return false;
    }
    const split = parsePairId(lease.pairId)?.split;
    const search = withRound(split ? `?split=${encodeURIComponent(split)}` : "", roundId);
    navigate(reviewPath(lease.pairId, search));
    return true;
  } catch (error) {
    showToast("error", `Could not get the next pair of round ${roundId}: ${error instanceof Error ? error.message : String(error)}`);
    return false;
  }
}

export async function voteAndNext(roundId: number, pairId: string, change: Pick<DecisionInput, "status" | "reasons" | "note" | "edits">, onVoted?: () => void): Promise<void> {
  if (change.status === "pending") {
    showToast("info", "In a round a pair is accepted or rejected; there is no reset.");
    return;
  }
  const reviewer = useReviewerStore.getState().name;
  try {
    const result = await putVote(roundId, pairId, {
      status: change.status,
      reasons: change.status === "rejected" ? (change.reasons ?? []) : [],
      note: change.note ?? "",
      edits: change.edits ?? null,
      ...(reviewer ? { reviewer } : {}),
    });
    onVoted?.();
    const said =
      result.state === "agreed"
        ? "the votes agree: the decision is final"
        : result.state === "adjudication"
          ? "the votes differ: a lead will adjudicate"
          : "waiting for the other votes";
    showToast("info", `Voted ${change.status === "accepted" ? "accept" : "reject"} on ${pairId}; ${said}.`);
  } catch (error) {
    showToast("error", `Vote not saved on ${pairId}: ${error instanceof Error ? error.message : String(error)}`);
    return;
  }
  if (roundOfHere() === roundId) await openNextOfRound(roundId);
}

function roundOfHere(): number | null {
  const value = new URLSearchParams(currentLocation().search).get("round");
  return value === null ? null : Number(value);
}
