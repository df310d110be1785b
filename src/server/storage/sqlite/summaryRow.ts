import type { PairSummary } from "../../../shared/api";
import type { Granularity, Status } from "../../../shared/domain";
import { maskToFlags } from "./flags";

/* A pair as a line of the queue, gallery or image strip: the columns to select and their mapping. */

export const SUMMARY_COLUMNS = `p.id, p.split, p.image_id, p.idx, coalesce(p.edited_question, p.question) AS question,
  p.target_count, p.granularity, p.status, p.flags, p.reviewer,
  coalesce((SELECT d.version FROM decisions d WHERE d.pair_id = p.id), 0) AS version`;

export interface SummaryRow {
  id: string;
  split: string;
  image_id: number;
  idx: number;
  question: string;
  target_count: number;
  granularity: string;
  status: string;
  flags: number;
  reviewer: string | null;
  version: number;
}

export function toSummary(row: SummaryRow): PairSummary {
  return {
    id: row.id,
    split: row.split,
    imageId: row.image_id,
    index: row.idx,
    question: row.question,
    targetCount: row.target_count,
    granularity: row.granularity as Granularity,
    status: row.status as Status,
    flags: maskToFlags(row.flags),
    reviewer: row.reviewer,
    version: row.version,
  };
}
