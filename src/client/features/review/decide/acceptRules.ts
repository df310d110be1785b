import type { PairDetail } from "../../../../shared/api";
import { acceptBlockers, type FlagId } from "../../../../shared/domain";
import type { EditDraft } from "../edit/editDraftStore";
import { liveFlags } from "../edit/liveFlags";

/** Flags the live checks recompute from the draft; any other flag of the pair is carried over. */
const recomputed: ReadonlySet<FlagId> = new Set(["seg_count", "braces", "box_mismatch", "explicit", "duplicate", "empty_mask", "no_targets"]);
/** Flags about the targets' masks: they no longer hold once the target list changed. */
const aboutTargets: ReadonlySet<FlagId> = new Set(["bad_rle", "mask_form", "target_copy", "name_mismatch"]);

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

/** The flags of the pair as the draft would save it (the client's estimate; the server decides). */
export function draftFlags(detail: PairDetail, draft: EditDraft): FlagId[] {
  const flags = new Set(liveFlags(detail, draft));
  const targetsChanged = !sameList(draft.targets, detail.targets);
  for (const flag of detail.flags) {
    if (recomputed.has(flag) || flag === "seg_token" || flag === "empty_answer") continue;
    if (targetsChanged && aboutTargets.has(flag)) continue;
    flags.add(flag);
  }
  if (draft.textAnswer.includes("[SEG]")) flags.add("seg_token");
  if (draft.textAnswer.trim() === "") flags.add("empty_answer");
  return [...flags];
}

/**
 * Why Accept is unavailable for this pair (empty: it may be accepted). While editing, the rules
 * are applied to the draft, so fixing the answer makes Accept available again.
 */
export function acceptBlockersFor(detail: PairDetail, draft: EditDraft | null): FlagId[] {
  const editing = draft !== null && draft.pairId === detail.id;
  return acceptBlockers(editing ? draftFlags(detail, draft) : detail.flags);
}

/** One line for the reviewer: what blocks the accept and what to do instead. */
export function refusalText(flags: readonly FlagId[], editing: boolean): string {
  const list = flags.join(", ");
  return editing
    ? `Accept is unavailable: the edited pair still has ${list}. Fix it here, or press Esc and reject with r.`
    : `Accept is unavailable: this pair has ${list}, which the training loader cannot use. Edit it (e) or reject it (r).`;
}
