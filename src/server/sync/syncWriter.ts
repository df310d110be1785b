import { join } from "node:path";
import { exportSplit } from "../export/exportSplit";
import type { ReviewStore } from "../storage/store";

export function syncFileNames(dir: string, split: string): { cleaned: string; decisions: string } {
  return { cleaned: join(dir, `${split}.cleaned.json`), decisions: join(dir, `${split}.decisions.jsonl`) };
}

/**
 * The live-sync write of one split: the cleaned split (accepted pairs only, as `export` writes by
 * default) and its decision log, each atomically (temp file, fsync, rename) by the exporter.
 * Skips the work when no decision changed since the last write.
 */
export function createSyncWriter(store: ReviewStore, dir: string): (split: string) => Promise<void> {
  const written = new Map<string, number>();
  return async (split) => {
    const counter = await store.changeCounter(split);
    if (written.get(split) === counter) return;
    const files = syncFileNames(dir, split);
    await exportSplit(store, split, { out: files.cleaned, log: files.decisions, includePending: false });
    written.set(split, counter);
  };
}
