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
      const encodedAnnotations = encodeAnnotations(image.annotations);
      // The main thread still holds the text, and a mask string the record holds (rleInRecord) is
      // read back from it by either store: sending them back would copy most of the record's
      // bytes twice for nothing.
      const annotations = image.annotations.map((a) => (a.rleInRecord ? { ...a, rle: "" } : a));
      return { index: input.index, image: { ...image, raw: "", annotations, encodedAnnotations } };
    } catch (error) {
      const user = error instanceof UserError;
      const message = error instanceof Error ? (user ? error.message : (error.stack ?? error.message)) : String(error);
      return { index: input.index, error: { message, user } };
    }
  });
  port.postMessage(replies);
});
