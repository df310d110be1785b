import { useEffect } from "react";
import { Dialog } from "../../app/Dialog";
import { reasonForKey } from "../../decisions/reasonKeys";
import { ReasonFields } from "../../decisions/ReasonFields";
import { useGalleryDialog } from "./galleryDialogStore";
import { planBulk, type BulkChange, type BulkTarget } from "./useBulkDecisions";

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

function byStatus(pairs: readonly BulkTarget[]): string {
  const accepted = pairs.filter((p) => p.status === "accepted").length;
  const rejected = pairs.length - accepted;
  return [accepted ? `${accepted} accepted` : "", rejected ? `${rejected} rejected` : ""].filter(Boolean).join(", ");
}

/**
 * Confirms a gallery action and states what it will do before it does it: how many pairs it
 * writes, how many it skips because the loader rules refuse them, and how many earlier decisions
 * (with their reasons and notes) it would overwrite, with the choice to leave those alone. A
 * reject also picks its reasons (1–9, 0, - toggle, Enter confirms, Esc cancels).
 */
export function DecideDialog({ onConfirm }: { onConfirm: (pairs: BulkTarget[], change: BulkChange, skipDecided: boolean) => void }) {
  const pending = useGalleryDialog((s) => s.pending);
  const reasons = useGalleryDialog((s) => s.reasons);
  const note = useGalleryDialog((s) => s.note);
  const skipDecided = useGalleryDialog((s) => s.skipDecided);
  const { reasonToggled, noteEdited, dialogClosed, skipDecidedToggled } = useGalleryDialog.getState();
  const rejecting = pending?.action === "rejected";
  const plan = pending ? planBulk(pending.pairs, pending.action, skipDecided) : null;
  const count = plan?.writes.length ?? 0;
  const ready = pending !== null && count > 0 && (!rejecting || reasons.length > 0);
  const confirm = () => {
    if (!pending || !ready) return;
    dialogClosed();
    onConfirm(pending.pairs, rejecting ? { status: "rejected", reasons, note: note.trim() } : { status: "accepted" }, skipDecided);
  };
  useEffect(() => {
    if (!pending) return;
    const onKey = (event: KeyboardEvent) => {
      const typing = event.target instanceof HTMLInputElement && event.target.type === "text";
      const reason = rejecting && !typing ? reasonForKey(event.key) : undefined;
      if (event.key === "Enter" && !(event.target instanceof HTMLButtonElement)) confirm();
      else if (reason) reasonToggled(reason);
      else return;
      event.preventDefault();
      event.stopPropagation();
    };
    window.addEventListener("keydown", onKey, true);
    return () => window.removeEventListener("keydown", onKey, true);
  });
  if (!pending || !plan) return null;
  const verb = rejecting ? "Reject" : "Accept";
  return (
    <Dialog labelledBy="gallery-decide-title" onCancel={dialogClosed} testId="gallery-decide-dialog">
      <h2 id="gallery-decide-title">
        {verb} {plural(count, "pair")}?
      </h2>
      <p className="muted">
        {pending.scope}. Each pair gets its own history entry; one undo (<kbd>u</kbd>) reverts them all.
      </p>
      {plan.blocked.length > 0 && (
        <p className="decide-note decide-note--blocked" data-testid="bulk-blocked">
          {plural(plan.blocked.length, "pair")} will be skipped: the training loader cannot use{" "}
          {plan.blocked.length === 1 ? "it" : "them"} ({[...new Set(plan.blocked.flatMap((p) => p.flags))].join(", ")}). Edit or reject{" "}
          {plan.blocked.length === 1 ? "it" : "them"} in Review.
        </p>
      )}
      {plan.decided.length > 0 && (
        <div className="decide-note" data-testid="bulk-overwrite">
          <p>
            {plural(plan.decided.length, "pair")} {plan.decided.length === 1 ? "is" : "are"} already decided ({byStatus(plan.decided)}).{" "}
            {skipDecided ? "They are left as they are." : `${verb}ing overwrites ${plan.decided.length === 1 ? "that decision" : "those decisions"}, with ${plan.decided.length === 1 ? "its" : "their"} reasons and notes.`}
          </p>
          <label className="decide-note__skip">
            <input type="checkbox" checked={skipDecided} onChange={skipDecidedToggled} /> Skip the {plural(plan.decided.length, "decided pair")}
          </label>
        </div>
      )}
      {rejecting && <ReasonFields reasons={reasons} note={note} onReasonToggled={reasonToggled} onNoteEdited={noteEdited} autoFocus />}
      <div className="modal__actions">
        <button type="button" onClick={dialogClosed}>
          Cancel
        </button>
        {/* An accept has nothing to pick: the keyboard waits on the confirm button (Enter). */}
        <button type="button" className={rejecting ? "button--reject" : "button--accept"} disabled={!ready} onClick={confirm} autoFocus={!rejecting}>
          {verb} {plural(count, "pair")}
        </button>
      </div>
    </Dialog>
  );
}
