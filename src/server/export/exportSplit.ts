import { once } from "node:events";
import type { Writable } from "node:stream";
import { UserError } from "../errors";
import { toByteStream } from "../io/byteStream";
import type { ReviewStore } from "../storage/store";
import { commitFile, discardFile, stageFile, writeChunks } from "./atomicWrite";
import type { StagedFile } from "./atomicWrite";
import { decisionLogChunks, emptyReport, exportChunks } from "./exportChunks";
import type { ExportProgress, ExportReport } from "./exportChunks";
import type { ExportMode } from "../../shared/exportRecord";

/* `mmr-review export`, live sync and the API download all go through these. */

export interface ExportSplitOptions {
  out: string;
  includePending: boolean;
  /** `loader-safe` (default) or `lossless` (SPEC section 5). */
  mode?: ExportMode;
  /** Also write the decision log (JSON lines) here, atomically as well. */
  log?: string;
  onProgress?(progress: ExportProgress): void;
}

export interface ExportSummary {
  split: string;
  records: number;
  pairs: number;
  bytes: number;
  /** Lines in the decision log, when one was written. */
  decisions?: number;
  /** What was converted and left out, and why. */
  report: ExportReport;
}

/**
 * Writes the cleaned split to `out` (and the decision log to `log`) atomically: each goes to a
 * temporary file beside its target, is fsynced, and is renamed into place only when complete.
 * On failure no temporary file is left and existing targets are untouched.
 */
export async function exportSplit(store: ReviewStore, split: string, opts: ExportSplitOptions): Promise<ExportSummary> {
  if (!(await store.getSplit(split))) throw new UserError(`no split named ${JSON.stringify(split)} in the database`);
  const staged: StagedFile[] = [];
  try {
    let progress: ExportProgress | null = null;
    const out = await stageFile(opts.out);
    staged.push(out);
    const bytes = await writeChunks(
      out,
      exportChunks(store, split, {
        includePending: opts.includePending,
        ...(opts.mode ? { mode: opts.mode } : {}),
        onProgress: (p) => {
          progress = p;
          opts.onProgress?.(p);
        },
      }),
    );
    let decisions: number | undefined;
    if (opts.log !== undefined) {
      const log = await stageFile(opts.log);
      staged.push(log);
      decisions = 0;
      await writeChunks(log, countLines(decisionLogChunks(store, split), (n) => (decisions! += n)));
    }
    for (const file of staged) await commitFile(file);
    const done = progress as ExportProgress | null;
    // (exportChunks reports progress once more after the last record, so `done` is never null
    // once writeChunks returned: the fallbacks below are defensive, their mutants equivalent.)
    return {
      split,
      // Stryker disable next-line OptionalChaining: equivalent, done is set (see above)
      records: done?.written ?? 0,
      // Stryker disable next-line OptionalChaining: equivalent, done is set (see above)
      pairs: done?.pairs ?? 0,
      bytes,
      ...(decisions !== undefined ? { decisions } : {}),
      // Stryker disable next-line OptionalChaining,LogicalOperator,StringLiteral: equivalent, done is set (see above)
      report: done?.report ?? emptyReport(opts.mode ?? "loader-safe"),
    };
  } catch (error) {
    await Promise.all(staged.map(discardFile));
    if (error instanceof Error && "code" in error && typeof error.code === "string" && !(error instanceof UserError)) {
      // File system errors (ENOENT, EACCES, ENOSPC…) are the user's to fix: one line, no stack.
      throw new UserError(`export of ${split} failed: ${error.message}`);
    }
    throw error;
  }
}

async function* countLines(chunks: AsyncIterable<string>, add: (lines: number) => void): AsyncGenerator<string> {
  for await (const chunk of chunks) {
    let n = 0;
    for (let i = chunk.indexOf("\n"); i >= 0; i = chunk.indexOf("\n", i + 1)) n++;
    add(n);
    yield chunk;
  }
}

/**
 * Streams the cleaned split into a Node Writable (an HTTP response, a pipe), waiting for 'drain'
 * whenever write() says the buffer is full. Does not end the stream on error; the caller decides.
 */
export async function exportSplitToStream(
  store: ReviewStore,
  split: string,
  target: Writable,
  opts: { includePending: boolean; mode?: ExportMode; onProgress?(progress: ExportProgress): void },
): Promise<void> {
  for await (const chunk of exportChunks(store, split, opts)) {
    if (!target.write(chunk)) await once(target, "drain");
  }
  target.end();
  await once(target, "finish");
}

/** The cleaned split as a web ReadableStream of UTF-8 bytes (pull-based: a slow client slows the export). */
export function exportSplitToWebStream(store: ReviewStore, split: string, opts: { includePending: boolean; mode?: ExportMode }): ReadableStream<Uint8Array> {
  return toByteStream(exportChunks(store, split, opts));
}
