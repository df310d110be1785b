import { create } from "zustand";
import type { Reason } from "../../../shared/domain";
import type { BulkTarget } from "./useBulkDecisions";

/* The open confirmation (and reason picker, for rejects) of a gallery action. */

export interface PendingAction {
  action: "accepted" | "rejected";
  pairs: BulkTarget[];
  /** What the action covers, e.g. "3 selected pairs" or "every pair of image 1234". */
  scope: string;
}

interface DialogState {
  pending: PendingAction | null;
  reasons: Reason[];
  note: string;
  /** Leave already decided pairs as they are (the default: a bulk action never overwrites silently). */
  skipDecided: boolean;
  actionRequested: (pending: PendingAction) => void;
  reasonToggled: (reason: Reason) => void;
  noteEdited: (note: string) => void;
  skipDecidedToggled: () => void;
  dialogClosed: () => void;
}

export const useGalleryDialog = create<DialogState>()((set, get) => ({
  pending: null,
  reasons: [],
  note: "",
  skipDecided: true,
  // One card is a deliberate choice; a bulk action skips decided pairs unless told otherwise.
  actionRequested: (pending) => set({ pending, reasons: [], note: "", skipDecided: pending.pairs.length > 1 }),
  reasonToggled: (reason) => {
    const { reasons } = get();
    set({ reasons: reasons.includes(reason) ? reasons.filter((r) => r !== reason) : [...reasons, reason] });
  },
  noteEdited: (note) => set({ note }),
  skipDecidedToggled: () => set({ skipDecided: !get().skipDecided }),
  dialogClosed: () => set({ pending: null, reasons: [], note: "" }),
}));
