import { Worker } from "node:worker_threads";
import type { Edits, FlagId } from "../../shared/domain";
import { reanalyzePair } from "./reanalyze";
import type { Reanalysis } from "./reanalyze";
import type { ReanalyzeRequest } from "./reanalyzeWorker";

/*
 * Where a decision with edits re-runs the checks on its stored record. A record within the import
 * limits can still cost up to a couple of hundred milliseconds (a 64 MB record's JSON.parse, a
 * polygon outline up to the RLE work budget), far above the ~20 ms the event loop may be held: the
 * server runs it on a worker thread, so `/api/health` and every other request keep answering.
 */

export interface Reanalyzer {
  run(raw: string, index: number, edits: Edits | null, fileFlags: readonly FlagId[]): Promise<Reanalysis>;
  close(): Promise<void>;
}

/** On the calling thread (tests, tools). */
export function inlineReanalyzer(): Reanalyzer {
  return {
    run: async (raw, index, edits, fileFlags) => reanalyzePair(raw, index, edits, fileFlags),
    close: async () => {},
  };
}

/** A worker's heap: above the largest record the import accepts (64 MB) parsed and analysed. */
const WORKER_LIMITS = { maxOldGenerationSizeMb: 768, maxYoungGenerationSizeMb: 32 };

/** An idle worker is stopped after this long; the next edit starts one again (~0.3 s). */
const IDLE_MS = 60_000;

/**
 * One worker thread, started on first use and again after it died (out of memory, a crash: the
 * requests it held answer `ok: false` with one line), stopped when idle and by `close`.
 */
export function workerReanalyzer(resourceLimits: typeof WORKER_LIMITS = WORKER_LIMITS): Reanalyzer {
  let worker: Worker | null = null;
  let nextId = 0;
  const waiting = new Map<number, (result: Reanalysis) => void>();
  let idle: NodeJS.Timeout | null = null;
  const stopWhenIdle = (): void => {
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => {
      if (waiting.size > 0 || !worker) return;
      const w = worker;
      worker = null;
      void w.terminate();
    }, IDLE_MS);
    idle.unref();
  };

  const start = (): Worker => {
    const w = new Worker(new URL("./reanalyzeWorkerEntry.mjs", import.meta.url), { resourceLimits });
    w.unref();
    w.on("message", (reply: { id: number; result: Reanalysis }) => {
      const done = waiting.get(reply.id);
      waiting.delete(reply.id);
      done?.(reply.result);
      if (waiting.size === 0) stopWhenIdle();
    });
    const died = (why: string): void => {
      if (worker !== w) return;
      worker = null;
      for (const done of waiting.values()) done({ ok: false, message: `the pair could not be re-analysed (${why}); its record is beyond this server's limits` });
      waiting.clear();
    };
    w.on("error", (error) => died(error.message.split("\n")[0] ?? "worker error"));
    w.on("exit", (code) => died(`worker exit ${code}`));
    return w;
  };

  return {
    run(raw, index, edits, fileFlags) {
      worker ??= start();
      const id = nextId++;
      const request: ReanalyzeRequest = { id, raw, index, edits, fileFlags };
      return new Promise<Reanalysis>((resolve) => {
        waiting.set(id, resolve);
        worker!.postMessage(request);
      });
    },
    async close() {
      if (idle) clearTimeout(idle);
      const w = worker;
      worker = null;
      await w?.terminate();
    },
  };
}

let shared: Reanalyzer | null = null;
/** The process's worker reanalyzer (what the HTTP layer uses unless told otherwise). */
export function sharedReanalyzer(): Reanalyzer {
  shared ??= workerReanalyzer();
  return shared;
}

/** Stops the process's reanalysis worker, if one runs (server shutdown). */
export async function closeSharedReanalyzer(): Promise<void> {
  await shared?.close();
}
