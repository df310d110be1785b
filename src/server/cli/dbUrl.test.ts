import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, withDatabase, adminUrl, type TestDatabase } from "../storage/pg/testDb";
import { fixtureRecords, splitText, tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";

/*
 * `--db` picks the store by its shape in every command: a postgres:// URL is PostgreSQL, anything
 * else a SQLite file; without `--db`, MMR_DATABASE_URL names it. Real processes, a throwaway
 * PostgreSQL database.
 */

const bin = fileURLToPath(new URL("../../../bin/mmr-review.mjs", import.meta.url));
const run = promisify(execFile);

interface Outcome {
  code: number;
  stdout: string;
  stderr: string;
}

async function cli(env: Record<string, string | undefined>, ...args: string[]): Promise<Outcome> {
  const merged: NodeJS.ProcessEnv = { ...process.env, ...env };
  for (const [k, v] of Object.entries(env)) if (v === undefined) delete merged[k];
  try {
    const { stdout, stderr } = await run(process.execPath, [bin, ...args], { encoding: "utf8", env: merged, timeout: 60_000 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code?: number; stdout?: string; stderr?: string };
    return { code: typeof e.code === "number" ? e.code : -1, stdout: e.stdout ?? "", stderr: (e.stderr ?? "").replace(/^.*\r.*$/gm, "").trim() };
  }
}

function expectOneLine(outcome: Outcome, pattern: RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stderr.split("\n")).toHaveLength(1);
  expect(outcome.stderr).toMatch(/^mmr-review: /);
  expect(outcome.stderr).toMatch(pattern);
}

const noEnv = { MMR_DATABASE_URL: undefined };
let db: TestDatabase;
let dir: TempDir;
let split: string;

beforeAll(async () => {
  db = await createTestDatabase();
  dir = tempDir("mmr-cli-dburl-");
  split = dir.write("val.json", splitText(fixtureRecords(3)));
}, 60_000);

afterAll(async () => {
  dir.remove();
  await db.drop();
});

describe("--db URL", () => {
  it("imports into PostgreSQL, and stats and export read it back, by --db or MMR_DATABASE_URL", async () => {
    const imported = await cli(noEnv, "import", "--db", db.url, split);
    expect(imported.code).toBe(0);
    expect(imported.stdout).toMatch(/imported split val: 3 images/);

    const stats = await cli(noEnv, "stats", "--db", db.url, "--json");
    expect(stats.code).toBe(0);
    const parsed = JSON.parse(stats.stdout) as { total: number; splits: { name: string }[] };
    expect(parsed.splits.map((s) => s.name)).toEqual(["val"]);
    // The same file imported into a SQLite file is the reference count.
    const file = dir.file("ref.db");
    expect((await cli(noEnv, "import", "--db", file, split)).code).toBe(0);
    const reference = JSON.parse((await cli(noEnv, "stats", "--db", file, "--json")).stdout) as { total: number };
    expect(parsed.total).toBe(reference.total);

    // No --db: the environment names the database (and wins over nothing else to read).
    const fromEnv = await cli({ MMR_DATABASE_URL: db.url }, "stats", "--json");
    expect(fromEnv.code).toBe(0);
    expect((JSON.parse(fromEnv.stdout) as { total: number }).total).toBe(reference.total);

    const out = dir.file("val.cleaned.json");
    const exported = await cli({ MMR_DATABASE_URL: db.url }, "export", "--split", "val", "--out", out, "--include", "pending");
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/wrote 3 records/);
  }, 120_000);

  it("--db given wins over MMR_DATABASE_URL", async () => {
    const file = dir.file("ref2.db");
    expect((await cli(noEnv, "import", "--db", file, split)).code).toBe(0);
    const stats = await cli({ MMR_DATABASE_URL: "postgres://nobody@127.0.0.1:1/none" }, "stats", "--db", file, "--json");
    expect(stats.code).toBe(0);
  }, 60_000);

  it("a command that needs a database and gets none says so in one line", async () => {
    expectOneLine(await cli(noEnv, "stats"), /--db is required: a SQLite file or a postgres:\/\/ URL \(or set MMR_DATABASE_URL\)/);
  }, 30_000);

  it("bad URL, server down, missing database: one line, exit 2", async () => {
    expectOneLine(await cli(noEnv, "stats", "--db", "postgres://bob:secret@[not a host/x"), /not a valid postgres:\/\/ URL/);
    const down = await cli(noEnv, "stats", "--db", "postgres://bob:secret@127.0.0.1:1/mmr");
    expectOneLine(down, /no PostgreSQL server answers there/);
    // The password never reaches the terminal.
    expect(down.stderr).not.toContain("secret");
    const missing = withDatabase(adminUrl(), `mmr_missing_${process.pid}`);
    expectOneLine(await cli(noEnv, "import", "--db", missing, split), /does not exist \(create it: createdb <name>\)/);
    expectOneLine(await cli({ MMR_DATABASE_URL: missing }, "stats"), /does not exist/);
  }, 60_000);
});
