import { importSplit, type ImportOptions, type ImportOutcome } from "../import/importSplit";
import type { ReviewStore } from "../storage/store";
import { createProgress, formatCount } from "./progress";

/** Imports one split with a progress bar on stderr (a train-sized split takes tens of seconds). */
export async function importWithProgress(store: ReviewStore, file: string, options: Omit<ImportOptions, "onProgress"> = {}): Promise<ImportOutcome> {
  const progress = createProgress(file);
  try {
    return await importSplit(store, file, {
      ...options,
      onProgress: (p) =>
        progress.update({
          fraction: p.totalBytes > 0 ? p.bytesRead / p.totalBytes : null,
          bytes: p.bytesRead,
          detail: `${formatCount(p.records)} records · ${formatCount(p.pairs)} pairs`,
        }),
    });
  } finally {
    progress.finish();
  }
}
