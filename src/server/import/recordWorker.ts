import { parentPort, workerData } from "node:worker_threads";
import { UserError } from "../errors";
import { encodeAnnotations } from "../storage/sqlite/annotationCodec";
import { analyzeRecordText } from "./analyzeText";
import type { AnalyzeTextOptions, RecordInput } from "./analyzeText";
import type { WorkerReply } from "./recordPool";

/* Worker thread body: analyses batches of records and replies in the order received. */

const options = workerData as AnalyzeTextOptions;
const port = parentPort;
if (!port) throw new Error("recordWorker must run in a worker thread");

port.on("message", (batch: RecordInput[]) => {
  const replies: WorkerReply[] = batch.map((input) => {
    try {
      const image = analyzeRecordText(input, options);
      // Encoded here, off the thread that writes the database (3 s of its 78 s in a 154K import
      // profiled under load 6, the costliest JS there after the inserts).
      // The list travels as that one string, not as objects: cloning them back cost the main
      // thread more than the encoding (the objects are rebuilt from the string if a store asks,
      // see recordPool.ts). The main thread still holds the text too.
      const { annotations, ...rest } = image;
      return { index: input.index, image: { ...rest, raw: "", encodedAnnotations: encodeAnnotations(annotations) } };
    } catch (error) {
      const user = error instanceof UserError;
      const message = error instanceof Error ? (user ? error.message : (error.stack ?? error.message)) : String(error);
      return { index: input.index, error: { message, user } };
    }
  });
  port.postMessage(replies);
});
