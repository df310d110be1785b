import { create } from "zustand";
import { persist } from "zustand/middleware";

/** Who is reviewing; asked once and kept in this browser. */
interface ReviewerState {
  name: string | null;
  /** The "change reviewer" dialog is open (the name stays until a new one is saved). */
  renaming: boolean;
  reviewerNamed: (name: string) => void;
  renameRequested: () => void;
  renameCancelled: () => void;
}

export const useReviewerStore = create<ReviewerState>()(
  persist(
    (set) => ({
      name: null,
      renaming: false,
      reviewerNamed: (name) => set({ name: name.trim() || null, renaming: false }),
      renameRequested: () => set({ renaming: true }),
      renameCancelled: () => set({ renaming: false }),
    }),
    { name: "mmr-review.reviewer", partialize: (state) => ({ name: state.name }) },
  ),
);

/** A modal of the app that holds the keyboard: the first-use name prompt or the rename dialog. */
export function reviewerDialogOpen(): boolean {
  const { name, renaming } = useReviewerStore.getState();
  return !name || renaming;
}
