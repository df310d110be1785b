import type { PairDetail } from "../../../../shared/api";

/* One side of an edit diff (question, answer, targets), apart from the diff view so the pair panel can name its sides without loading it. */

export interface Side {
  question: string;
  textAnswer: string;
  targets: readonly number[];
}

export function sideOf(detail: PairDetail, edits: { question?: string; textAnswer?: string; targets?: number[] } | null | undefined): Side {
  return {
    question: edits?.question ?? detail.original.question,
    textAnswer: edits?.textAnswer ?? detail.original.textAnswer,
    targets: edits?.targets ?? detail.original.targets,
  };
}
