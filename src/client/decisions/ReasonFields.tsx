import { reasonCodes, reasonLabels } from "../../shared/domain";

interface ReasonFieldsProps {
  reasons: readonly string[];
  note: string;
  onReasonToggled(code: string): void;
  onNoteEdited(note: string): void;
}

/** The reason checklist (numbered as keys 1–9 toggle them) and the optional note of a reject. */
export function ReasonFields({ reasons, note, onReasonToggled, onNoteEdited }: ReasonFieldsProps) {
  return (
    <>
      <ul className="reason-picker__list">
        {reasonCodes.map((code, i) => (
          <li key={code}>
            <label className={reasons.includes(code) ? "reason reason--on" : "reason"}>
              <input type="checkbox" checked={reasons.includes(code)} onChange={() => onReasonToggled(code)} />
              <kbd>{i < 9 ? i + 1 : "·"}</kbd> {reasonLabels[code]}
            </label>
          </li>
        ))}
      </ul>
      <label className="field">
        <span>Note (optional)</span>
        <input value={note} maxLength={4000} onChange={(event) => onNoteEdited(event.target.value)} placeholder="What is wrong?" />
      </label>
    </>
  );
}
