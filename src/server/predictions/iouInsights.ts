import type { IouInsights } from "../../shared/predictionsApi";
import type { Status } from "../../shared/domain";
import type { IouStatusRow } from "../storage/store";

/*
 * Does disagreement find bad pairs? The histogram of pair IoU, and the reject share among the
 * lowest-IoU 5 / 10 / 20 % of pairs against the reject share overall.
 */

function slice(rows: readonly IouStatusRow[]): IouInsights["overall"] {
  let decided = 0;
  let rejected = 0;
  for (const row of rows) {
    if (row.status !== "pending") decided++;
    if (row.status === "rejected") rejected++;
  }
  return { pairs: rows.length, decided, rejected, rejectShare: decided === 0 ? null : rejected / decided };
}

/** `rows` sorted by IoU, lowest first. */
export function iouInsights(split: string, model: string, rows: readonly IouStatusRow[]): IouInsights {
  const histogram = Array.from({ length: 10 }, (_, b) => ({
    from: b / 10,
    to: (b + 1) / 10,
    pairs: 0,
    byStatus: { pending: 0, accepted: 0, rejected: 0 } as Record<Status, number>,
  }));
  for (const row of rows) {
    const bin = histogram[Math.min(9, Math.max(0, Math.floor(row.iou * 10)))]!;
    bin.pairs++;
    bin.byStatus[row.status]++;
  }
  const lowest = [0.05, 0.1, 0.2].map((fraction) => ({
    fraction,
    ...slice(rows.slice(0, Math.ceil(rows.length * fraction))),
  }));
  return { split, model, histogram, overall: slice(rows), lowest };
}
