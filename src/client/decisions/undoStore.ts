import { create } from "zustand";
import type { Decision } from "../../shared/domain";

/*
 * The one undo stack of the app, shared by Review and Gallery: one entry per action (a single
 * accept or a whole bulk action), each pair remembering what it was and the version our write
 * gave it, so `u` on either screen reverts the last action made on either.
 */
export interface UndoItem {
  pairId: string;
  before: Decision | null;
  /** The version our write gave the pair: undo applies only while it still holds it. */
  version: number;
}

export interface UndoEntry {
  /** "Accepted MMR_val:1:0", "Rejected 12 pairs". */
  label: string;
  items: UndoItem[];
}

interface UndoState {
  stack: UndoEntry[];
  actionDone: (entry: UndoEntry) => void;
  actionUndone: () => UndoEntry | undefined;
}

const depth = 50;

export const useUndoStore = create<UndoState>()((set, get) => ({
  stack: [],
  actionDone: (entry) => set({ stack: [...get().stack.slice(-(depth - 1)), entry] }),
  actionUndone: () => {
    const { stack } = get();
    const last = stack.at(-1);
    if (last) set({ stack: stack.slice(0, -1) });
    return last;
  },
}));
