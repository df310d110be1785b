import { create } from "zustand";
import type { Reason } from "../../../shared/domain";

/* The open confirmation (and reason picker, for rejects) of a gallery action. */

export interface PendingAction {
  action: "accepted" | "rejected";
  ids: string[];
  /** What the action covers, e.g. "3 selected pairs" or "every pair of image 1234". */
  scope: string;
}

interface DialogState {
  pending: PendingAction | null;
  reasons: Reason[];
  note: string;
  actionRequested: (pending: PendingAction) => void;
  reasonToggled: (reason: Reason) => void;
  noteEdited: (note: string) => void;
  dialogClosed: () => void;
}

export const useGalleryDialog = create<DialogState>()((set, get) => ({
  pending: null,
  reasons: [],
  note: "",
  actionRequested: (pending) => set({ pending, reasons: [], note: "" }),
  reasonToggled: (reason) => {
    const { reasons } = get();
    set({ reasons: reasons.includes(reason) ? reasons.filter((r) => r !== reason) : [...reasons, reason] });
  },
  noteEdited: (note) => set({ note }),
  dialogClosed: () => set({ pending: null, reasons: [], note: "" }),
}));
