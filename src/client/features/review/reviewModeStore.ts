import { create } from "zustand";
import type { Reason } from "../../../shared/domain";

/** Which overlay of the review screen has the keyboard; plus the reject picker's draft. */
export type ReviewMode = "view" | "reject" | "edit" | "help";

interface ReviewModeState {
  mode: ReviewMode;
  reasons: Reason[];
  note: string;
  rejectOpened: () => void;
  reasonToggled: (reason: Reason) => void;
  noteEdited: (note: string) => void;
  editOpened: () => void;
  helpToggled: () => void;
  /** Esc, a saved decision or a move: back to looking at the pair. */
  modeClosed: () => void;
}

export const useReviewModeStore = create<ReviewModeState>()((set, get) => ({
  mode: "view",
  reasons: [],
  note: "",
  rejectOpened: () => set({ mode: "reject", reasons: [], note: "" }),
  reasonToggled: (reason) => {
    const { reasons } = get();
    set({ reasons: reasons.includes(reason) ? reasons.filter((r) => r !== reason) : [...reasons, reason] });
  },
  noteEdited: (note) => set({ note }),
  editOpened: () => set({ mode: "edit" }),
  helpToggled: () => set({ mode: get().mode === "help" ? "view" : "help" }),
  modeClosed: () => set({ mode: "view", reasons: [], note: "" }),
}));
