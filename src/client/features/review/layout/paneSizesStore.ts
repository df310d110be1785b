import { create } from "zustand";
import { persist } from "zustand/middleware";

/** Widths of the side panes in CSS pixels; the canvas takes what is left. Kept per browser. */
interface PaneSizesState {
  queue: number;
  panel: number;
  paneResized: (pane: "queue" | "panel", width: number) => void;
}

const limits = { queue: [200, 640], panel: [300, 800] } as const;

export const usePaneSizesStore = create<PaneSizesState>()(
  persist(
    (set) => ({
      queue: 320,
      panel: 440,
      paneResized: (pane, width) => {
        const [min, max] = limits[pane];
        set({ [pane]: Math.round(Math.min(max, Math.max(min, width))) } as Pick<PaneSizesState, typeof pane>);
      },
    }),
    { name: "mmr-review.pane-sizes" },
  ),
);
