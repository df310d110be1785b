import type { ReactNode } from "react";
import type { AnnotationView, PairDetail } from "../../../../shared/api";
import { TextDiff } from "./TextDiff";

interface Side {
  question: string;
  textAnswer: string;
  targets: readonly number[];
}

function targetNames(targets: readonly number[], annotations: readonly AnnotationView[]): string {
  const names = new Map(annotations.map((a) => [a.index, a.instanceName]));
  return targets.map((t) => names.get(t) ?? `#${t}`).join(", ") || "(none)";
}

/** What an edit changed against another version of the pair, field by field. */
export function EditsDiff({ before, after, detail }: { before: Side; after: Side; detail: PairDetail }) {
  const rows: { label: string; node: ReactNode }[] = [];
  if (before.question !== after.question) rows.push({ label: "Question", node: <TextDiff before={before.question} after={after.question} /> });
  if (before.textAnswer !== after.textAnswer) rows.push({ label: "Answer", node: <TextDiff before={before.textAnswer} after={after.textAnswer} /> });
  const beforeTargets = targetNames(before.targets, detail.annotations);
  const afterTargets = targetNames(after.targets, detail.annotations);
  if (beforeTargets !== afterTargets) rows.push({ label: "Targets", node: <TextDiff before={beforeTargets} after={afterTargets} /> });
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

export function sideOf(detail: PairDetail, edits: { question?: string; textAnswer?: string; targets?: number[] } | null | undefined): Side {
  return {
    question: edits?.question ?? detail.original.question,
    textAnswer: edits?.textAnswer ?? detail.original.textAnswer,
    targets: edits?.targets ?? detail.original.targets,
  };
}
