import { useState } from "react";
import { useReviewerStore } from "./reviewerStore";

/** First use: every decision carries a reviewer name, so ask for it once. */
export function ReviewerPrompt() {
  const name = useReviewerStore((state) => state.name);
  const named = useReviewerStore((state) => state.reviewerNamed);
  const [draft, setDraft] = useState("");
  if (name) return null;
  return (
    <div className="modal-backdrop">
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="reviewer-title"
        onSubmit={(event) => {
          event.preventDefault();
          if (draft.trim()) named(draft);
        }}
      >
        <h2 id="reviewer-title">Who is reviewing?</h2>
        <p className="muted">Your name is saved with every decision and kept in this browser.</p>
        <label className="field">
          <span>Reviewer name</span>
          <input autoFocus value={draft} maxLength={80} onChange={(event) => setDraft(event.target.value)} />
        </label>
        <div className="modal__actions">
          <button type="submit" className="button--primary" disabled={!draft.trim()}>
            Start reviewing
          </button>
        </div>
      </form>
    </div>
  );
}
