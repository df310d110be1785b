import { existsSync, statSync } from "node:fs";
import { availableParallelism } from "node:os";
import { basename, resolve } from "node:path";
import { splitNameSchema } from "../../shared/domain";
import { UserError } from "../errors";
import { readRecords } from "../io/records";
import { StorageError } from "../storage/errors";
import type { ImportResult, ReviewStore, SplitImport, SplitSource } from "../storage/store";
import { duplicateImageIdMessage } from "./analyzeText";
import { hashFile } from "./hashFile";
import { inlineAnalyzer, workerAnalyzer } from "./recordPool";
import type { WorkerPoolTuning } from "./recordPool";
import type { RecordAnalyzer } from "./recordPool";

/*
 * Streams one split file into the store as one transaction: records are cut from the byte stream,
 * parsed, validated and analysed one at a time (memory bounded by the records in flight), and
 * handed to the store in file order. Any failure aborts the transaction: the store is left as it was.
 */

export interface ImportProgress {
  records: number;
  pairs: number;
  bytesRead: number;
  totalBytes: number;
}

export interface ImportOptions {
  /** Split name; defaults to the file's base name without `.json`. */
  split?: string;
  /** Images folder, to check that every image exists (`missing_image`); skipped when absent. */
  imagesDir?: string;
  onProgress?(progress: ImportProgress): void;
  /**
   * Worker threads analysing records next to the inserts. Default: one per core (at most 4) for
   * files over 8 MB, none for smaller ones, where starting workers costs more than it saves.
   */
  workers?: number;
  /** Worker heap limits and the inline threshold (tests). */
  workerTuning?: WorkerPoolTuning;
}

export type ImportOutcome = ImportResult & { skipped?: boolean };

/** Records analysed ahead of the inserts: enough to keep workers busy, few enough to bound memory. */
const IN_FLIGHT = 256;
const WORKERS_FROM_BYTES = 8 * 1024 * 1024;

export function defaultSplitName(file: string): string {
  return basename(file).replace(/\.json$/i, "");
}

function defaultWorkers(file: string): number {
  return statSync(file).size < WORKERS_FROM_BYTES ? 0 : Math.max(1, Math.min(4, availableParallelism()));
}

export async function importSplit(store: ReviewStore, file: string, opts: ImportOptions = {}): Promise<ImportOutcome> {
  const split = opts.split ?? defaultSplitName(file);
  const name = splitNameSchema.safeParse(split);
  if (!name.success) {
    const why = name.error.issues[0]?.message ?? "invalid";
    throw new UserError(`${file}: invalid split name ${JSON.stringify(split)}: ${why}${opts.split === undefined ? " (name it with --split)" : ""}`);
  }
  if (!existsSync(file)) throw new UserError(`${file}: no such file`);

  const sourceHash = await hashFile(file);
  const earlier = await store.getSplit(split);
  if (earlier && earlier.sourceHash === sourceHash) {
    const summary = (await store.listSplits()).find((s) => s.name === split);
    return { split, images: summary?.images ?? 0, pairs: summary?.pairs ?? 0, keptDecisions: 0, changedPairs: [], skipped: true };
  }

  const workers = opts.workers ?? defaultWorkers(file);
  const analyzeOptions = { file, ...(opts.imagesDir !== undefined ? { imagesDir: opts.imagesDir } : {}) };
  // Begin before starting workers: a refused transaction (SQLITE_BUSY) must not leave threads running.
  const importing = await beginImport(store, file, { name: split, sourceFile: resolve(file), sourceHash, importedAt: new Date().toISOString() });
  const analyzer: RecordAnalyzer = workers > 0 ? workerAnalyzer(analyzeOptions, workers, opts.workerTuning) : inlineAnalyzer(analyzeOptions);
  try {
    const firstIndexOf = new Map<number, number>();
    let records = 0;
    let pairs = 0;
    let bytesRead = 0;
    let totalBytes = statSync(file).size;

    // Each record's bytes as read, stored as they are instead of re-encoding the text (kept here,
    // never posted to a worker: a view's whole read chunk would be copied with it).
    const bytesOf = new Map<number, Uint8Array>();
    const take = async (): Promise<void> => {
      const image = await analyzer.next();
      const rawBytes = bytesOf.get(image.ordinal);
      bytesOf.delete(image.ordinal);
      if (rawBytes) image.rawBytes = rawBytes;
      const first = firstIndexOf.get(image.imageId);
      if (first !== undefined) {
        throw new UserError(duplicateImageIdMessage(file, image.ordinal, image.imageId, first));
      }
      firstIndexOf.set(image.imageId, image.ordinal);
      await importing.addImage(image);
      records++;
      pairs += image.pairs.length;
      opts.onProgress?.({ records, pairs, bytesRead, totalBytes });
    };

    const onBytes = (read: number, total: number): void => {
      bytesRead = read;
      totalBytes = total;
    };
    for await (const { index, text, byteOffset, bytes } of readRecords(file, { onProgress: onBytes })) {
      bytesOf.set(index, bytes);
      analyzer.submit({ index, text, byteOffset });
      while (analyzer.pending >= IN_FLIGHT) await take();
    }
    while (analyzer.pending > 0) await take();
    return await importing.commit();
  } catch (error) {
    await importing.abort();
    if (error instanceof UserError && !(error instanceof StorageError)) throw error;
    throw asUserError(file, error);
  } finally {
    await analyzer.close();
  }
}

/** A database refusal (busy, disk error: a typed storage error) becomes one line for the user; anything else is a bug. */
function asUserError(file: string, error: unknown): unknown {
  if (error instanceof StorageError) {
    return new UserError(`${file}: the database refused the import (${error.message}); nothing was changed`);
  }
  return error;
}

async function beginImport(store: ReviewStore, file: string, source: SplitSource): Promise<SplitImport> {
  try {
    return await store.beginImport(source);
  } catch (error) {
    throw asUserError(file, error);
  }
}
