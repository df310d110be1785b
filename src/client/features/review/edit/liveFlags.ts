import type { PairDetail } from "../../../../shared/api";
import { pairFlags } from "../../../../shared/checks";
import type { FlagId } from "../../../../shared/domain";
import type { EditDraft } from "./editDraftStore";

const fileFlagIds: readonly FlagId[] = ["unsafe_path", "missing_image"];

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/**
 * The checks re-run on the draft as the curator types. The client lacks the image's other
 * questions, so `duplicate` is carried over while the question is unchanged; a changed answer or
 * target list gets a rebuilt raw answer on export, so boxes are only compared when neither moved.
 */
export function liveFlags(detail: PairDetail, draft: EditDraft): FlagId[] {
  const byIndex = new Map(detail.annotations.map((a) => [a.index, a]));
  const targets = draft.targets.flatMap((index) => {
    const annotation = byIndex.get(index);
    if (!annotation) return [];
    return [{ categoryName: annotation.categoryName, bbox: annotation.bbox, area: annotation.area, size: annotation.rle.size, maskValid: true }];
  });
  const rebuilt = draft.textAnswer !== detail.original.textAnswer || !sameList(draft.targets, detail.original.targets);
  return pairFlags({
    question: draft.question,
    textAnswer: draft.textAnswer,
    rawAnswer: rebuilt ? null : detail.rawAnswer,
    targets,
    duplicate: detail.flags.includes("duplicate") && draft.question === detail.original.question,
    height: detail.image.height,
    width: detail.image.width,
    fileFlags: detail.flags.filter((flag) => fileFlagIds.includes(flag)),
  });
}
