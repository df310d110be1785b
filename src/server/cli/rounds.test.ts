import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../storage/pg/testDb";
import { fixtureRecords, splitText, tempDir, type TempDir } from "../test-fixtures/splitFiles";

/*
 * `mmr-review rounds list|create` as a lead runs them. The split is fixtureRecords(2): record 0 has
 * 3 pairs, record 1 has 4 (7 in all); the pairs with a chair target are the first two of each
 * record (4), the only one with a mug is val:1001:3.
 */

const bin = fileURLToPath(new URL("../../../bin/mmr-review.mjs", import.meta.url));
let dir: TempDir;
let split: string;

function run(input: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args], { encoding: "utf8", input, timeout: 60_000, env: { ...process.env, MMR_DATABASE_URL: "" } });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.replace(/^.*\r.*$/gm, "").trim() };
}

function expectOneLine(outcome: { code: number | null; stderr: string }, pattern: RegExp): void {
  expect(outcome.code).toBe(2);
  expect(outcome.stderr.split("\n")).toHaveLength(1);
  expect(outcome.stderr).toMatch(/^mmr-review: /);
  expect(outcome.stderr).toMatch(pattern);
}

beforeAll(() => {
  dir = tempDir("mmr-cli-rounds-");
  split = dir.write("val.json", splitText(fixtureRecords(2)));
});
afterAll(() => dir.remove());

function lifecycle(db: string) {
  expect(run("", "import", "--db", db, split).code).toBe(0);
  expect(run("", "rounds", "list", "--db", db)).toMatchObject({ code: 0, stdout: "no review rounds" });

  const first = run("", "rounds", "create", "--db", db, "--split", "val", "--overlap", "2", "--reviewers", "ann, bob", "--category", "chair", "--name", 'chairs "double"\nline two');
  expect(first.code).toBe(0);
  // A hostile name stays on its one line, quoted.
  expect(first.stdout).toBe('1  split val  "chairs \\"double\\"\\nline two"  overlap 2  share 100 %  pool "ann","bob"  4 pairs  progress 0/8 votes (agreed 0, to adjudicate 0, resolved 0, open 4)');

  // The chair pairs are in an unfinished slot of round 1: left out of round 2, which keeps the other 3.
  const second = run("", "rounds", "create", "--db", db, "--split", "val", "--overlap", "1", "--reviewers", "ann", "--share", "10%");
  expect(second.code).toBe(0);
  expect(second.stdout.split("\n")).toEqual([
    '2  split val  "val ×1"  overlap 1  share 100 %  pool "ann"  3 pairs  progress 0/3 votes (agreed 0, to adjudicate 0, resolved 0, open 3)',
    "4 pairs left out: already in an unfinished slot of another open round",
  ]);

  const listed = run("", "rounds", "list", "--db", db, "--split", "val");
  expect(listed.code).toBe(0);
  expect(listed.stdout.split("\n").map((line) => line.split("  ")[0])).toEqual(["1", "2"]);
  expect(listed.stdout.split("\n")[0]).toBe(first.stdout);
}

describe("mmr-review rounds", () => {
  it("creates rounds over a filter and lists them, one line each (SQLite)", () => {
    lifecycle(dir.file("solo.db"));
  }, 120_000);

  describe("on PostgreSQL", () => {
    let pg: TestDatabase;
    beforeAll(async () => {
      pg = await createTestDatabase();
    }, 60_000);
    afterAll(async () => {
      await pg?.drop();
    });
    it("the same commands give the same lines", () => {
      lifecycle(pg.url);
    }, 120_000);
  });

  it("with accounts, the pool must be users who may vote; every mistake is one line, exit 2", () => {
    const db = dir.file("team.db");
    expect(run("", "import", "--db", db, split).code).toBe(0);
    expect(run("a long secret pw\n", "users", "add", "ann", "--role", "reviewer", "--db", db).code).toBe(0);
    expect(run("a long secret pw\n", "users", "add", "vic", "--role", "viewer", "--db", db).code).toBe(0);
    const create = (...args: string[]) => run("", "rounds", "create", "--db", db, "--split", "val", ...args);

    expectOneLine(create("--overlap", "1", "--reviewers", "ann,zed"), /reviewers: no user named "zed"$/);
    expectOneLine(create("--overlap", "1", "--reviewers", "vic"), /reviewers: vic may not vote \(viewer\)/);
    expectOneLine(create("--overlap", "2", "--reviewers", "ann"), /overlap 2 needs at least 2 reviewers/);
    expectOneLine(create("--overlap", "two", "--reviewers", "ann"), /--overlap "two": not a whole number/);
    expectOneLine(create("--overlap", "1", "--share", "1.5", "--reviewers", "ann"), /--share "1.5"/);
    expectOneLine(create("--overlap", "1", "--reviewers", "ann", "--status", "maybe"), /^mmr-review: filter\.status: /);
    expectOneLine(create("--overlap", "1", "--reviewers", "ann", "--category", "mug", "--granularity", "part"), /the filter matches no pair of split val/);
    expectOneLine(run("", "rounds", "create", "--db", db, "--split", "test", "--overlap", "1", "--reviewers", "ann"), /--split test: no such split/);
    expectOneLine(run("", "rounds", "list", "--db", dir.file("nothing.db")), /no such database/);
    expect(run("", "rounds", "list", "--db", db).stdout).toBe("no review rounds");

    const made = create("--overlap", "1", "--reviewers", "ann", "--category", "mug");
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^1 {2}split val {2}"val ×1" {2}overlap 1 {2}share 100 % {2}pool "ann" {2}1 pair {2}progress 0\/1 votes/);
  }, 120_000);
});
