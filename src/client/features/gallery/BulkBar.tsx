import { useRole } from "../../api/authQueries";
import { can, deniedReason } from "../../../shared/roles";
import type { PairSummary } from "../../../shared/api";
import { useUndoStore } from "../../decisions/undoStore";

interface BulkBarProps {
  shown: number;
  total: number;
  /** Cards still on screen that a decision just moved out of the status filter. */
  leaving: number;
  selected: number;
  focused: PairSummary | null;
  onBulk: (action: "accepted" | "rejected") => void;
  onSelectAll: () => void;
  onClear: () => void;
  onUndo: () => void;
  onImageAction: (action: "accepted" | "rejected") => void;
}

/** Counts, bulk actions on the selection, the focused card's whole-image action, and undo. */
/** Why a role may not use the bulk or decide controls (team mode), shown as the buttons' title. */
function useDenied(): { bulk: string | null; decide: string | null } {
  const role = useRole();
  return {
    bulk: role && !can(role, "bulk") ? deniedReason(role, "bulk") : null,
    decide: role && !can(role, "decide") ? deniedReason(role, "decide") : null,
  };
}

export function BulkBar({ shown, total, leaving, selected, focused, onBulk, onSelectAll, onClear, onUndo, onImageAction }: BulkBarProps) {
  const lastAction = useUndoStore((s) => s.stack.at(-1)?.label);
  const denied = useDenied();
  return (
    <div className="gallery-bulk" role="toolbar" aria-label="Bulk actions">
      <span className="gallery-bulk__count" data-testid="gallery-count">
        {shown.toLocaleString("en")} of {total.toLocaleString("en")} pairs
      </span>
      {leaving > 0 && (
        <span className="muted" data-testid="gallery-leaving">
          +{leaving} just decided, still shown
        </span>
      )}
      <span className="gallery-bulk__selected" data-testid="gallery-selected">
        {selected} selected
      </span>
      <button type="button" onClick={onSelectAll} disabled={shown === 0}>
        Select all shown
      </button>
      <button type="button" onClick={onClear} disabled={selected === 0}>
        Clear
      </button>
      <button type="button" className="button--accept" onClick={() => onBulk("accepted")} disabled={selected === 0 || denied.bulk !== null} title={denied.bulk ?? undefined}>
        Accept selected
      </button>
      <button type="button" className="button--reject" onClick={() => onBulk("rejected")} disabled={selected === 0 || denied.bulk !== null} title={denied.bulk ?? undefined}>
        Reject selected…
      </button>
      <span className="gallery-bulk__sep" />
      <button
        type="button"
        onClick={() => onImageAction("rejected")}
        disabled={!focused || denied.bulk !== null}
        title={denied.bulk ?? "Reject every pair of the focused card's image"}
      >
        Reject whole image…
      </button>
      <button
        type="button"
        onClick={() => onImageAction("accepted")}
        disabled={!focused || denied.bulk !== null}
        title={denied.bulk ?? "Accept every pair of the focused card's image"}
      >
        Accept whole image
      </button>
      {(denied.bulk ?? denied.decide) && (
        <span className="muted" data-testid="bulk-denied">
          {denied.decide ? `Read only: ${denied.decide}.` : `Bulk actions: ${denied.bulk}.`}
        </span>
      )}
      <span className="gallery-bulk__spacer" />
      <button type="button" onClick={onUndo} disabled={!lastAction} title={lastAction ? `Undo: ${lastAction}` : "Nothing to undo"}>
        Undo
      </button>
      <span className="muted gallery-bulk__keys">
        <kbd>←↑→↓</kbd> move · <kbd>Enter</kbd> open · <kbd>a</kbd>/<kbd>r</kbd> decide · <kbd>x</kbd> select · <kbd>v</kbd> enlarge · <kbd>u</kbd> undo
      </span>
    </div>
  );
}
