import { Worker } from "node:worker_threads";
import { UserError } from "../errors";
import { decodeAnnotations, type StoredAnnotation } from "../storage/sqlite/annotationCodec";
import type { ImportedAnnotation, ImportedImage } from "../storage/store";
import { analyzeRecordText } from "./analyzeText";
import type { AnalyzeTextOptions, RecordInput } from "./analyzeText";

/*
 * Record analysis (JSON.parse, schema, masks, checks) is most of an import's CPU, while SQLite
 * inserts must stay on the thread that owns the connection. Worker threads analyse records in
 * parallel with the inserts; results are handed back strictly in file order, and the first error
 * in file order is the one reported, so the outcome is the same as analysing inline.
 */

/** A worker's image carries its annotations as `encodedAnnotations` only (and no raw text). */
export type WorkerImage = Omit<ImportedImage, "annotations"> & { encodedAnnotations: string };

export type WorkerReply =
  | { index: number; image: WorkerImage; error?: undefined }
  | { index: number; error: { message: string; user: boolean }; image?: undefined };

export interface RecordAnalyzer {
  submit(input: RecordInput): void;
  /** Records submitted and not yet taken with `next`. */
  readonly pending: number;
  /** The analysis of the next record in file order; throws the record's error. */
  next(): Promise<ImportedImage>;
  close(): Promise<void>;
}

function replyToImage(reply: WorkerReply, raw: string): ImportedImage {
  if (reply.error) throw reply.error.user ? new UserError(reply.error.message) : new Error(reply.error.message);
  const image = reply.image;
  let annotations: ImportedAnnotation[] | null = null;
  return {
    ...image,
    raw,
    // Rebuilt from the encoded list only for a store that reads the objects (PostgreSQL; SQLite
    // only for a re-import whose decision changed a pair's targets).
    get annotations() {
      annotations ??= annotationsFromStored(decodeAnnotations(image.encodedAnnotations));
      return annotations;
    },
  };
}

/** The importer's annotations back from their stored encoding (a lossless round trip; the RLE a record holds stays out). */
function annotationsFromStored(stored: readonly StoredAnnotation[]): ImportedAnnotation[] {
  return stored.map((a) => ({
    index: a.idx,
    annId: a.annId,
    categoryId: a.categoryId,
    categoryName: a.category,
    kind: a.kind as ImportedAnnotation["kind"],
    instanceName: a.instanceName,
    parent: a.parent,
    bbox: [a.bbox[0] ?? 0, a.bbox[1] ?? 0, a.bbox[2] ?? 0, a.bbox[3] ?? 0],
    area: a.area,
    maskBox: [a.maskBox[0] ?? 0, a.maskBox[1] ?? 0, a.maskBox[2] ?? 0, a.maskBox[3] ?? 0],
    rle: a.rle ?? "",
    size: [a.h, a.w],
    rleInRecord: a.rle === null,
  }));
}

/** Analyses on the calling thread (small files, tests). */
export function inlineAnalyzer(opts: AnalyzeTextOptions): RecordAnalyzer {
  const queue: RecordInput[] = [];
  return {
    submit(input) {
      queue.push(input);
    },
    get pending() {
      return queue.length;
    },
    async next() {
      const input = queue.shift();
      if (!input) throw new Error("no record pending");
      return analyzeRecordText(input, opts);
    },
    async close() {},
  };
}

const BATCH = 8;
/**
 * A worker holds a few records at a time; without limits V8 sizes each worker's heap as if it
 * were alone, and two workers plus the main thread overshoot the import's memory budget.
 */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 96, maxYoungGenerationSizeMb: 16 };

/**
 * Records at least this long (in characters) are analysed on the main thread: parsing one takes a
 * few times its size, more than a worker's heap is given. Records are capped far below what the
 * main thread can hold (`recordLimits.maxRecordBytes`).
 */
export const INLINE_FROM_CHARS = 8 * 1024 * 1024;

export interface WorkerPoolTuning {
  /** Heap limits of each worker (tests make them small to provoke an out-of-memory). */
  resourceLimits?: typeof WORKER_LIMITS;
  inlineFromChars?: number;
}

export function workerAnalyzer(opts: AnalyzeTextOptions, count: number, tuning: WorkerPoolTuning = {}): RecordAnalyzer {
  const entry = new URL("./recordWorkerEntry.mjs", import.meta.url);
  const limits = tuning.resourceLimits ?? WORKER_LIMITS;
  const inlineFrom = tuning.inlineFromChars ?? INLINE_FROM_CHARS;
  const workers = Array.from({ length: count }, () => new Worker(entry, { workerData: opts, resourceLimits: limits }));
  const texts = new Map<number, RecordInput>();
  const replies = new Map<number, WorkerReply>();
  // Which worker holds each record sent out and not answered; a record whose worker died (out of
  // memory, a crash) is analysed again on the main thread, so its own one-line error is reported.
  const holder = new Map<number, number>();
  const alive = workers.map(() => true);
  let batch: RecordInput[] = [];
  let nextWorker = 0;
  let nextIndex: number | null = null;
  let wake: (() => void) | null = null;

  const notify = (): void => {
    const w = wake;
    wake = null;
    w?.();
  };
  workers.forEach((worker, w) => {
    worker.on("message", (batchReplies: WorkerReply[]) => {
      for (const reply of batchReplies) {
        replies.set(reply.index, reply);
        holder.delete(reply.index);
      }
      notify();
    });
    const died = (): void => {
      alive[w] = false;
      notify();
    };
    worker.on("error", died);
    worker.on("exit", died);
  });

  const flush = (): void => {
    if (batch.length === 0) return;
    for (let tries = 0; tries < workers.length && !alive[nextWorker]; tries++) nextWorker = (nextWorker + 1) % workers.length;
    if (alive[nextWorker]) {
      for (const input of batch) holder.set(input.index, nextWorker);
      workers[nextWorker]!.postMessage(batch);
      nextWorker = (nextWorker + 1) % workers.length;
    } // else every worker is gone: the records stay unsent and are analysed inline by next()
    batch = [];
  };

  return {
    submit(input) {
      nextIndex ??= input.index;
      texts.set(input.index, input);
      if (input.text.length >= inlineFrom) return; // next() analyses it here
      batch.push(input);
      if (batch.length >= BATCH) flush();
    },
    get pending() {
      return texts.size;
    },
    async next() {
      if (nextIndex === null || !texts.has(nextIndex)) throw new Error("no record pending");
      const index = nextIndex;
      flush();
      const input = texts.get(index)!;
      for (;;) {
        const reply = replies.get(index);
        const w = holder.get(index);
        if (reply || w === undefined || !alive[w]) {
          replies.delete(index);
          holder.delete(index);
          texts.delete(index);
          nextIndex = index + 1;
          return reply ? replyToImage(reply, input.text) : analyzeRecordText(input, opts);
        }
        await new Promise<void>((resolve) => (wake = resolve));
      }
    },
    async close() {
      await Promise.all(workers.map((w) => w.terminate()));
    },
  };
}
