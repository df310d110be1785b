import type { PairDetail } from "../../../../shared/api";
import type { FlagId } from "../../../../shared/domain";
import { registerDraftFlags } from "../decide/acceptRules";
import type { EditDraft } from "./editDraftStore";
import { liveFlags } from "./liveFlags";

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

registerDraftFlags(draftFlags);
