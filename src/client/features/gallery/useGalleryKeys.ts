import { useEffect } from "react";
import type { PairSummary } from "../../../shared/api";
import { moveFocus, type GridRow } from "./gridLayout";
import { useGalleryDialog } from "./galleryDialogStore";
import { useGallerySelection } from "./gallerySelectionStore";

interface GalleryKeyActions {
  items: readonly PairSummary[];
  rows: readonly GridRow[];
  open: (index: number) => void;
  accept: (index: number) => void;
  reject: (index: number) => void;
  bulk: (action: "accepted" | "rejected") => void;
  undo: () => void;
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  return target instanceof HTMLInputElement && !["checkbox", "radio", "button", "submit"].includes(target.type);
}

/**
 * Arrows move the focus, Enter opens the pair, `a`/`r` decide the focused card, `x` toggles
 * selection, `A`/`R` act on the selection, `u`/Ctrl+Z undo the last action, `v` shows the
 * focused card enlarged (as hovering does), Esc closes that or clears the selection.
 */
export function useGalleryKeys(actions: GalleryKeyActions): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (event.defaultPrevented || isTyping(event.target) || useGalleryDialog.getState().pending) return;
      if (document.querySelector(".modal-backdrop")) return; // another dialog (reviewer, conflict) is open
      const selection = useGallerySelection.getState();
      const { items, rows } = actions;
      const focus = Math.min(selection.focus, Math.max(0, items.length - 1));
      const focused = items[focus];
      const ctrl = event.ctrlKey || event.metaKey;
      switch (event.key) {
        case "ArrowLeft":
        case "ArrowRight":
        case "ArrowUp":
        case "ArrowDown":
          selection.focusMoved(moveFocus(rows, focus, event.key, items.length));
          break;
        case "Enter":
          if (focused) actions.open(focus);
          break;
        case "a":
          if (ctrl || !focused) return;
          actions.accept(focus);
          break;
        case "r":
          if (ctrl || !focused) return;
          actions.reject(focus);
          break;
        case "A":
          actions.bulk("accepted");
          break;
        case "R":
          actions.bulk("rejected");
          break;
        case "x":
          if (focused) selection.cardToggled(focused.id, focus);
          break;
        case "u":
          if (ctrl) return;
          actions.undo();
          break;
        case "z":
          if (!ctrl) return;
          actions.undo();
          break;
        case "v":
          if (ctrl) return;
          selection.enlargeToggled();
          break;
        case "Escape":
          if (selection.enlarged) selection.enlargeToggled(false);
          else selection.selectionCleared();
          break;
        default:
          return;
      }
      event.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [actions]);
}
