import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import { loaderBreakingFlags } from "../../shared/domain";
import type { Decision, FlagId } from "../../shared/domain";
import { exportRecordText as assembleRecord, untouchedRecordExport } from "../../shared/exportRecord";
import type { ExportMode, RecordExport } from "../../shared/exportRecord";
import type { ReviewStore } from "../storage/store";

/*
 * The cleaned split (SPEC section 5) as a stream of text chunks: `[`, records joined by `,\n`,
 * `]`. Records are read from the store in file order a page at a time, so memory stays bounded
 * by a chunk whatever the split's size.
 */

export interface ExportProgress {
  /** Records read from the store so far. */
  records: number;
  /** Records in the split. */
  totalRecords: number;
  /** Records written (with at least one pair left). */
  written: number;
  pairs: number;
  bytes: number;
  /** What the loader-safe mode changed or left out (SPEC section 5); zeros in lossless mode. */
  report: ExportReport;
}

/** The summary of an export: what was converted and what was left out, and why. */
export interface ExportReport {
  mode: ExportMode;
  /** Target copies written as compressed RLE converted from polygons or uncompressed counts. */
  convertedTargets: number;
  convertedPairs: number;
  /** Kept (accepted or pending) pairs left out because they would break the loader, by flag. */
  leftOut: Partial<Record<FlagId, number>>;
  /** Records left out because no pair of theirs could be written (none kept, or no questions). */
  recordsWithoutPairs: number;
  /** Lossless only: written pairs the official loader would fail on (loader-breaking or mask_form). */
  loaderBreakingWritten: number;
}

export interface ExportChunkOptions {
  includePending: boolean;
  /** Default `loader-safe`. */
  mode?: ExportMode;
  onProgress?(progress: ExportProgress): void;
}

export function emptyReport(mode: ExportMode): ExportReport {
  return { mode, convertedTargets: 0, convertedPairs: 0, leftOut: {}, recordsWithoutPairs: 0, loaderBreakingWritten: 0 };
}

/** Chunks are about this big: few enough writes, small enough to keep memory flat. */
const CHUNK_CHARS = 1 << 18;
/** Let other work (HTTP requests, decision writes) run between this many chunks. */
const CHUNKS_PER_TURN = 16;

/**
 * One record's export (see `exportRecordText` in src/shared). An undecided record is decided from
 * its stored flags without parsing its text when it can be written (or left out) whole.
 */
export function exportRecordText(
  raw: string,
  decisions: ReadonlyMap<number, Decision>,
  opts: { includePending: boolean; mode?: ExportMode; pairFlags?: ReadonlyMap<number, readonly FlagId[]> },
): RecordExport {
  // Stryker disable next-line ConditionalExpression,LogicalOperator: equivalent, the fast path is a shortcut to the same result assembleRecord gives
  if (decisions.size === 0 && opts.pairFlags) {
    const fast = untouchedRecordExport(raw, opts.pairFlags.size, opts.pairFlags, opts);
    // Stryker disable next-line ConditionalExpression: equivalent, see above
    if (fast) return fast;
  }
  return assembleRecord(raw, decisions, opts);
}

/** What makes the official loader fail on a pair written as read: the breaking flags and `mask_form`. */
const LOADER_FAILS: ReadonlySet<FlagId> = new Set<FlagId>([...loaderBreakingFlags, "mask_form"]);

function addReport(report: ExportReport, out: RecordExport, decisions: ReadonlyMap<number, Decision>, pairFlags: ReadonlyMap<number, readonly FlagId[]> | undefined, includePending: boolean): void {
  report.convertedTargets += out.convertedTargets;
  report.convertedPairs += out.convertedPairs;
  for (const [flag, n] of Object.entries(out.leftOut) as [FlagId, number][]) report.leftOut[flag] = (report.leftOut[flag] ?? 0) + n;
  if (out.droppedNoPairs) report.recordsWithoutPairs++;
  // (`out.text !== null` is implied: a record without text has no written pair.)
  if (report.mode === "lossless" && out.text !== null && pairFlags) {
    for (const [idx, flags] of pairFlags) {
      const status = decisions.get(idx)?.status ?? "pending";
      const written = status === "accepted" || (status === "pending" && includePending);
      if (written && flags.some((f) => LOADER_FAILS.has(f))) report.loaderBreakingWritten++;
    }
  }
}

export async function* exportChunks(store: ReviewStore, split: string, opts: ExportChunkOptions): AsyncGenerator<string> {
  const totalRecords = (await store.listSplits()).find((s) => s.name === split)?.images ?? 0;
  const mode = opts.mode ?? "loader-safe";
  const progress: ExportProgress = { records: 0, totalRecords, written: 0, pairs: 0, bytes: 0, report: emptyReport(mode) };
  let parts: string[] = ["[\n"];
  let size = 2;
  let chunks = 0;
  for await (const { raw, decisions, pairFlags } of store.exportRecords(split)) {
    progress.records++;
    const out = exportRecordText(raw, decisions, { includePending: opts.includePending, mode, ...(pairFlags ? { pairFlags } : {}) });
    addReport(progress.report, out, decisions, pairFlags, opts.includePending);
    if (out.text === null) continue;
    if (progress.written > 0) {
      parts.push(",\n");
      // Stryker disable next-line AssignmentOperator: equivalent, size only places chunk boundaries, which the output does not show
      size += 2;
    }
    parts.push(out.text);
    size += out.text.length;
    progress.written++;
    progress.pairs += out.pairs;
    // Stryker disable next-line EqualityOperator: equivalent, a chunk of exactly CHUNK_CHARS only moves a boundary
    if (size >= CHUNK_CHARS) {
      const chunk = parts.join("");
      parts = [];
      size = 0;
      progress.bytes += Buffer.byteLength(chunk);
      opts.onProgress?.(progress);
      yield chunk;
      // Stryker disable next-line all: equivalent for the output, this only lets other work run between chunks
      if (++chunks % CHUNKS_PER_TURN === 0) await yieldToEventLoop();
    }
  }
  parts.push(progress.written > 0 ? "\n]" : "]");
  const chunk = parts.join("");
  progress.bytes += Buffer.byteLength(chunk);
  opts.onProgress?.(progress);
  yield chunk;
}

/** The decision log (SPEC section 5): one JSON line per decided pair, streamed. */
export async function* decisionLogChunks(store: ReviewStore, split: string): AsyncGenerator<string> {
  let parts: string[] = [];
  let size = 0;
  // Pairs decided through a review round list their votes (issue 11); others have no `votes` key.
  const votes = await store.rounds().votesOfSplit(split);
  for await (const { id, decision } of store.decisionLog(split)) {
    const pairVotes = votes.get(id);
    const line = `${JSON.stringify({
      id,
      status: decision.status,
      reasons: decision.reasons,
      note: decision.note,
      reviewer: decision.reviewer,
      time: decision.updatedAt,
      edits: decision.edits,
      version: decision.version,
      ...(pairVotes ? { votes: pairVotes.map((v) => ({ reviewer: v.reviewer, status: v.status, reasons: v.reasons, note: v.note, edits: v.edits, time: v.at, version: v.version })) } : {}),
    })}\n`;
    parts.push(line);
    size += line.length;
    // Stryker disable next-line EqualityOperator: equivalent, a chunk of exactly CHUNK_CHARS only moves a boundary
    if (size >= CHUNK_CHARS) {
      yield parts.join("");
      parts = [];
      size = 0;
      await yieldToEventLoop();
    }
  }
  if (parts.length > 0) yield parts.join("");
}
