import { useEffect, useRef } from "react";
import { reasonCodes, reasonLabels } from "../../shared/domain";
import { keyForReason } from "./reasonKeys";

interface ReasonFieldsProps {
  reasons: readonly string[];
  note: string;
  onReasonToggled(code: string): void;
  onNoteEdited(note: string): void;
  /** Put the keyboard on the first reason when the fields appear (the `r` key). */
  autoFocus?: boolean;
}

/** The reason checklist (each with the key that toggles it) and the optional note of a reject. */
export function ReasonFields({ reasons, note, onReasonToggled, onNoteEdited, autoFocus }: ReasonFieldsProps) {
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (autoFocus) first.current?.focus();
  }, [autoFocus]);
  return (
    <>
      <fieldset className="reason-picker__fieldset">
        <legend className="visually-hidden">Reasons</legend>
        <ul className="reason-picker__list" data-testid="reason-list">
          {reasonCodes.map((code, i) => (
            <li key={code}>
              <label className={reasons.includes(code) ? "reason reason--on" : "reason"}>
                <input
                  ref={i === 0 ? first : undefined}
                  type="checkbox"
                  checked={reasons.includes(code)}
                  aria-keyshortcuts={keyForReason(i)}
                  onChange={() => onReasonToggled(code)}
                />
                <kbd aria-hidden="true">{keyForReason(i)}</kbd> {reasonLabels[code]}
              </label>
            </li>
          ))}
        </ul>
      </fieldset>
      <label className="field">
        <span>Note (optional)</span>
        <input value={note} maxLength={4000} onChange={(event) => onNoteEdited(event.target.value)} placeholder="What is wrong?" />
      </label>
    </>
  );
}
