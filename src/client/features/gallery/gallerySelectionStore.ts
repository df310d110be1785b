import { create } from "zustand";

/* Which card has the keyboard focus and which cards are selected for a bulk action. */

interface SelectionState {
  focus: number;
  selected: ReadonlySet<string>;
  /** Where the last plain click or `x` was, for shift-click ranges. */
  anchor: number | null;
  /** `v`: the focused card is shown enlarged (it follows the focus until `v` or Esc). */
  enlarged: boolean;
  enlargeToggled: (on?: boolean) => void;
  focusMoved: (index: number) => void;
  cardToggled: (id: string, index: number) => void;
  rangeSelected: (ids: readonly string[], index: number) => void;
  selectionCleared: () => void;
  allSelected: (ids: readonly string[]) => void;
}

export const useGallerySelection = create<SelectionState>()((set, get) => ({
  focus: 0,
  selected: new Set(),
  anchor: null,
  enlarged: false,
  enlargeToggled: (on) => set({ enlarged: on ?? !get().enlarged }),
  focusMoved: (index) => set({ focus: Math.max(0, index) }),
  cardToggled: (id, index) => {
    const selected = new Set(get().selected);
    if (selected.has(id)) selected.delete(id);
    else selected.add(id);
    set({ selected, anchor: index, focus: index });
  },
  rangeSelected: (ids, index) => {
    const anchor = get().anchor ?? index;
    const selected = new Set(get().selected);
    for (let i = Math.min(anchor, index); i <= Math.max(anchor, index); i++) {
      const id = ids[i];
      if (id !== undefined) selected.add(id);
    }
    set({ selected, focus: index });
  },
  selectionCleared: () => set({ selected: new Set(), anchor: null }),
  allSelected: (ids) => set({ selected: new Set(ids) }),
}));
