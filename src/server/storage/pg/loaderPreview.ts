import type pg from "pg";
import { loaderBreakingFlags } from "../../../shared/domain";
import type { LoaderPreview } from "../../../shared/insightsApi";
import { flagBit } from "../sqlite/flags";

/*
 * The export screen's loader counts on PostgreSQL, as ../sqlite/loaderPreview.ts (LOADER.md): kept
 * pairs that would break the official loader (by flag), kept pairs whose masks the loader-safe
 * export converts, and records with more than three kept pairs. The first two come from
 * pair_counts (pairs per split, status and flags, kept by every decision), a few rows whatever the
 * split's size; the third groups the kept pairs by image.
 */

export async function loaderPreview(db: pg.Pool | pg.ClientBase, split: string, includePending: boolean): Promise<LoaderPreview> {
  const kept = includePending ? ["accepted", "pending"] : ["accepted"];
  const [byFlags, over] = await Promise.all([
    db.query<{ flags: number; n: number }>(
      "SELECT flags, sum(n)::int AS n FROM pair_counts WHERE split = $1 AND status = ANY($2::text[]) GROUP BY flags HAVING sum(n) > 0",
      [split, kept],
    ),
    db.query<{ n: number }>(
      `SELECT count(*)::int AS n FROM (SELECT 1 FROM pairs WHERE split = $1 AND status = ANY($2::text[]) GROUP BY image_pk HAVING count(*) > 3) x`,
      [split, kept],
    ),
  ]);
  const breakingByFlag: Record<string, number> = {};
  let breaking = 0;
  let maskForm = 0;
  const maskFormBit = flagBit("mask_form");
  for (const row of byFlags.rows) {
    let any = false;
    for (const flag of loaderBreakingFlags) {
      if ((row.flags & flagBit(flag)) === 0) continue;
      breakingByFlag[flag] = (breakingByFlag[flag] ?? 0) + row.n;
      any = true;
    }
    if (any) breaking += row.n;
    else if (row.flags & maskFormBit) maskForm += row.n;
  }
  return { breaking, breakingByFlag, maskForm, recordsOverThreePairs: over.rows[0]?.n ?? 0 };
}
