import { mkdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { loadavg } from "node:os";
import { dirname } from "node:path";
import { parseArgs } from "node:util";
import { importSplit } from "../src/server/import/importSplit";
import { readRecords } from "../src/server/io/records";
import { openStore } from "../src/server/storage/open";
import { BENCH_DB, BENCH_FILE, ensureBenchFile, isMain, mb, peakRssMb, runTs, seconds, timed } from "./bench/common";

/*
 * npm run bench:import [-- --file F --db D --pairs N --workers K]
 *
 * Imports the gen:scale split (generated when absent) into a fresh database in a child process,
 * which reports its own wall time, CPU time and peak RSS, and compares with the speed limit of
 * parsing in Node: the same bytes cut into records (io/records.ts) and JSON.parse'd, nothing else.
 * Targets (issue 14): ≤ 2.5× the floor and ≤ 512 MB peak RSS.
 */

interface ImportMeasure {
  /** Until the import's commit resolved: committed and synced, searchable and reviewable. */
  wallMs: number;
  /**
   * Closing the store afterwards: SQLite copies the WAL into the database file then (a server's
   * background checkpointer does it while serving), so a CLI import's process ends this much later.
   */
  closeMs: number;
  cpuMs: number;
  /** CPU time of the main thread alone (it owns the connection: inserts run there); null off Linux. */
  mainCpuMs: number | null;
  images: number;
  pairs: number;
  peakRssMb: number;
}

interface ParseMeasure {
  wallMs: number;
  parseMs: number;
  records: number;
  peakRssMb: number;
}

interface Options {
  file: string;
  db: string;
  workers?: string;
}

async function childImport(opts: Options): Promise<ImportMeasure> {
  for (const suffix of ["", "-wal", "-shm"]) rmSync(opts.db + suffix, { force: true });
  mkdirSync(dirname(opts.db), { recursive: true });
  const store = await openStore(opts.db);
  const mainBefore = mainThreadCpuMs();
  const { result, wallMs, cpuMs } = await timed(() => importSplit(store, opts.file, opts.workers !== undefined ? { workers: Number(opts.workers) } : {}));
  const mainAfter = mainThreadCpuMs();
  const closing = performance.now();
  await store.close();
  const closeMs = performance.now() - closing;
  const mainCpuMs = mainBefore !== null && mainAfter !== null ? mainAfter - mainBefore : null;
  return { wallMs, closeMs, cpuMs, mainCpuMs, images: result.images, pairs: result.pairs, peakRssMb: peakRssMb() };
}

/**
 * User + system CPU of this process's main thread (Linux /proc; null elsewhere). On a loaded
 * machine wall time says little; the main thread's CPU is the import's critical path.
 */
function mainThreadCpuMs(): number | null {
  try {
    const stat = readFileSync(`/proc/self/task/${process.pid}/stat`, "utf8");
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    // Fields 14 and 15 (utime, stime) in clock ticks; 100 per second on Linux.
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return null;
  }
}

async function childParse(opts: Options): Promise<ParseMeasure> {
  const started = performance.now();
  let parseMs = 0;
  let records = 0;
  for await (const { text } of readRecords(opts.file)) {
    const t = performance.now();
    JSON.parse(text);
    parseMs += performance.now() - t;
    records++;
  }
  return { wallMs: performance.now() - started, parseMs, records, peakRssMb: peakRssMb() };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      file: { type: "string", default: BENCH_FILE },
      db: { type: "string", default: BENCH_DB },
      pairs: { type: "string", default: "154000" },
      workers: { type: "string" },
      child: { type: "string" },
    },
  });
  const opts: Options = { file: values.file, db: values.db, ...(values.workers !== undefined ? { workers: values.workers } : {}) };
  if (values.child === "import") {
    process.stdout.write(JSON.stringify(await childImport(opts)));
    return;
  }
  if (values.child === "parse") {
    process.stdout.write(JSON.stringify(await childParse(opts)));
    return;
  }

  await ensureBenchFile(opts.file, Number(values.pairs));
  const bytes = statSync(opts.file).size;
  const pass = ["--file", opts.file, "--db", opts.db, ...(opts.workers !== undefined ? ["--workers", opts.workers] : [])];
  const parse = JSON.parse(await runTs("scripts/bench-import.ts", [...pass, "--child", "parse"])) as ParseMeasure;
  const started = performance.now();
  const imported = JSON.parse(await runTs("scripts/bench-import.ts", [...pass, "--child", "import"])) as ImportMeasure;
  const processMs = performance.now() - started;

  const rate = (ms: number) => `${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s`;
  console.log(`input     ${opts.file}: ${mb(bytes)}, ${imported.images} records, ${imported.pairs} pairs`);
  console.log(
    `import    ${seconds(imported.wallMs)} (${seconds(processMs)} with process start-up) · ${rate(imported.wallMs)} · ` +
      `${Math.round(imported.pairs / (imported.wallMs / 1000))} pairs/s · CPU ${seconds(imported.cpuMs)}` +
      `${imported.mainCpuMs !== null ? ` (main thread ${seconds(imported.mainCpuMs)})` : ""} · peak RSS ${imported.peakRssMb.toFixed(0)} MB`,
  );
  console.log(
    `parse     cut into records + JSON.parse: ${seconds(parse.wallMs)} (${rate(parse.wallMs)}); JSON.parse alone ${seconds(parse.parseMs)} ` +
      `(${rate(parse.parseMs)}) · peak RSS ${parse.peakRssMb.toFixed(0)} MB`,
  );
  console.log(`database  ${opts.db}: ${mb(statSync(opts.db).size)} · closing the store after the commit (checkpointing the WAL into it) took ${seconds(imported.closeMs)}`);
  const ratio = imported.wallMs / parse.wallMs;
  console.log(`ratio     import / floor (read + cut + parse): ${ratio.toFixed(1)}× · load average ${loadavg().map((n) => n.toFixed(1)).join(", ")}`);
  const ok = ratio <= 2.5 && imported.peakRssMb <= 512;
  console.log(`target    ≤ 2.5× the floor and ≤ 512 MB: ${ok ? "met" : "NOT met"}`);
}

if (isMain(import.meta.url)) await main();
