import { create } from "zustand";
import { persist } from "zustand/middleware";

/** Who is reviewing; asked once and kept in this browser. */
interface ReviewerState {
  name: string | null;
  reviewerNamed: (name: string) => void;
}

export const useReviewerStore = create<ReviewerState>()(
  persist(
    (set) => ({
      name: null,
      reviewerNamed: (name) => set({ name: name.trim() || null }),
    }),
    { name: "mmr-review.reviewer" },
  ),
);
