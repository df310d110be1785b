import type pg from "pg";
import { loaderBreakingFlags } from "../../../shared/domain";
import type { LoaderPreview } from "../../../shared/insightsApi";
import { flagBit } from "../sqlite/flags";

/*
 * The export screen's loader counts on PostgreSQL, as ../sqlite/loaderPreview.ts (LOADER.md): kept
 * pairs that would break the official loader (by flag), kept pairs whose masks the loader-safe
 * export converts, and records with more than three kept pairs. One grouped scan of the split's
 * pairs (pairs_dataset covers split, status and flags) answers the first two, one grouping of the
 * kept pairs by image the third; both in one statement.
 */

export async function loaderPreview(db: pg.Pool | pg.ClientBase, split: string, includePending: boolean): Promise<LoaderPreview> {
  const kept = includePending ? ["accepted", "pending"] : ["accepted"];
  const { rows } = await db.query<{ flags: number | null; n: number; over_three: number }>(
    `WITH kept AS (SELECT image_pk, flags FROM pairs WHERE split = $1 AND status = ANY($2::text[]))
     SELECT g.flags, g.n, o.n AS over_three
     FROM (SELECT count(*) AS n FROM (SELECT 1 FROM kept GROUP BY image_pk HAVING count(*) > 3) x) o
     LEFT JOIN (SELECT flags, count(*) AS n FROM kept GROUP BY flags) g ON true`,
    [split, kept],
  );
  const breakingByFlag: Record<string, number> = {};
  let breaking = 0;
  let maskForm = 0;
  const maskFormBit = flagBit("mask_form");
  for (const row of rows) {
    if (row.flags === null) continue;
    let any = false;
    for (const flag of loaderBreakingFlags) {
      if ((row.flags & flagBit(flag)) === 0) continue;
      breakingByFlag[flag] = (breakingByFlag[flag] ?? 0) + row.n;
      any = true;
    }
    if (any) breaking += row.n;
    else if (row.flags & maskFormBit) maskForm += row.n;
  }
  return { breaking, breakingByFlag, maskForm, recordsOverThreePairs: rows[0]?.over_three ?? 0 };
}
