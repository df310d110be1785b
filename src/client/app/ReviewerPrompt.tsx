import { useState } from "react";
import { Dialog } from "./Dialog";
import { useReviewerStore } from "./reviewerStore";

/**
 * Every decision carries a reviewer name: asked once on first use, and changed on purpose through
 * the same dialog (the name in the top bar opens it; Cancel or Esc keeps the current name).
 */
export function ReviewerPrompt() {
  const name = useReviewerStore((state) => state.name);
  const renaming = useReviewerStore((state) => state.renaming);
  if (name && !renaming) return null;
  return <ReviewerDialog current={name} />;
}

function ReviewerDialog({ current }: { current: string | null }) {
  const named = useReviewerStore((state) => state.reviewerNamed);
  const cancelled = useReviewerStore((state) => state.renameCancelled);
  const [draft, setDraft] = useState(current ?? "");
  // Without a name nothing can be saved, so the first prompt cannot be dismissed.
  const cancel = current ? cancelled : () => undefined;
  return (
    <Dialog labelledBy="reviewer-title" onCancel={cancel} testId="reviewer-dialog" onSubmit={() => draft.trim() && named(draft)}>
      <h2 id="reviewer-title">{current ? "Change reviewer" : "Who is reviewing?"}</h2>
      <p className="muted">
        {current
          ? `Decisions are saved as ${current} now; the new name applies to decisions from here on.`
          : "Your name is saved with every decision and kept in this browser."}
      </p>
      <label className="field">
        <span>Reviewer name</span>
        <input autoFocus value={draft} maxLength={80} onChange={(event) => setDraft(event.target.value)} />
      </label>
      <div className="modal__actions">
        {current && (
          <button type="button" onClick={cancelled}>
            Cancel
          </button>
        )}
        <button type="submit" className="button--primary" disabled={!draft.trim()}>
          {current ? "Save name" : "Start reviewing"}
        </button>
      </div>
    </Dialog>
  );
}
