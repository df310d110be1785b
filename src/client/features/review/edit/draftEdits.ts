import type { PairDetail } from "../../../../shared/api";
import type { Edits } from "../../../../shared/domain";
import type { EditDraft } from "./editDraftStore";

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** Edits are stored against the imported pair: only fields that differ from it are sent. */
export function editsFromDraft(detail: PairDetail, draft: EditDraft): Edits | null {
  const edits: Edits = {};
  if (draft.question !== detail.original.question) edits.question = draft.question;
  if (draft.textAnswer !== detail.original.textAnswer) edits.textAnswer = draft.textAnswer;
  if (!sameList(draft.targets, detail.original.targets)) edits.targets = draft.targets;
  return Object.keys(edits).length > 0 ? edits : null;
}
