import { useEffect, useRef } from "react";
import type { PairDetail } from "../../../../shared/api";
import { formatTime } from "../../../app/formatTime";
import { countPlaceholders, findStrayBraces } from "../../../../shared/answers";
import { EditsDiff, sideOf } from "../diff/EditsDiff";
import { AnswerText } from "../panel/AnswerText";
import { FlagList } from "../panel/FlagList";
import { useEditDraftStore } from "./editDraftStore";
import { liveFlags } from "./liveFlags";
// Accept's rules for a draft come with this module (see decide/acceptRules.ts).
import "./draftAcceptFlags";
import { appendPlaceholder } from "./placeholders";
import { TargetListEditor } from "./TargetListEditor";

/** Edit mode: question, answer and targets, checked live; nothing is saved before Accept. */
export function EditPanel({ detail }: { detail: PairDetail }) {
  const draft = useEditDraftStore((state) => state.draft);
  const questionEdited = useEditDraftStore((state) => state.questionEdited);
  const answerEdited = useEditDraftStore((state) => state.answerEdited);
  const toggled = useEditDraftStore((state) => state.targetToggled);
  const answerRef = useRef<HTMLTextAreaElement>(null);
  const open = draft?.pairId === detail.id;
  // `e` puts the keyboard in the answer, the field a curator fixes most.
  useEffect(() => {
    if (open) answerRef.current?.focus();
  }, [open]);
  if (!draft || !open) return null;

  const placeholders = countPlaceholders(draft.textAnswer);
  const strayBraces = findStrayBraces(draft.textAnswer).length;
  const countOk = placeholders === draft.targets.length;
  const clean = countOk && strayBraces === 0;
  return (
    <section className="edit-panel" data-testid="edit-panel" aria-label="Edit pair">
      {draft.restored && (
        <p className="edit-panel__restored" role="status" data-testid="draft-restored">
          Restored your unsaved edit of this pair from {formatTime(draft.changedAt)}. Esc discards it.
          {draft.baseVersion !== undefined && (detail.decision?.version ?? 0) !== draft.baseVersion && (
            <strong data-testid="draft-stale">
              {" "}
              The pair changed since you began ({detail.decision ? `now ${detail.decision.status} by ${detail.decision.reviewer}` : "back to pending"}):
              check it against your draft before accepting.
            </strong>
          )}
        </p>
      )}
      <p className="edit-panel__hint muted">
        Editing. <kbd>Ctrl</kbd>+<kbd>Enter</kbd> (or <kbd>a</kbd> outside a field) accepts with these edits; <kbd>Esc</kbd> discards them.
        Click a mask or a chip to add or remove a target.
      </p>
      <label className="field">
        <span>Question</span>
        <textarea rows={3} value={draft.question} onChange={(event) => questionEdited(event.target.value)} />
      </label>
      <label className="field">
        <span>Text answer (one {"{seg}"} per target)</span>
        <textarea ref={answerRef} rows={4} value={draft.textAnswer} onChange={(event) => answerEdited(event.target.value)} />
      </label>
      <div className="edit-panel__preview">
        <AnswerText textAnswer={draft.textAnswer} targets={draft.targets} annotations={detail.annotations} onRemoveTarget={toggled} />
      </div>
      <p className={clean ? "live-check live-check--ok" : "live-check live-check--bad"} data-testid="placeholder-check" role="status">
        {placeholders} placeholder{placeholders === 1 ? "" : "s"} · {draft.targets.length} target{draft.targets.length === 1 ? "" : "s"}
        {countOk ? "" : " — they must match"}
        {strayBraces > 0 ? ` · ${strayBraces} stray brace${strayBraces === 1 ? "" : "s"} outside {seg}` : ""}
        {clean ? " ✓" : ""}
      </p>
      {placeholders < draft.targets.length && (
        <button
          type="button"
          className="live-check__fix"
          onClick={() => {
            let answer = draft.textAnswer;
            for (let n = placeholders; n < draft.targets.length; n++) answer = appendPlaceholder(answer, true);
            answerEdited(answer);
          }}
        >
          Add the {draft.targets.length - placeholders} missing {"{seg}"} at the end
        </button>
      )}
      <h3 className="panel-heading">Targets</h3>
      <TargetListEditor targets={draft.targets} annotations={detail.annotations} />
      <h3 className="panel-heading">Checks on the edited pair</h3>
      <FlagList flags={liveFlags(detail, draft)} live />
      <h3 className="panel-heading">Changes against the original</h3>
      <EditsDiff before={sideOf(detail, null)} after={draft} detail={detail} />
    </section>
  );
}
