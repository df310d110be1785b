import { putDecision } from "../api/client";
import { ConflictError, isRetryable } from "../api/errors";
import { pairKeys, statsKeys } from "../api/keys";
import { queryClient } from "../lib/queryClient";
import { showToast } from "../lib/toastStore";
import { useConflictStore } from "./conflictStore";
import { writeDecision } from "./decisionCache";
import { useOfflineQueueStore } from "./offlineQueueStore";

/* Delivers decisions that waited for the server, oldest first, each under its own idempotency key. */

const retryEveryMs = 5_000;
let flushing = false;

export async function flushOfflineQueue(): Promise<void> {
  if (flushing) return;
  flushing = true;
  let delivered = 0;
  try {
    for (;;) {
      const item = useOfflineQueueStore.getState().items[0];
      if (!item) break;
      try {
        const response = await putDecision(item.pairId, item.input, item.key);
        writeDecision(queryClient, item.pairId, response.decision, response);
        delivered++;
      } catch (error) {
        if (isRetryable(error)) break; // still unreachable, busy (503) or signed out (401): keep it, try again later
        if (error instanceof ConflictError) {
          writeDecision(queryClient, item.pairId, error.current);
          useConflictStore.getState().conflictDetected({ pairId: item.pairId, mine: item.input, theirs: error.current });
        } else {
          showToast("error", `A queued decision on ${item.pairId} was refused: ${(error as Error).message}`);
        }
      }
      useOfflineQueueStore.getState().decisionDelivered(item.key);
      void queryClient.invalidateQueries({ queryKey: pairKeys.detailAll(item.pairId) });
    }
  } finally {
    flushing = false;
  }
  if (delivered > 0) {
    void queryClient.invalidateQueries({ queryKey: statsKeys.all });
    showToast("info", `Saved ${delivered} decision${delivered === 1 ? "" : "s"} made offline.`);
  }
}

/** Flushes now, whenever the browser comes back online, and every few seconds while any wait. */
export function startOfflineFlusher(): () => void {
  const flush = () => void flushOfflineQueue();
  window.addEventListener("online", flush);
  const timer = setInterval(() => {
    if (useOfflineQueueStore.getState().items.length > 0) flush();
  }, retryEveryMs);
  flush();
  return () => {
    window.removeEventListener("online", flush);
    clearInterval(timer);
  };
}
