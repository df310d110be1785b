#!/usr/bin/env node
/*
 * Mutation testing with StrykerJS, one module group at a time (the machine is small):
 *
 *   npm run test:mutation                 every group, in turn
 *   npm run test:mutation -- shared review   only these groups
 *   MMR_MUTATION_CONCURRENCY=1 npm run test:mutation -- export
 *   npm run test:mutation -- --file src/shared/rleMerge.ts [--file …] [--depth 2]
 *
 * --file mutates only that file and runs only the test files that import it, directly or through
 * at most --depth modules (default 2: a test of rle.ts counts for rleDecode.ts, which rle.ts
 * imports), found from the import statements under src/ and scripts/ (--list prints them and stops); concurrency 1 unless
 * MMR_MUTATION_CONCURRENCY says otherwise. Only tests on the file's side (src/shared, src/server, …)
 * count unless --anywhere is given; --tests a.test.ts,b.test.ts adds test files by hand, and
 * --only-tests a.test.ts,… runs those alone. Its report goes to reports/mutation/file-<name>.json.
 *
 * Each group mutates its files and runs only its own tests; Stryker prints the score of every file
 * (the "% score" column), and this script prints a summary per file at the end, from the JSON
 * reports in reports/mutation/<group>.json.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, symlinkSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";

const groups = {
  // src/shared without the tests, the test helpers and data-only modules (schemas, flag tables).
  shared: {
    mutate: [
      "src/shared/*.ts",
      "!src/shared/*.test.ts",
      "!src/shared/testRecord.ts",
      "!src/shared/testMasks.ts",
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

/** Every .ts/.tsx file under the given folders (relative paths, forward slashes). */
function sources(dirs) {
  const out = [];
  const walk = (dir) => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.tsx?$/.test(name)) out.push(path.split("\\").join("/"));
    }
  };
  for (const dir of dirs) if (existsSync(dir)) walk(dir);
  return out;
}

/** The project files a module imports (relative specifiers only, static and dynamic). */
function importsOf(file, known) {
  const text = readFileSync(file, "utf8");
  const found = new Set();
  // `import type …` / `export type …` load nothing at run time, so they do not count.
  const statements = /^\s*(?:import|export)\s+(type\s)?[^;]*?\bfrom\s*["'](\.{1,2}\/[^"']+)["']|import\s*\(\s*["'](\.{1,2}\/[^"']+)["']|^\s*import\s+["'](\.{1,2}\/[^"']+)["']/gm;
  for (const match of text.matchAll(statements)) {
    if (match[1]) continue;
    const base = normalize(join(dirname(file), match[2] ?? match[3] ?? match[4])).split("\\").join("/").replace(/\.(m?js|tsx?)$/, "");
    for (const candidate of [`${base}.ts`, `${base}.tsx`, `${base}/index.ts`]) {
      if (known.has(candidate)) {
        found.add(candidate);
        break;
      }
    }
  }
  return found;
}

/** Test files that reach `target` through at most `depth` imports (depth 1: they import it). */
function testsReaching(target, depth) {
  const files = sources(["src", "scripts"]);
  const known = new Set(files);
  const importers = new Map();
  for (const file of files) {
    for (const dep of importsOf(file, known)) {
      if (!importers.has(dep)) importers.set(dep, new Set());
      importers.get(dep).add(file);
    }
  }
  const tests = new Set();
  let frontier = new Set([target]);
  const seen = new Set(frontier);
  for (let level = 0; level < depth && frontier.size > 0; level++) {
    const next = new Set();
    for (const file of frontier) {
      for (const importer of importers.get(file) ?? []) {
        if (seen.has(importer)) continue;
        seen.add(importer);
        if (/\.test\.tsx?$/.test(importer)) tests.add(importer);
        else next.add(importer);
      }
    }
    frontier = next;
  }
  // A file's own test, when it exists, whatever imports it.
  const own = target.replace(/\.tsx?$/, ".test.ts");
  if (existsSync(own)) tests.add(own);
  return [...tests].sort();
}

const argv = process.argv.slice(2);
const fileTargets = [];
let depth = 2;
let listOnly = false;
let anywhere = false;
const extraTests = [];
let onlyTests = false;
const wanted = [];
for (let i = 0; i < argv.length; i++) {
  if (argv[i] === "--file") fileTargets.push(argv[++i]);
  else if (argv[i] === "--depth") depth = Number(argv[++i]);
  else if (argv[i] === "--list") listOnly = true;
  else if (argv[i] === "--anywhere") anywhere = true;
  else if (argv[i] === "--tests") extraTests.push(...argv[++i].split(","));
  else if (argv[i] === "--only-tests") {
    onlyTests = true;
    extraTests.push(...argv[++i].split(","));
  }
  else wanted.push(argv[i]);
}
for (const target of fileTargets) {
  if (!target || !existsSync(target) || !/\.tsx?$/.test(target)) {
    console.error(`--file needs an existing .ts file, got ${target ?? "nothing"}`);
    process.exit(2);
  }
  const file = relative(".", target).split("\\").join("/");
  // Tests on the same side (src/shared, src/server, src/client) unless --anywhere; plus --tests.
  const side = file.split("/").slice(0, 2).join("/") + "/";
  const found = onlyTests ? [] : testsReaching(file, depth).filter((t) => anywhere || t.startsWith(side));
  const tests = [...new Set([...found, ...extraTests])];
  if (tests.length === 0) {
    console.error(`${file}: no test file imports it (within ${depth} imports)`);
    process.exit(2);
  }
  const name = `file-${file.replace(/^src\//, "").replace(/[/.]/g, "-")}`;
  groups[name] = { mutate: [file], tests };
  wanted.push(name);
}
const unknown = wanted.filter((g) => !(g in groups));
if (unknown.length > 0) {
  console.error(`unknown group ${unknown.join(", ")}; groups: ${Object.keys(groups).join(", ")}`);
  process.exit(2);
}
if (listOnly) {
  for (const name of wanted) console.log(`${groups[name].mutate.join(" ")}\n    ${groups[name].tests.join("\n    ")}`);
  process.exit(0);
}
const run = wanted.length > 0 ? wanted : Object.keys(groups);
const concurrency = process.env.MMR_MUTATION_CONCURRENCY ?? (fileTargets.length > 0 ? "1" : "2");
const tempDir = process.env.MMR_MUTATION_TEMP ?? ".stryker-tmp";
let failed = false;
const rows = [];
for (const name of run) {
  const group = groups[name];
  const report = `reports/mutation/${name}.json`;
  // Tests read ../shared beside the project; in Stryker's sandbox (.stryker-tmp/sandbox-…) that is
  // .stryker-tmp/shared, so point it at the real one.
  // MMR_MUTATION_TEMP names another sandbox folder inside .stryker-tmp (say .stryker-tmp/b), so two
  // runs can go side by side.
  mkdirSync(tempDir, { recursive: true });
  if (!existsSync(`${tempDir}/shared`)) symlinkSync(relative(tempDir, "../shared"), `${tempDir}/shared`);
  console.log(`\n=== ${name}: ${group.mutate.filter((m) => !m.startsWith("!")).join(" ")}`);
  console.log(`    tests: ${group.tests.join(" ")}`);
  const result = spawnSync(
    process.execPath,
    ["node_modules/@stryker-mutator/core/bin/stryker.js", "run", "--mutate", group.mutate.join(","), "--concurrency", concurrency, "--tempDirName", tempDir],
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
