import { Fragment } from "react";
import type { AnnotationView } from "../../../../shared/api";
import { countPlaceholders, splitTextAnswer } from "../../../../shared/answers";
import { TargetChip } from "./TargetChip";

interface Props {
  textAnswer: string;
  targets: readonly number[];
  annotations: readonly AnnotationView[];
  onRemoveTarget?: (annotationIndex: number) => void;
}

/** The text answer with each placeholder drawn as its target's chip; dataset text stays text. */
export function AnswerText({ textAnswer, targets, annotations, onRemoveTarget }: Props) {
  const byIndex = new Map(annotations.map((a) => [a.index, a]));
  // Targets past the last placeholder belong to the pair but not to its words: show them apart.
  const placed = countPlaceholders(textAnswer);
  const unplaced = targets.slice(placed);
  return (
    <>
      <p className="answer-text" data-testid="answer-text">
        {splitTextAnswer(textAnswer).map((segment, i) => (
          <Fragment key={i}>
            {segment.kind === "text" ? (
              segment.text
            ) : (
              <TargetChip slot={segment.target} annotation={byIndex.get(targets[segment.target] ?? -1)} onRemove={onRemoveTarget} />
            )}
          </Fragment>
        ))}
      </p>
      {unplaced.length > 0 && (
        <p className="answer-unplaced">
          <span className="muted">Targets without a placeholder: </span>
          {unplaced.map((index, i) => (
            <TargetChip key={index} slot={placed + i} annotation={byIndex.get(index)} onRemove={onRemoveTarget} />
          ))}
        </p>
      )}
    </>
  );
}
