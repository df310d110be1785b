import { spawnSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureRecords, splitText, tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";

/* Every CLI failure a user can cause: one line on stderr, exit code 2, no stack trace. */

const bin = fileURLToPath(new URL("../../../bin/mmr-review.mjs", import.meta.url));
let dir: TempDir;
let split: string;
let good: string;

function cli(...args: string[]) {
  return cliWith({}, ...args);
}

function cliWith(env: Record<string, string>, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", timeout: 60_000, env: { ...process.env, ...env } });
  return { code: result.status, stderr: result.stderr.replace(/^.*\r.*$/gm, "").trim() };
}

function expectOneLine(outcome: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stderr.split("\n")).toHaveLength(1);
  expect(outcome.stderr).toMatch(/^mmr-review: /);
  expect(outcome.stderr).toMatch(pattern);
  expect(outcome.stderr).not.toMatch(/\n\s+at /);
}

beforeAll(() => {
  dir = tempDir("mmr-cli-errors-");
  split = dir.write("val.json", splitText(fixtureRecords(2)));
  good = dir.file("good.db");
  expect(cli("import", "--db", good, split).code).toBe(0);
});

afterAll(() => dir.remove());

describe("bad --db", () => {
  it("in a folder that does not exist", () => {
    expectOneLine(cli("import", "--db", dir.file("no/such/folder/x.db"), split), /--db .*x\.db: its folder does not exist/);
  });

  it("at a file that is no database", () => {
    const file = dir.write("notes.db", "these are my notes, not SQLite\n".repeat(10));
    expectOneLine(cli("import", "--db", file, split), /not an mmr-review database/);
    expectOneLine(cli("stats", "--db", file), /not an mmr-review database/);
  });

  it("at a database of a newer mmr-review", () => {
    const newer = dir.file("newer.db");
    expect(cli("import", "--db", newer, split).code).toBe(0);
    const db = new Database(newer);
    db.prepare("INSERT INTO schema_version (version) VALUES (9999)").run();
    db.close();
    expectOneLine(cli("stats", "--db", newer), /schema version 9999, newer than this program knows/);
  });
});

describe("bad files", () => {
  it("unwritable --out", () => {
    expectOneLine(cli("export", "--db", good, "--split", "val", "--out", dir.file("missing-folder/out.json")), /out\.json/);
    mkdirSync(dir.file("a-folder"));
    expectOneLine(cli("export", "--db", good, "--split", "val", "--out", dir.file("a-folder")), /a-folder/);
  });

  it("unreadable input", () => {
    expectOneLine(cli("import", "--db", good, dir.file("nope.json")), /nope\.json: no such file/);
    expectOneLine(cli("lint", dir.file("nope.json")), /nope\.json: no such file/);
    writeFileSync(dir.file("truncated.json"), splitText(fixtureRecords(1)).slice(0, 50));
    expectOneLine(cli("lint", dir.file("truncated.json")), /truncated/);
  });
});

describe("limits from the environment", () => {
  it("applies MMR_MAX_SIDE and refuses a value that is no positive integer in one line", () => {
    expectOneLine(cliWith({ MMR_MAX_SIDE: "abc" }, "lint", split), /MMR_MAX_SIDE=abc: expected a positive integer/);
    // The fixture's images are 40 px high: with a limit of 30 px every mask is unreadable.
    const small = spawnSync(process.execPath, [bin, "lint", "--json", split], { encoding: "utf8", env: { ...process.env, MMR_MAX_SIDE: "30" } });
    expect(small.status).toBe(1);
    const report = JSON.parse(small.stdout) as { summary: { byFlag: Record<string, number>; pairs: number } };
    expect(report.summary.byFlag.bad_rle).toBe(report.summary.pairs);
  });
});

describe("bad serve options", () => {
  it("--session-idle that is no whole number of minutes from 1 to a week", () => {
    for (const bad of ["0", "ninety", "1.5", "10081"]) {
      expectOneLine(cli("serve", "--db", good, "--port", "0", "--session-idle", bad), new RegExp(`--session-idle ${bad}: expected whole minutes from 1 to 10080`));
    }
  });
});
