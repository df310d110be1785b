import type { Decision, Edits, HistoryEntry, Status } from "../../../shared/domain";

/* Row shapes of the tables and their conversion to domain objects. */

export interface DecisionRow {
  pair_id: string;
  status: string;
  reasons: string;
  note: string;
  edits: string | null;
  reviewer: string;
  updated_at: string;
  version: number;
  flags: number;
  granularity: string;
  targets: string;
}

export function decisionFromRow(row: DecisionRow): Decision {
  return {
    status: row.status as Status,
    reasons: JSON.parse(row.reasons) as string[],
    note: row.note,
    edits: row.edits === null ? null : (JSON.parse(row.edits) as Edits),
    reviewer: row.reviewer,
    updatedAt: row.updated_at,
    version: row.version,
  };
}

export interface HistoryRow {
  version: number;
  reviewer: string;
  at: string;
  before: string | null;
  after: string;
}

export function historyFromRow(row: HistoryRow): HistoryEntry {
  return {
    version: row.version,
    reviewer: row.reviewer,
    at: row.at,
    before: row.before === null ? null : (JSON.parse(row.before) as Decision),
    after: JSON.parse(row.after) as Decision,
  };
}

/** The pair columns most readers need. */
export interface PairRow {
  pk: number;
  id: string;
  split: string;
  seq: number;
  image_pk: number;
  image_id: number;
  idx: number;
  question: string;
  text_answer: string;
  raw_answer: string | null;
  orig_targets: string;
  imported_flags: number;
  imported_granularity: string;
  content_hash: string;
  targets: string;
  target_count: number;
  granularity: string;
  flags: number;
  flag_order: number;
  status: string;
  reviewer: string | null;
  edited_question: string | null;
  edited_answer: string | null;
}
