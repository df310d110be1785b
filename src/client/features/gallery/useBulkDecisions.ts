import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { PairSummary } from "../../../shared/api";
import { acceptBlockers, type Decision, type DecisionInput, type Reason, type Status } from "../../../shared/domain";
import type { Sample } from "../../../shared/insightsApi";
import { lookupDecisions } from "../../api/insightsClient";
import { insightsKeys } from "../../api/insightsQueries";
import { statsKeys } from "../../api/keys";
import { useReviewerStore } from "../../app/reviewerStore";
import { currentlyCan } from "../../api/authQueries";
import { showToast } from "../../lib/toastStore";
import { newIdempotencyKey } from "../../decisions/submitDecision";
import { useUndoStore, type UndoItem } from "../../decisions/undoStore";
import { useDecisionMutation } from "../../decisions/useDecisionMutation";
import { useUndo } from "../../decisions/useUndo";

/*
 * Decides many pairs at once. Every pair is its own PUT with its own idempotency key (so each
 * gets its own history entry and a retry applies once), sent through the review screen's
 * decision mutation: optimistic cache updates, conflicts and offline queueing come for free.
 * Accepting skips the pairs the loader rules refuse (acceptBlockers), whatever the server says.
 */

export type BulkChange = { status: "accepted" } | { status: "rejected"; reasons: Reason[]; note: string };

/** What a bulk action needs to know of each pair up front. */
export type BulkTarget = Pick<PairSummary, "id" | "status" | "flags">;

/** The pairs an action would write, and those it leaves out and why. */
export interface BulkPlan {
  writes: BulkTarget[];
  /** Accepting: pairs the training loader cannot use (they need an edit or a reject). */
  blocked: BulkTarget[];
  /** Already decided pairs the action would overwrite (or skips, when asked to). */
  decided: BulkTarget[];
}

export function planBulk(pairs: readonly BulkTarget[], action: Status, skipDecided: boolean): BulkPlan {
  const blocked = action === "accepted" ? pairs.filter((p) => acceptBlockers(p.flags).length > 0) : [];
  const open = pairs.filter((p) => !blocked.includes(p));
  const decided = open.filter((p) => p.status !== "pending");
  return { writes: skipDecided ? open.filter((p) => p.status === "pending") : open, blocked, decided };
}

const LOOKUP_CHUNK = 1000;

async function currentDecisions(ids: readonly string[]): Promise<Record<string, Decision | null>> {
  const out: Record<string, Decision | null> = {};
  for (let i = 0; i < ids.length; i += LOOKUP_CHUNK) Object.assign(out, await lookupDecisions(ids.slice(i, i + LOOKUP_CHUNK)));
  return out;
}

/** The sample query is not a pair list, so the shared cache writer does not reach it. */
function patchSamples(client: QueryClient, statuses: Map<string, Status>): void {
  client.setQueriesData<Sample>({ queryKey: insightsKeys.samples() }, (sample) =>
    sample
      ? { ...sample, items: sample.items.map((item) => (statuses.has(item.id) ? { ...item, status: statuses.get(item.id)! } : item)) }
      : sample,
  );
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function useBulkDecisions() {
  const client = useQueryClient();
  const mutation = useDecisionMutation();
  const undoLast = useUndo();
  const send = async (writes: { pairId: string; input: DecisionInput }[]): Promise<number> => {
    patchSamples(client, new Map(writes.map((w) => [w.pairId, w.input.status])));
    const results = await Promise.allSettled(
      writes.map((w) => mutation.mutateAsync({ pairId: w.pairId, input: w.input, key: newIdempotencyKey() })),
    );
    void client.invalidateQueries({ queryKey: insightsKeys.samples() });
    void client.invalidateQueries({ queryKey: statsKeys.all });
    return results.filter((r) => r.status === "rejected").length;
  };
  const reviewerOrWarn = (): string | null => {
    const reviewer = useReviewerStore.getState().name;
    if (!reviewer) showToast("error", "Name yourself first (top right): every decision records its reviewer.");
    return reviewer;
  };
  return {
    decide: async (pairs: readonly BulkTarget[], change: BulkChange, options: { skipDecided?: boolean } = {}): Promise<void> => {
      const reviewer = reviewerOrWarn();
      if (!reviewer || pairs.length === 0) return;
      // The server refuses a viewer's decisions; bulk is the lead's (the buttons say so too).
      if (!currentlyCan("decide")) return void showToast("error", "Your role may not decide pairs (read only).");
      if (pairs.length > 1 && !currentlyCan("bulk")) return void showToast("error", "Bulk decisions need the lead or admin role; decide pairs one at a time.");
      const plan = planBulk(pairs, change.status, options.skipDecided ?? false);
      const left: string[] = [];
      if (plan.blocked.length > 0) left.push(`${plan.blocked.length} skipped: the training loader cannot use them (edit or reject them)`);
      if (options.skipDecided && plan.decided.length > 0) left.push(`${plan.decided.length} already decided left as they are`);
      if (plan.writes.length === 0) {
        showToast("error", `Nothing ${change.status}: ${left.join("; ")}.`);
        return;
      }
      const ids = plan.writes.map((p) => p.id);
      const before = await currentDecisions(ids);
      const items: UndoItem[] = [];
      const writes = ids.map((pairId) => {
        const prior = before[pairId] ?? null;
        const baseVersion = prior?.version ?? 0;
        items.push({ pairId, before: prior, version: baseVersion + 1 });
        const reasons = change.status === "rejected" ? change.reasons : [];
        const note = change.status === "rejected" ? change.note : "";
        // Edits a reviewer made stay: a spot-check judges the pair as it now stands.
        return { pairId, input: { status: change.status, reasons, note, edits: prior?.edits ?? null, reviewer, baseVersion } };
      });
      const verb = change.status === "accepted" ? "Accepted" : "Rejected";
      const label = `${verb} ${plural(ids.length, "pair")}`;
      useUndoStore.getState().actionDone({ label, items });
      const failed = await send(writes);
      const extra = left.length > 0 ? ` ${left.join("; ")}.` : "";
      showToast(failed || plan.blocked.length ? "error" : "info", failed ? `${label}; ${failed} could not be saved.${extra}` : `${label}.${extra} Press u to undo.`);
    },
    /** Reverts the last action (the gallery's or the review screen's); pairs changed since stay. */
    undo: async (): Promise<void> => {
      if (!reviewerOrWarn()) return;
      await undoLast();
      void client.invalidateQueries({ queryKey: insightsKeys.samples() });
      void client.invalidateQueries({ queryKey: statsKeys.all });
    },
  };
}
