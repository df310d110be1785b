import { useQueryClient, type QueryClient } from "@tanstack/react-query";
import type { Decision, DecisionInput, Reason, Status } from "../../../shared/domain";
import type { Sample } from "../../../shared/insightsApi";
import { lookupDecisions } from "../../api/insightsClient";
import { insightsKeys } from "../../api/insightsQueries";
import { statsKeys } from "../../api/keys";
import { useReviewerStore } from "../../app/reviewerStore";
import { showToast } from "../../lib/toastStore";
import { newIdempotencyKey } from "../../decisions/submitDecision";
import { useDecisionMutation } from "../../decisions/useDecisionMutation";
import { useBulkUndo, type BulkUndoItem } from "./bulkUndoStore";

/*
 * Decides many pairs at once. Every pair is its own PUT with its own idempotency key (so each
 * gets its own history entry and a retry applies once), sent through the review screen's
 * decision mutation: optimistic cache updates, conflicts and offline queueing come for free.
 */

export type BulkChange = { status: "accepted" } | { status: "rejected"; reasons: Reason[]; note: string };

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

function restoreInput(before: Decision | null, reviewer: string, baseVersion: number): DecisionInput {
  if (!before) return { status: "pending", reasons: [], note: "", edits: null, reviewer, baseVersion };
  return { status: before.status, reasons: before.reasons, note: before.note, edits: before.edits, reviewer, baseVersion };
}

export function useBulkDecisions() {
  const client = useQueryClient();
  const mutation = useDecisionMutation();

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
    decide: async (ids: readonly string[], change: BulkChange): Promise<void> => {
      const reviewer = reviewerOrWarn();
      if (!reviewer || ids.length === 0) return;
      const before = await currentDecisions(ids);
      const items: BulkUndoItem[] = [];
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
      const label = `${verb} ${ids.length} pair${ids.length === 1 ? "" : "s"}`;
      useBulkUndo.getState().actionDone({ label, items });
      const failed = await send(writes);
      showToast(failed ? "error" : "info", failed ? `${label}; ${failed} could not be saved.` : `${label}. Press u to undo.`);
    },

    /** Reverts the last gallery action; pairs someone changed since are left alone and counted. */
    undo: async (): Promise<void> => {
      const reviewer = reviewerOrWarn();
      if (!reviewer) return;
      const entry = useBulkUndo.getState().actionUndone();
      if (!entry) {
        showToast("info", "Nothing to undo.");
        return;
      }
      const now = await currentDecisions(entry.items.map((i) => i.pairId));
      const writes: { pairId: string; input: DecisionInput }[] = [];
      let skipped = 0;
      for (const item of entry.items) {
        const current = now[item.pairId] ?? null;
        if ((current?.version ?? 0) !== item.version) skipped++;
        else writes.push({ pairId: item.pairId, input: restoreInput(item.before, reviewer, item.version) });
      }
      const failed = await send(writes);
      const note = skipped ? ` ${skipped} changed since and were left as they are.` : "";
      showToast(failed ? "error" : "info", `Undone: ${entry.label.toLowerCase()}.${note}${failed ? ` ${failed} failed.` : ""}`);
    },
  };
}
