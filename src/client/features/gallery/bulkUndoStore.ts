import { create } from "zustand";
import type { Decision } from "../../../shared/domain";

/*
 * The gallery's undo: one entry per action, however many pairs it decided, so one undo reverts
 * a whole bulk action. Each pair remembers what it was and the version our write gave it.
 */

export interface BulkUndoItem {
  pairId: string;
  before: Decision | null;
  version: number;
}

export interface BulkUndoEntry {
  label: string;
  items: BulkUndoItem[];
}

interface BulkUndoState {
  stack: BulkUndoEntry[];
  actionDone: (entry: BulkUndoEntry) => void;
  actionUndone: () => BulkUndoEntry | undefined;
}

const depth = 20;

export const useBulkUndo = create<BulkUndoState>()((set, get) => ({
  stack: [],
  actionDone: (entry) => set({ stack: [...get().stack.slice(-(depth - 1)), entry] }),
  actionUndone: () => {
    const { stack } = get();
    const last = stack.at(-1);
    if (last) set({ stack: stack.slice(0, -1) });
    return last;
  },
}));
