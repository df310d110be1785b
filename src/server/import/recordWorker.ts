import { parentPort, workerData } from "node:worker_threads";
import { UserError } from "../errors";
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
      // The main thread still holds the text; sending it back would copy it twice for nothing.
      return { index: input.index, image: { ...image, raw: "" } };
    } catch (error) {
      const user = error instanceof UserError;
      const message = error instanceof Error ? (user ? error.message : (error.stack ?? error.message)) : String(error);
      return { index: input.index, error: { message, user } };
    }
  });
  port.postMessage(replies);
});
