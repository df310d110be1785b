/*
 * Hostile-input benchmark (issue 13): analysis time and memory of worst-case records within the
 * import limits (each ≤ 1 MB of JSON) and of the two reproduction files. Target: ≤ 200 ms and
 * ≤ 64 MB per record; the reproduction files well under a second.
 *
 *   npm run bench:hostile            (or: npx tsx scripts/bench-hostile.ts)
 *
 * Each case runs in a fresh child process (so peak memory is its own): the record goes through
 * what import does per record (JSON.parse, size and schema checks, analysis within the RLE
 * budget, mapping to rows). Printed: record size, time of a first (cold) run and the best of five
 * more (warm, wall and CPU time: on a shared machine CPU time is the steadier figure), growth of
 * peak resident memory over the first run, and the outcome (flags of the first pair, or the one-line error).
 * Numbers only; nothing is asserted.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const self = fileURLToPath(import.meta.url);

async function child(file: string): Promise<void> {
  const { analyzeRecordText } = await import("../src/server/import/analyzeText");
  const text = readFileSync(file, "utf8");
  // A split file holds an array; its first element is the record.
  const record = text.trimStart().startsWith("[") ? JSON.stringify((JSON.parse(text) as unknown[])[0]) : text;
  const run = (): { ms: number; cpuMs: number; outcome: string } => {
    const cpu = process.cpuUsage();
    const started = performance.now();
    let outcome: string;
    try {
      const image = analyzeRecordText({ index: 0, text: record, byteOffset: 0 }, { file: "bench.json" });
      outcome = `flags [${image.pairs[0]?.flags.join(", ") ?? ""}]`;
    } catch (error) {
      outcome = `error: ${error instanceof Error ? error.message.replace(/^bench\.json: record 0 \(image_id \d+\): /, "") : String(error)}`;
    }
    const ms = performance.now() - started;
    const used = process.cpuUsage(cpu);
    return { ms, cpuMs: (used.user + used.system) / 1000, outcome };
  };
  const before = process.resourceUsage().maxRSS;
  const cold = run();
  const peak = (process.resourceUsage().maxRSS - before) / 1024;
  // Warm: the best of five further runs (the machine is shared: the best is the least disturbed).
  const warm = Array.from({ length: 5 }, run);
  const best = (key: "ms" | "cpuMs"): number => Math.min(...warm.map((r) => r[key]));
  process.stdout.write(
    JSON.stringify({ bytes: Buffer.byteLength(record), cold: cold.ms, warm: best("ms"), warmCpu: best("cpuMs"), peakMb: peak, outcome: cold.outcome }),
  );
}

async function main(): Promise<void> {
  const { hostileRecords } = await import("../src/server/test-fixtures/hostileRecords");
  const dir = mkdtempSync(join(tmpdir(), "mmr-bench-hostile-"));
  const hostile = (name: string) => fileURLToPath(new URL(`../../shared/fixtures/hostile/${name}`, import.meta.url));
  const cases: [string, string][] = [
    ["count-wrap-hang.json (502 B)", hostile("count-wrap-hang.json")],
    ["huge-polygon.json (486 B)", hostile("huge-polygon.json")],
    ["sample record (MMR_sample.json #0)", fileURLToPath(new URL("../sample/MMR_sample.json", import.meta.url))],
  ];
  for (const [name, record] of Object.entries(hostileRecords())) {
    const file = join(dir, `${cases.length}.json`);
    writeFileSync(file, JSON.stringify(record));
    cases.push([name, file]);
  }
  console.log(`${"case".padEnd(52)} ${"size".padStart(9)} ${"cold ms".padStart(8)} ${"warm ms".padStart(8)} ${"warm cpu".padStart(8)} ${"peak +MB".padStart(9)}  outcome`);
  try {
    for (const [name, file] of cases) {
      const out = execFileSync(process.execPath, ["--import", "tsx", self, "--child", file], { encoding: "utf8", maxBuffer: 1 << 20 });
      const r = JSON.parse(out) as { bytes: number; cold: number; warm: number; warmCpu: number; peakMb: number; outcome: string };
      const size = r.bytes >= 1024 * 1024 ? `${(r.bytes / 1024 / 1024).toFixed(2)} MB` : `${(r.bytes / 1024).toFixed(1)} KB`;
      console.log(
        `${name.padEnd(52)} ${size.padStart(9)} ${r.cold.toFixed(0).padStart(8)} ${r.warm.toFixed(0).padStart(8)} ${r.warmCpu.toFixed(0).padStart(8)} ${r.peakMb.toFixed(0).padStart(9)}  ${r.outcome.slice(0, 90)}`,
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  console.log("\ntarget: ≤ 200 ms and ≤ 64 MB per record ≤ 1 MB; the machine's load shows in the times (see `uptime`).");
}

if (process.argv[2] === "--child") await child(process.argv[3]!);
else await main();
