import { create } from "zustand";
import type { Decision, DecisionInput } from "../../shared/domain";

/** A refused write: what this reviewer tried to save and what the server holds instead. */
export interface PendingConflict {
  pairId: string;
  mine: DecisionInput;
  theirs: Decision | null;
}

interface ConflictState {
  conflict: PendingConflict | null;
  conflictDetected: (conflict: PendingConflict) => void;
  conflictResolved: () => void;
}

export const useConflictStore = create<ConflictState>()((set) => ({
  conflict: null,
  conflictDetected: (conflict) => set({ conflict }),
  conflictResolved: () => set({ conflict: null }),
}));
