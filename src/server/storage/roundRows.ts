import type { Edits, Granularity } from "../../shared/domain";
import type { Round, SlotState, Vote } from "../../shared/rounds";

/* Row shapes of the round tables, shared by the SQLite and PostgreSQL stores. */

export interface RoundRow {
  id: number;
  name: string;
  split: string;
  filter: string;
  overlap: number;
  share: number;
  seed: string;
  blind: number | boolean;
  reviewers: string;
  created_by: string;
  created_at: string;
  closed: number | boolean;
  pairs: number;
}

export function roundFromRow(row: RoundRow): Round {
  return {
    id: Number(row.id),
    name: row.name,
    split: row.split,
    filter: JSON.parse(row.filter) as Record<string, unknown>,
    overlap: row.overlap,
    share: Number(row.share),
    seed: row.seed,
    blind: Boolean(row.blind),
    reviewers: JSON.parse(row.reviewers) as string[],
    createdBy: row.created_by,
    createdAt: row.created_at,
    closed: Boolean(row.closed),
    pairs: Number(row.pairs),
  };
}

export interface VoteRow {
  round_id: number;
  pair_id: string;
  reviewer: string;
  status: string;
  reasons: string;
  note: string;
  edits: string | null;
  targets: string;
  granularity: string;
  at: string;
  version: number;
}

export function voteFromRow(row: VoteRow): Vote {
  return {
    reviewer: row.reviewer,
    status: row.status === "accepted" ? "accepted" : "rejected",
    reasons: JSON.parse(row.reasons) as string[],
    note: row.note,
    edits: row.edits === null ? null : (JSON.parse(row.edits) as Edits),
    targets: JSON.parse(row.targets) as number[],
    granularity: row.granularity as Granularity,
    at: row.at,
    version: row.version,
  };
}

export interface SlotRow {
  round_id: number;
  pair_id: string;
  state: string;
  needed: number;
  votes: number;
  seq: number;
}

export function slotState(state: string): SlotState {
  return state === "agreed" || state === "adjudication" || state === "resolved" ? state : "open";
}

export const emptyByState = (): Record<SlotState, number> => ({ open: 0, agreed: 0, adjudication: 0, resolved: 0 });

export const ROUND_COLUMNS =
  "r.id, r.name, r.split, r.filter, r.overlap, r.share, r.seed, r.blind, r.reviewers, r.created_by, r.created_at, r.closed, (SELECT count(*) FROM round_slots s WHERE s.round_id = r.id) AS pairs";

/** Whether a stored decision's reviewer list is too long for one field: keep it readable. */
export function finalReviewer(name: string): string {
  return name.length <= 200 ? name : `${name.slice(0, 197)}...`;
}
