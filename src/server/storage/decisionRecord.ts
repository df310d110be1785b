import { normalizeEdits, type Decision } from "../../shared/domain";
import type { SaveDecisionRequest } from "./store";

/*
 * What both stores write for a decision, in one place: the filter state kept beside it, the column
 * order of a `decisions` row and of a `history` row, and the rule that tells an idempotent replay
 * from a key reused for another decision. The SQL around them is each driver's own.
 */

/** The denormalised filter state of a pair after a decision (flags as a bit mask). */
export interface PairState {
  flags: number;
  granularity: string;
  targets: number[];
}

export const DECISION_COLUMNS = "pair_id, status, reasons, note, edits, reviewer, updated_at, version, flags, granularity, targets";

/** A `decisions` row's values, in DECISION_COLUMNS order. */
export function decisionValues(id: string, decision: Decision, state: PairState): unknown[] {
  return [
    id,
    decision.status,
    JSON.stringify(decision.reasons),
    decision.note,
    decision.edits === null ? null : JSON.stringify(decision.edits),
    decision.reviewer,
    decision.updatedAt,
    decision.version,
    state.flags,
    state.granularity,
    JSON.stringify(state.targets),
  ];
}

/** A `history` row's values: pair_id, version, reviewer, at, before, after. */
export function historyValues(id: string, before: Decision | null, after: Decision): unknown[] {
  // Stryker disable next-line ConditionalExpression: equivalent, JSON.stringify(null) is "null", which reads back as null
  return [id, after.version, after.reviewer, after.updatedAt, before === null ? null : JSON.stringify(before), JSON.stringify(after)];
}

/** Whether a retried request (same idempotency key) asks for the decision the key first saved. */
export function sameDecision(decision: Decision, input: SaveDecisionRequest["input"]): boolean {
  return (
    decision.status === input.status &&
    decision.reviewer === input.reviewer &&
    decision.note === (input.note ?? "") &&
    JSON.stringify(decision.reasons) === JSON.stringify(input.reasons ?? []) &&
    JSON.stringify(decision.edits) === JSON.stringify(normalizeEdits(input.edits))
  );
}
