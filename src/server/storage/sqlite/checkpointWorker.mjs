// Checkpoints a WAL database on its own connection, off the server's event loop (see checkpointer.ts).
// Plain JavaScript on purpose: it needs nothing of the project's TypeScript, so no loader here.
import { parentPort, workerData } from "node:worker_threads";
import Database from "better-sqlite3";

const db = new Database(workerData.file);
db.pragma("busy_timeout = 100");
db.pragma("synchronous = FULL");

parentPort.on("message", (message) => {
  if (message === "close") {
    db.close();
    parentPort.close();
    return;
  }
  try {
    // PASSIVE never waits for the writer or readers: it copies what it can; the next nudge does the rest.
    const [row] = db.pragma("wal_checkpoint(PASSIVE)");
    parentPort.postMessage({ ok: true, log: row.log, checkpointed: row.checkpointed });
  } catch (error) {
    parentPort.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) });
  }
});
