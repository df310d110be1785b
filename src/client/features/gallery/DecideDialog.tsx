import { useEffect } from "react";
import { reasonCodes } from "../../../shared/domain";
import { ReasonFields } from "../../decisions/ReasonFields";
import { useGalleryDialog } from "./galleryDialogStore";
import type { BulkChange } from "./useBulkDecisions";

/**
 * Confirms a gallery action and states how many pairs it touches; a reject also picks its
 * reasons (1–9 toggle, Enter confirms, Esc cancels — the review screen's keys).
 */
export function DecideDialog({ onConfirm }: { onConfirm: (ids: string[], change: BulkChange) => void }) {
  const pending = useGalleryDialog((s) => s.pending);
  const reasons = useGalleryDialog((s) => s.reasons);
  const note = useGalleryDialog((s) => s.note);
  const { reasonToggled, noteEdited, dialogClosed } = useGalleryDialog.getState();
  const rejecting = pending?.action === "rejected";
  const ready = pending !== null && (!rejecting || reasons.length > 0);

  const confirm = () => {
    if (!pending || !ready) return;
    dialogClosed();
    onConfirm(pending.ids, rejecting ? { status: "rejected", reasons, note: note.trim() } : { status: "accepted" });
  };

  useEffect(() => {
    if (!pending) return;
    const onKey = (event: KeyboardEvent) => {
      if (event.key === "Escape") dialogClosed();
      else if (event.key === "Enter" && !(event.target instanceof HTMLButtonElement)) confirm();
      else if (rejecting && /^[1-9]$/.test(event.key) && !(event.target instanceof HTMLInputElement && event.target.type === "text")) {
        const code = reasonCodes[Number(event.key) - 1];
        if (code) reasonToggled(code);
      } else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  });

  if (!pending) return null;
  const count = pending.ids.length;
  const verb = rejecting ? "Reject" : "Accept";
  return (
    <div className="modal-backdrop" role="presentation" onClick={dialogClosed}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="gallery-decide-title" data-testid="gallery-decide-dialog" onClick={(e) => e.stopPropagation()}>
        <h2 id="gallery-decide-title">
          {verb} {count} pair{count === 1 ? "" : "s"}?
        </h2>
        <p className="muted">
          {pending.scope}. Each pair gets its own history entry; one undo (<kbd>u</kbd>) reverts them all.
        </p>
        {rejecting && <ReasonFields reasons={reasons} note={note} onReasonToggled={reasonToggled} onNoteEdited={noteEdited} />}
        <div className="modal__actions">
          <button type="button" onClick={dialogClosed}>
            Cancel
          </button>
          <button type="button" className={rejecting ? "button--reject" : "button--accept"} disabled={!ready} onClick={confirm}>
            {verb} {count} pair{count === 1 ? "" : "s"}
          </button>
        </div>
      </div>
    </div>
  );
}
