import { parentPort } from "node:worker_threads";
import type { Edits, FlagId } from "../../shared/domain";
import { reanalyzePair } from "./reanalyze";

/* Worker thread body of `workerReanalyzer`: re-analyses one stored record per message. */

export interface ReanalyzeRequest {
  id: number;
  raw: string;
  index: number;
  edits: Edits | null;
  fileFlags: readonly FlagId[];
}

const port = parentPort;
if (!port) throw new Error("reanalyzeWorker must run in a worker thread");

port.on("message", (request: ReanalyzeRequest) => {
  try {
    port.postMessage({ id: request.id, result: reanalyzePair(request.raw, request.index, request.edits, request.fileFlags) });
  } catch (error) {
    port.postMessage({ id: request.id, result: { ok: false, message: `the pair could not be re-analysed: ${error instanceof Error ? error.message : String(error)}` } });
  }
});
