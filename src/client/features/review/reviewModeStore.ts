import { create } from "zustand";
import type { FlagId, Reason } from "../../../shared/domain";

/** Which overlay of the review screen has the keyboard; plus the reject picker's draft. */
export type ReviewMode = "view" | "reject" | "edit" | "help";

/** `a` (or Accept) on a pair the rules refuse: shown in place, the reviewer stays on the pair. */
export interface AcceptRefusal {
  pairId: string;
  flags: FlagId[];
  /** Bumped on every refusal, so a repeated `a` is announced again. */
  seq: number;
}

interface ReviewModeState {
  mode: ReviewMode;
  reasons: Reason[];
  note: string;
  /** Esc (or Cancel) on a changed edit draft: the "discard your changes?" question is open. */
  discardAsked: boolean;
  refusal: AcceptRefusal | null;
  rejectOpened: () => void;
  reasonToggled: (reason: Reason) => void;
  noteEdited: (note: string) => void;
  editOpened: () => void;
  helpToggled: () => void;
  discardAskedOpened: () => void;
  discardAskedClosed: () => void;
  acceptRefused: (pairId: string, flags: FlagId[]) => void;
  /** Esc, a saved decision or a move: back to looking at the pair. */
  modeClosed: () => void;
}

export const useReviewModeStore = create<ReviewModeState>()((set, get) => ({
  mode: "view",
  reasons: [],
  note: "",
  discardAsked: false,
  refusal: null,
  rejectOpened: () => set({ mode: "reject", reasons: [], note: "" }),
  reasonToggled: (reason) => {
    const { reasons } = get();
    set({ reasons: reasons.includes(reason) ? reasons.filter((r) => r !== reason) : [...reasons, reason] });
  },
  noteEdited: (note) => set({ note }),
  editOpened: () => set({ mode: "edit", refusal: null }),
  helpToggled: () => set({ mode: get().mode === "help" ? "view" : "help" }),
  discardAskedOpened: () => set({ discardAsked: true }),
  discardAskedClosed: () => set({ discardAsked: false }),
  acceptRefused: (pairId, flags) => set({ refusal: { pairId, flags, seq: (get().refusal?.seq ?? 0) + 1 } }),
  modeClosed: () => set({ mode: "view", reasons: [], note: "", discardAsked: false }),
}));
