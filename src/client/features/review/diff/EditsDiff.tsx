import type { ReactNode } from "react";
import type { AnnotationView, PairDetail } from "../../../../shared/api";
import { shortName } from "../names";
import { targetDiff } from "./targetDiff";
import type { Side } from "./side";
import { TextDiff } from "./TextDiff";

export { sideOf } from "./side";


/** The target list's change as moves, additions and removals, each with the slot it concerns. */
function TargetChanges({ before, after, annotations }: { before: readonly number[]; after: readonly number[]; annotations: readonly AnnotationView[] }) {
  const names = new Map(annotations.map((a) => [a.index, a.instanceName]));
  const name = (index: number) => {
    const full = names.get(index) ?? `annotation #${index}`;
    return <span title={full}>{shortName(full)}</span>;
  };
  return (
    <ul className="target-diff" data-testid="target-diff">
      {targetDiff(before, after).map((change) => (
        <li key={`${change.kind}:${change.index}`} className={`target-diff__${change.kind}`}>
          {change.kind === "added" && (
            <>
              <span aria-hidden="true">+ </span>added {name(change.index)} as target {change.to + 1}
            </>
          )}
          {change.kind === "removed" && (
            <>
              <span aria-hidden="true">− </span>removed {name(change.index)} (was target {change.from + 1})
            </>
          )}
          {change.kind === "moved" && (
            <>
              <span aria-hidden="true">↕ </span>moved {name(change.index)} from target {change.from + 1} to {change.to + 1}
            </>
          )}
        </li>
      ))}
    </ul>
  );
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** What an edit changed against another version of the pair, field by field. */
export function EditsDiff({ before, after, detail }: { before: Side; after: Side; detail: PairDetail }) {
  const rows: { label: string; node: ReactNode }[] = [];
  if (before.question !== after.question) rows.push({ label: "Question", node: <TextDiff before={before.question} after={after.question} /> });
  if (before.textAnswer !== after.textAnswer) rows.push({ label: "Answer", node: <TextDiff before={before.textAnswer} after={after.textAnswer} /> });
  if (!sameList(before.targets, after.targets)) {
    rows.push({ label: "Targets", node: <TargetChanges before={before.targets} after={after.targets} annotations={detail.annotations} /> });
  }
  if (rows.length === 0) return <p className="muted">No change to the text or the targets.</p>;
  return (
    <dl className="edits-diff" data-testid="edits-diff">
      {rows.map((row) => (
        <div key={row.label} className="edits-diff__row">
          <dt>{row.label}</dt>
          <dd>{row.node}</dd>
        </div>
      ))}
    </dl>
  );
}

