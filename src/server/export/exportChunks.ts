import { setImmediate as yieldToEventLoop } from "node:timers/promises";
import type { Decision } from "../../shared/domain";
import { exportRecord } from "../../shared/exportRecord";
import type { ImageRecord } from "../../shared/mmr";
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
}

export interface ExportChunkOptions {
  includePending: boolean;
  onProgress?(progress: ExportProgress): void;
}

/** Chunks are about this big: few enough writes, small enough to keep memory flat. */
const CHUNK_CHARS = 1 << 18;
/** Let other work (HTTP requests, decision writes) run between this many chunks. */
const CHUNKS_PER_TURN = 16;

function hasPendingOnly(decisions: ReadonlyMap<number, Decision>): boolean {
  return decisions.size === 0;
}

/**
 * One record's text in the export, or null when no pair is left. An undecided record kept whole
 * is written as its original text: byte for byte what was imported, with no parse at all.
 */
export function exportRecordText(raw: string, decisions: ReadonlyMap<number, Decision>, includePending: boolean): { text: string; pairs: number } | null {
  if (hasPendingOnly(decisions) && !includePending) return null;
  const record = JSON.parse(raw) as ImageRecord;
  if (hasPendingOnly(decisions)) return { text: raw, pairs: record.questions.length };
  const cleaned = exportRecord(record, decisions, { includePending });
  if (cleaned === null) return null;
  return { text: cleaned === record ? raw : JSON.stringify(cleaned), pairs: cleaned.questions.length };
}

export async function* exportChunks(store: ReviewStore, split: string, opts: ExportChunkOptions): AsyncGenerator<string> {
  const totalRecords = store.listSplits().find((s) => s.name === split)?.images ?? 0;
  const progress: ExportProgress = { records: 0, totalRecords, written: 0, pairs: 0, bytes: 0 };
  let parts: string[] = ["[\n"];
  let size = 2;
  let chunks = 0;
  for (const { raw, decisions } of store.exportRecords(split)) {
    progress.records++;
    const out = exportRecordText(raw, decisions, opts.includePending);
    if (out === null) continue;
    if (progress.written > 0) {
      parts.push(",\n");
      size += 2;
    }
    parts.push(out.text);
    size += out.text.length;
    progress.written++;
    progress.pairs += out.pairs;
    if (size >= CHUNK_CHARS) {
      const chunk = parts.join("");
      parts = [];
      size = 0;
      progress.bytes += Buffer.byteLength(chunk);
      opts.onProgress?.(progress);
      yield chunk;
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
  for (const { id, decision } of store.decisionLog(split)) {
    const line = `${JSON.stringify({
      id,
      status: decision.status,
      reasons: decision.reasons,
      note: decision.note,
      reviewer: decision.reviewer,
      time: decision.updatedAt,
      edits: decision.edits,
      version: decision.version,
    })}\n`;
    parts.push(line);
    size += line.length;
    if (size >= CHUNK_CHARS) {
      yield parts.join("");
      parts = [];
      size = 0;
      await yieldToEventLoop();
    }
  }
  if (parts.length > 0) yield parts.join("");
}
