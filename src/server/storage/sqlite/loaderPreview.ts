import { loaderBreakingFlags } from "../../../shared/domain";
import type { LoaderPreview } from "../../../shared/insightsApi";
import { flagBit } from "./flags";
import type { StatementCache } from "./statementCache";

/*
 * The export screen's loader counts (LOADER.md): kept pairs that would break the official loader,
 * kept pairs whose masks the loader-safe export converts, and records with more than three kept
 * pairs. Flags are a bitmask per pair, so one grouped scan of the split's pairs answers the first
 * two; the third groups the kept pairs by image.
 */

export function loaderPreview(statements: StatementCache, split: string, includePending: boolean): LoaderPreview {
  const kept = includePending ? ["accepted", "pending"] : ["accepted"];
  const placeholders = kept.map(() => "?").join(", ");
  const rows = statements
    .get(`SELECT flags, count(*) AS n FROM pairs WHERE split = ? AND status IN (${placeholders}) GROUP BY flags`)
    .all(split, ...kept) as { flags: number; n: number }[];
  const breakingByFlag: Record<string, number> = {};
  let breaking = 0;
  let maskForm = 0;
  const maskFormBit = flagBit("mask_form");
  for (const row of rows) {
    let any = false;
    for (const flag of loaderBreakingFlags) {
      if ((row.flags & flagBit(flag)) === 0) continue;
      breakingByFlag[flag] = (breakingByFlag[flag] ?? 0) + row.n;
      any = true;
    }
    if (any) breaking += row.n;
    else if (row.flags & maskFormBit) maskForm += row.n;
  }
  const recordsOverThreePairs = statements
    .get(`SELECT count(*) FROM (SELECT image_pk FROM pairs WHERE split = ? AND status IN (${placeholders}) GROUP BY image_pk HAVING count(*) > 3)`)
    .pluck()
    .get(split, ...kept) as number;
  return { breaking, breakingByFlag, maskForm, recordsOverThreePairs };
}
