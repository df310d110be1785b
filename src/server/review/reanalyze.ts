import { analyzePairWithEdits, analyzeRecord, invalidTargetIndex } from "../../shared/analyze";
import type { Edits, FlagId, Granularity } from "../../shared/domain";
import type { ImageRecord } from "../../shared/mmr";
import { withRleBudget } from "../../shared/rle";
import "../limitsFromEnv";

export type Reanalysis =
  | {
      ok: true;
      /** The pair's flags and granularity with the edits applied. */
      flags: FlagId[];
      granularity: Granularity;
      /** The granularity as imported (a vote keeps both). */
      importedGranularity: Granularity;
      /** The pair's targets: the edited ones, else those imported. */
      targets: number[];
    }
  | { ok: false; message: string };

/**
 * Re-runs the automatic checks of pair `index` of a stored record with `edits` applied, using the
 * shared analysis the importer and the client use, so all three agree on flags and granularity.
 * `fileFlags` are the import-time file checks, reused instead of probing the disk per decision.
 */
export function reanalyzePair(rawRecord: string, index: number, edits: Edits | null, fileFlags: readonly FlagId[]): Reanalysis {
  // The record passed the MMR schema at import; the store hands back exactly that text.
  const record = JSON.parse(rawRecord) as ImageRecord;
  // The same limits as the import (a record that passed it passes here, in the same time); the
  // mask reader turns a codec refusal into an unreadable, flagged mask rather than an error.
  const analysis = withRleBudget(() => analyzeRecord(record, { fileFlags }));
  if (edits?.targets) {
    const bad = invalidTargetIndex(analysis, edits.targets);
    if (bad !== null) {
      const count = analysis.annotations.length;
      return {
        ok: false,
        message: `edits.targets: annotation ${bad} does not exist; this image has ${count} annotation${count === 1 ? "" : "s"} (0–${count - 1})`,
      };
    }
  }
  const imported = analysis.pairs[index];
  if (!imported) return { ok: false, message: `pair ${index} does not exist in its record` };
  const pair = analyzePairWithEdits(analysis, index, edits);
  return { ok: true, flags: pair.flags, granularity: pair.granularity, importedGranularity: imported.granularity, targets: [...(edits?.targets ?? imported.targets)] };
}
