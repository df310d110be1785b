import { execFile, spawn } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { statsSchema } from "../../shared/api";
import { openStore } from "../storage/open";
import { dumpDatabase } from "../test-fixtures/dbDump";
import { fixtureRecords, splitText, tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";

/* The import, export and stats commands as a user runs them: a real process on temp files. */

const bin = fileURLToPath(new URL("../../../bin/mmr-review.mjs", import.meta.url));
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(...args: string[]): Promise<Outcome> {
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { encoding: "utf8" });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: e.stderr ?? "" };
  }
}

let dir: TempDir;
let db: string;
let valFile: string;
const records = fixtureRecords(5);

beforeAll(async () => {
  dir = tempDir("mmr-cli-");
  db = dir.file("review.db");
  valFile = dir.write("MMR_val.json", splitText(records));
  const imported = await cli("import", "--db", db, valFile);
  expect(imported.stderr).not.toMatch(/Error|at /);
  expect(imported.code).toBe(0);
  expect(imported.stdout).toContain("imported split MMR_val: 5 images, 17 pairs");
}, 60_000);

afterAll(() => dir.remove());

describe("mmr-review import", () => {
  it("does nothing for an unchanged file", async () => {
    const before = dumpDatabase(db);
    const again = await cli("import", "--db", db, valFile);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain("unchanged since the last import");
    expect(dumpDatabase(db)).toBe(before);
  });

  it("fails with one line naming file, record, image and field, and changes nothing", async () => {
    const bad = JSON.parse(JSON.stringify(records)) as typeof records;
    (bad[3] as { width: unknown }).width = -3;
    const file = dir.write("MMR_val.json.bad", splitText(bad));
    const before = dumpDatabase(db);
    const failed = await cli("import", "--db", db, "--split", "MMR_val", file);
    expect(failed.code).not.toBe(0);
    const lines = failed.stderr.trim().split("\n").filter((l) => l.startsWith("mmr-review:"));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^mmr-review: .*MMR_val\.json\.bad: record 3 \(image_id 1003\): width: /);
    expect(failed.stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(dumpDatabase(db)).toBe(before);
  });

  it("refuses --split with several files", async () => {
    const failed = await cli("import", "--db", db, "--split", "x", valFile, valFile);
    expect(failed.code).not.toBe(0);
    expect(failed.stderr).toContain("--split names one split");
  });
});

describe("an import killed half-way", () => {
  it("leaves the database as it was", async () => {
    const big = dir.write("MMR_big.json", splitText(fixtureRecords(4000)));
    const before = dumpDatabase(db);
    const child = spawn(process.execPath, [bin, "import", "--db", db, big], { stdio: ["ignore", "ignore", "pipe"] });
    let stderr = "";
    // The first progress line means records are being written inside the import's transaction.
    await new Promise<void>((resolve, reject) => {
      child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
        stderr += chunk;
        if (/records/.test(stderr)) resolve();
      });
      child.on("exit", () => reject(new Error(`import ended before it could be killed: ${stderr}`)));
    });
    child.kill("SIGKILL");
    await new Promise((resolve) => child.on("close", resolve));
    await (await openStore(db)).close(); // recovery of the WAL happens on open
    expect(dumpDatabase(db)).toBe(before);
  });
});

describe("mmr-review export", () => {
  it("writes the input back with --include pending --lossless, and a decision log", async () => {
    const out = dir.file("cleaned.json");
    const log = dir.file("decisions.jsonl");
    const result = await cli("export", "--db", db, "--split", "MMR_val", "--out", out, "--include", "pending", "--lossless", "--log", log);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("wrote 5 records, 17 pairs");
    expect(result.stdout).toContain("lossless: masks and records written as read");
    expect(JSON.parse(readFileSync(out, "utf8"))).toStrictEqual(JSON.parse(JSON.stringify(records)));
    expect(readFileSync(log, "utf8")).toBe("");
  });

  it("converts masks by default and says what it converted and left out", async () => {
    const out = dir.file("safe.json");
    const result = await cli("export", "--db", db, "--split", "MMR_val", "--out", out, "--include", "pending");
    expect(result.code).toBe(0);
    expect(result.stdout).toContain("loader-safe");
    expect(result.stdout).toMatch(/converted \d+ target masks/);
    for (const record of JSON.parse(readFileSync(out, "utf8")) as { answers: { segmentation: unknown }[][] }[]) {
      for (const target of record.answers.flat()) expect(typeof (target.segmentation as { counts?: unknown }).counts).toBe("string");
    }
  });

  it("keeps only accepted pairs by default", async () => {
    const out = dir.file("accepted.json");
    const result = await cli("export", "--db", db, "--split", "MMR_val", "--out", out);
    expect(result.code).toBe(0);
    expect(JSON.parse(readFileSync(out, "utf8"))).toEqual([]);
  });

  it("fails with one line for an unknown split and writes nothing", async () => {
    const out = dir.file("nope.json");
    const result = await cli("export", "--db", db, "--split", "nope", "--out", out);
    expect(result.code).not.toBe(0);
    expect(result.stderr.trim()).toBe('mmr-review: no split named "nope" in the database');
    expect(existsSync(out)).toBe(false);
  });

  it("refuses --include with anything but pending", async () => {
    const result = await cli("export", "--db", db, "--split", "MMR_val", "--out", dir.file("x.json"), "--include", "rejected");
    expect(result.code).not.toBe(0);
    expect(result.stderr).toContain('only "pending" can be included');
  });
});

describe("mmr-review stats", () => {
  it("prints counts as text and as JSON", async () => {
    const text = await cli("stats", "--db", db);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain("17 pairs in 1 split");
    expect(text.stdout).toMatch(/by flag\n\s+braces\s+2: pending 2/);
    const json = await cli("stats", "--db", db, "--json");
    const stats = statsSchema.parse(JSON.parse(json.stdout));
    expect(stats.total).toBe(17);
    expect(stats.splits[0]).toMatchObject({ name: "MMR_val", images: 5 });
  });

  it("counts one split with --split and refuses an unknown one", async () => {
    const json = await cli("stats", "--db", db, "--split", "MMR_val", "--json");
    expect(json.code).toBe(0);
    const stats = statsSchema.parse(JSON.parse(json.stdout));
    expect(stats.total).toBe(17);
    expect(stats.splits.map((s) => s.name)).toEqual(["MMR_val"]);
    const unknown = await cli("stats", "--db", db, "--split", "nope");
    expect(unknown.code).not.toBe(0);
    expect(unknown.stderr).toContain("--split nope: no such split");
  });

  it("fails for a missing database instead of creating one", async () => {
    const missing = dir.file("missing.db");
    const result = await cli("stats", "--db", missing);
    expect(result.code).not.toBe(0);
    expect(existsSync(missing)).toBe(false);
  });
});
