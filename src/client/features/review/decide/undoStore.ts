import { create } from "zustand";
import type { Decision } from "../../../../shared/domain";

/** What a decision replaced, so `u` can put it back. */
export interface UndoEntry {
  pairId: string;
  before: Decision | null;
  /** The version the decision was given (the base of the undo when the cache lost the pair). */
  version: number;
}

interface UndoState {
  stack: UndoEntry[];
  decisionMade: (entry: UndoEntry) => void;
  decisionUndone: () => UndoEntry | undefined;
}

const depth = 50;

export const useUndoStore = create<UndoState>()((set, get) => ({
  stack: [],
  decisionMade: (entry) => set({ stack: [...get().stack.slice(-(depth - 1)), entry] }),
  decisionUndone: () => {
    const { stack } = get();
    const last = stack[stack.length - 1];
    if (last) set({ stack: stack.slice(0, -1) });
    return last;
  },
}));
