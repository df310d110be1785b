import type { DecisionResponse } from "../../shared/api";
import type { DecisionInput } from "../../shared/domain";
import { putDecision } from "../api/client";
import { isRetryable } from "../api/errors";
import { useOfflineQueueStore } from "./offlineQueueStore";

export type SubmitResult = { kind: "saved"; response: DecisionResponse } | { kind: "queued" };

export function newIdempotencyKey(): string {
  return crypto.randomUUID();
}

/**
 * Sends a decision, or keeps it for later when the server cannot be reached or answers 503. While older
 * decisions still wait, a new one queues behind them so the server sees them in order.
 */
export async function submitDecision(pairId: string, input: DecisionInput, key: string): Promise<SubmitResult> {
  const queue = useOfflineQueueStore.getState();
  const enqueue = (): SubmitResult => {
    queue.decisionQueued({ key, pairId, input, queuedAt: new Date().toISOString() });
    return { kind: "queued" };
  };
  if (!navigator.onLine || queue.items.length > 0) return enqueue();
  try {
    return { kind: "saved", response: await putDecision(pairId, input, key) };
  } catch (error) {
    // Unreachable, the server's database is restarting (503) or the session ended (401): keep it,
    // with its key, for later (after the next sign-in).
    if (isRetryable(error)) return enqueue();
    throw error;
  }
}
