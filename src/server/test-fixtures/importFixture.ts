import { importSplit } from "../import/importSplit";
import type { ImportOptions, ImportOutcome } from "../import/importSplit";
import type { ReviewStore } from "../storage/store";
import type { TempDir } from "./splitFiles";
import { splitText } from "./splitFiles";

/** Writes `records` as `<split>.json` in `dir` and imports it (inline analysis: no worker start-up). */
export async function importRecords(
  store: ReviewStore,
  dir: TempDir,
  split: string,
  records: readonly unknown[],
  opts: ImportOptions = {},
): Promise<ImportOutcome> {
  const file = dir.write(`${split}.json`, splitText(records));
  return importSplit(store, file, { workers: 0, ...opts });
}
