import { create } from "zustand";

/** Below ~1100 px the queue is a drawer over the screen: open or shut (`q`, or its button). */
interface QueueDrawerState {
  open: boolean;
  drawerToggled: () => void;
  drawerClosed: () => void;
}

export const useQueueDrawerStore = create<QueueDrawerState>()((set, get) => ({
  open: false,
  drawerToggled: () => set({ open: !get().open }),
  drawerClosed: () => {
    if (get().open) set({ open: false });
  },
}));

/** The width below which the queue leaves the grid for a drawer. */
export const DRAWER_QUERY = "(max-width: 1099px)";
/** The width below which canvas and pair panel stack (e.g. 200 % zoom of a 1280 px window). */
export const STACK_QUERY = "(max-width: 760px)";
