import type { PairDetail } from "../../../../shared/api";
import { acceptBlockers, type FlagId } from "../../../../shared/domain";
import type { EditDraft } from "../edit/editDraftStore";

/** The flags a draft would save with, from the edit panel's live checks. */
export type DraftFlags = (detail: PairDetail, draft: EditDraft) => FlagId[];

let draftFlags: DraftFlags | null = null;

/**
 * Registered by the edit panel's module when it loads (edit/draftAcceptFlags.ts): the live checks
 * (analyze, checks) stay out of the initial bundle. A draft only exists in edit mode, which loads
 * that module; until it has, the pair's own flags decide (the server checks every accept anyway).
 */
export function registerDraftFlags(compute: DraftFlags): void {
  draftFlags = compute;
}

/**
 * Why Accept is unavailable for this pair (empty: it may be accepted). While editing, the rules
 * are applied to the draft, so fixing the answer makes Accept available again.
 */
export function acceptBlockersFor(detail: PairDetail, draft: EditDraft | null): FlagId[] {
  const editing = draft !== null && draft.pairId === detail.id;
  return acceptBlockers(editing && draftFlags ? draftFlags(detail, draft) : detail.flags);
}

/** One line for the reviewer: what blocks the accept and what to do instead. */
export function refusalText(flags: readonly FlagId[], editing: boolean): string {
  const list = flags.join(", ");
  return editing
    ? `Accept is unavailable: the edited pair still has ${list}. Fix it here, or press Esc and reject with r.`
    : `Accept is unavailable: this pair has ${list}, which the training loader cannot use. Edit it (e) or reject it (r).`;
}
