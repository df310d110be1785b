// A child process for the kill-midway test: runs a real export of `<db>` split `<split>` to
// `<out>`, says "midway" on stdout at its first progress report and then sleeps (without using
// CPU) until it is killed. Run as: node --import tsx stallingExport.ts DB SPLIT OUT
import { writeSync } from "node:fs";
import { exportSplit } from "../export/exportSplit";
import { openStore } from "../storage/open";

const [db, split, out] = process.argv.slice(2) as [string, string, string];
const store = await openStore(db);
let told = false;
await exportSplit(store, split, {
  out,
  includePending: true,
  onProgress: () => {
    if (told) return;
    told = true;
    writeSync(1, "midway\n");
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 60_000);
  },
});
