#!/usr/bin/env node
/*
 * Mutation testing with StrykerJS, one module group at a time (the machine is small):
 *
 *   npm run test:mutation                 every group, in turn
 *   npm run test:mutation -- shared review   only these groups
 *   MMR_MUTATION_CONCURRENCY=1 npm run test:mutation -- export
 *
 * Each group mutates its files and runs only its own tests; Stryker prints the score of every file
 * (the "% score" column), and this script prints a summary per file at the end, from the JSON
 * reports in reports/mutation/<group>.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, symlinkSync } from "node:fs";

const groups = {
  // src/shared without the tests, the test helpers and data-only modules (schemas, flag tables).
  shared: {
    mutate: [
      "src/shared/*.ts",
      "!src/shared/*.test.ts",
      "!src/shared/testRecord.ts",
      "!src/shared/api.ts",
      "!src/shared/insightsApi.ts",
      "!src/shared/domain.ts",
      "!src/shared/mmr.ts",
    ],
    tests: ["src/shared/**/*.test.ts"],
  },
  review: { mutate: ["src/server/review/*.ts", "!src/server/review/*.test.ts", "!src/server/review/reanalyzeWorker.ts"], tests: ["src/server/review/**/*.test.ts", "src/server/http/pairs.test.ts"] },
  export: { mutate: ["src/server/export/*.ts", "!src/server/export/*.test.ts"], tests: ["src/server/export/**/*.test.ts"] },
  storage: {
    mutate: ["src/server/storage/**/*.ts", "!src/server/storage/**/*.test.ts"],
    tests: ["src/server/storage/**/*.test.ts", "src/server/review/**/*.test.ts", "src/server/durability.test.ts"],
  },
  safePath: { mutate: ["src/server/http/safePath.ts"], tests: ["src/server/http/safePath.test.ts", "src/server/pathRule.test.ts", "src/server/http/files.test.ts"] },
};

const wanted = process.argv.slice(2);
const unknown = wanted.filter((g) => !(g in groups));
if (unknown.length > 0) {
  console.error(`unknown group ${unknown.join(", ")}; groups: ${Object.keys(groups).join(", ")}`);
  process.exit(2);
}
const run = wanted.length > 0 ? wanted : Object.keys(groups);
const concurrency = process.env.MMR_MUTATION_CONCURRENCY ?? "2";
let failed = false;
const rows = [];
for (const name of run) {
  const group = groups[name];
  const report = `reports/mutation/${name}.json`;
  // Tests read ../shared beside the project; in Stryker's sandbox (.stryker-tmp/sandbox-…) that is
  // .stryker-tmp/shared, so point it at the real one.
  mkdirSync(".stryker-tmp", { recursive: true });
  if (!existsSync(".stryker-tmp/shared")) symlinkSync("../../shared", ".stryker-tmp/shared");
  console.log(`\n=== ${name}: ${group.mutate.filter((m) => !m.startsWith("!")).join(" ")}`);
  const result = spawnSync(
    process.execPath,
    ["node_modules/@stryker-mutator/core/bin/stryker.js", "run", "--mutate", group.mutate.join(","), "--concurrency", concurrency],
    { stdio: "inherit", env: { ...process.env, MMR_MUTATION_TESTS: group.tests.join(","), MMR_MUTATION_REPORT: report } },
  );
  if (result.status !== 0) failed = true;
  if (!existsSync(report)) continue;
  const { files } = JSON.parse(readFileSync(report, "utf8"));
  for (const [file, { mutants }] of Object.entries(files)) {
    const counted = mutants.filter((m) => !["CompileError", "RuntimeError", "Ignored"].includes(m.status));
    const detected = counted.filter((m) => m.status === "Killed" || m.status === "Timeout").length;
    rows.push([file, counted.length === 0 ? null : (100 * detected) / counted.length, detected, counted.length]);
  }
}
console.log("\nmutation score per file (killed + timeout over all valid mutants)");
for (const [file, score, detected, total] of rows) {
  console.log(`${(score === null ? "n/a" : `${score.toFixed(1)} %`).padStart(8)}  ${String(detected).padStart(5)}/${String(total).padEnd(5)} ${file}`);
}
process.exit(failed ? 1 : 0);
