import { useMutation, useQueryClient } from "@tanstack/react-query";
import type { DecisionInput } from "../../shared/domain";
import { ConflictError } from "../api/errors";
import { pairKeys, statsKeys } from "../api/keys";
import { showToast } from "../lib/toastStore";
import { useConflictStore } from "./conflictStore";
import { optimisticDecision, restoreSnapshot, snapshotPair, writeDecision, type CacheSnapshot } from "./decisionCache";
import { flushOfflineQueue } from "./offlineFlusher";
import { submitDecision, type SubmitResult } from "./submitDecision";

export interface DecisionVariables {
  pairId: string;
  input: DecisionInput;
  /** Idempotency key of this decision. */
  key: string;
}

/**
 * Saves a decision optimistically: every cached copy of the pair shows it at once; a refusal rolls
 * the caches back and says so; a stale base version opens the conflict view.
 */
export function useDecisionMutation() {
  const client = useQueryClient();
  return useMutation<SubmitResult, Error, DecisionVariables, { snapshot: CacheSnapshot }>({
    // Offline is handled inside (the decision is queued), so the mutation must always run.
    networkMode: "always",
    mutationFn: ({ pairId, input, key }) => submitDecision(pairId, input, key),
    onMutate: async ({ pairId, input }) => {
      await client.cancelQueries({ queryKey: pairKeys.detailAll(pairId) });
      const snapshot = snapshotPair(client, pairId);
      writeDecision(client, pairId, optimisticDecision(input));
      return { snapshot };
    },
    onSuccess: (result, { pairId }) => {
      if (result.kind === "queued") {
        if (navigator.onLine) void flushOfflineQueue();
        return;
      }
      writeDecision(client, pairId, result.response.decision, result.response);
      void client.invalidateQueries({ queryKey: pairKeys.detailAll(pairId) });
      void client.invalidateQueries({ queryKey: statsKeys.all });
    },
    onError: (error, { pairId, input }, context) => {
      if (context) restoreSnapshot(client, context.snapshot);
      if (error instanceof ConflictError) {
        writeDecision(client, pairId, error.current);
        useConflictStore.getState().conflictDetected({ pairId, mine: input, theirs: error.current });
        return;
      }
      showToast("error", `Not saved: ${pairId} — ${error.message}. The pair is back to its previous state.`);
    },
  });
}
