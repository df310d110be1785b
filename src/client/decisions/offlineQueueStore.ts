import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { DecisionInput } from "../../shared/domain";

/** A decision made while the server was unreachable; kept in localStorage until delivered. */
export interface QueuedDecision {
  /** Idempotency key: the same on every retry, so the server applies it once. */
  key: string;
  pairId: string;
  input: DecisionInput;
  queuedAt: string;
}

interface OfflineQueueState {
  items: QueuedDecision[];
  decisionQueued: (item: QueuedDecision) => void;
  decisionDelivered: (key: string) => void;
}

export const useOfflineQueueStore = create<OfflineQueueState>()(
  persist(
    (set, get) => ({
      items: [],
      decisionQueued: (item) => set({ items: [...get().items.filter((i) => i.key !== item.key), item] }),
      decisionDelivered: (key) => set({ items: get().items.filter((item) => item.key !== key) }),
    }),
    { name: "mmr-review.offline-decisions" },
  ),
);
