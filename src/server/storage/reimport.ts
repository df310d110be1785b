import type { Decision } from "../../shared/domain";
import type { PairState } from "./decisionRecord";
import { decisionFromRow, type DecisionRow } from "./sqlite/rows";

/*
 * The re-import rule both stores apply to a split imported again: a pair's decision is kept when
 * the pair's content hash is unchanged, reset to pending (a new version, with a history entry) when
 * it changed or the pair disappeared; an untouched pending decision has nothing to reset.
 */

export const IMPORT_REVIEWER = "mmr-review import";

/** A decided pair of the earlier import, with the content hash its decision was made on. */
export interface Prior {
  hash: string | null;
  row: DecisionRow;
}

/** A decision that still says something: anything but an untouched pending. */
export function isActive(decision: Decision): boolean {
  return decision.status !== "pending" || decision.edits !== null;
}

/** The decision that replaces `before` when its pair changed or went away. */
export function resetDecision(before: Decision, importedAt: string): Decision {
  return {
    status: "pending",
    reasons: [],
    note: "reset: the pair changed in a re-import",
    edits: null,
    reviewer: IMPORT_REVIEWER,
    updatedAt: importedAt,
    version: before.version + 1,
  };
}

/** The filter state a prior decision left on its pair. */
export function priorState(row: DecisionRow): PairState {
  return { flags: row.flags, granularity: row.granularity, targets: JSON.parse(row.targets) as number[] };
}

export interface ReimportedPair {
  /** The pair's decision after this import (null: never decided). */
  decision: Decision | null;
  state: PairState;
  /** An active decision kept because the pair is unchanged. */
  kept: boolean;
  /** The decision this import resets (write `decision` over it, with history). */
  reset: Decision | null;
}

/** What a pair of this import gets from its earlier decision, if it had one. */
export function reimportPair(prior: Prior | undefined, contentHash: string, imported: PairState, importedAt: string): ReimportedPair {
  if (!prior) return { decision: null, state: imported, kept: false, reset: null };
  const earlier = decisionFromRow(prior.row);
  if (prior.hash === contentHash) return { decision: earlier, state: priorState(prior.row), kept: isActive(earlier), reset: null };
  if (isActive(earlier)) return { decision: resetDecision(earlier, importedAt), state: imported, kept: false, reset: earlier };
  return { decision: earlier, state: imported, kept: false, reset: null };
}
