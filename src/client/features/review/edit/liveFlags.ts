import type { PairDetail } from "../../../../shared/api";
import { draftFlags } from "../../../../shared/draftFlags";
import type { FlagId } from "../../../../shared/domain";
import type { EditDraft } from "./editDraftStore";

/**
 * The checks re-run on the draft as the curator types: the same rules the server applies to the
 * saved edit (`draftFlags`, which knows each target's own copy), so Accept is refused here exactly
 * when the server would refuse it.
 */
export function liveFlags(detail: PairDetail, draft: EditDraft): FlagId[] {
  return draftFlags(detail, draft);
}
