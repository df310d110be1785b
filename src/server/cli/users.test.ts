import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixtureRecords, splitText, tempDir, type TempDir } from "../test-fixtures/splitFiles";

/* `mmr-review users …` and `tokens …` as a user runs them: passwords on stdin, one-line errors. */

const bin = fileURLToPath(new URL("../../../bin/mmr-review.mjs", import.meta.url));
let dir: TempDir;
let db: string;

function cli(input: string, ...args: string[]) {
  const result = spawnSync(process.execPath, [bin, ...args, "--db", db], { encoding: "utf8", input, timeout: 60_000 });
  return { code: result.status, stdout: result.stdout.trim(), stderr: result.stderr.trim() };
}

beforeAll(() => {
  dir = tempDir("mmr-cli-users-");
  db = dir.file("review.db");
  const split = dir.write("val.json", splitText(fixtureRecords(1)));
  expect(spawnSync(process.execPath, [bin, "import", "--db", db, split], { encoding: "utf8" }).status).toBe(0);
});
afterAll(() => dir.remove());

describe("users and tokens from the command line", () => {
  it("adds users with the password from stdin, lists them without it, and stores no secret in clear", () => {
    const added = cli("a long secret pw\n", "users", "add", "Ana", "--role", "admin");
    expect(added).toMatchObject({ code: 0, stdout: expect.stringMatching(/^added Ana \(admin\)\nthis database now has users/) });
    expect(cli("another secret pw\n", "users", "add", "bob", "--role", "reviewer").code).toBe(0);
    const list = cli("", "users", "list");
    expect(list.stdout.split("\n").map((l) => l.split(/\s+/).slice(0, 2))).toEqual([
      ["Ana", "admin"],
      ["bob", "reviewer"],
    ]);

    const created = cli("", "tokens", "create", "bob", "--label", "nightly");
    expect(created.code).toBe(0);
    const token = created.stdout;
    expect(token).toMatch(/^mmr_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    const listed = cli("", "tokens", "list");
    expect(listed.stdout).toMatch(/^[0-9a-f]{12} {2}bob {2}"nightly"/);
    expect(listed.stdout).not.toContain(token);

    const bytes = readFileSync(db).toString("latin1") + readFileSync(`${db}-wal`, { flag: "a+" }).toString("latin1");
    for (const secret of ["a long secret pw", "another secret pw", token]) expect(bytes).not.toContain(secret);
  });

  it("never takes a password from the command line, and explains each mistake in one line", () => {
    const viaArgv = cli("", "users", "add", "carl", "--role", "viewer", "--password", "in plain sight");
    expect(viaArgv.code).not.toBe(0);
    expect(viaArgv.stderr).toMatch(/unknown option '--password'/);
    const cases: [string, string[], RegExp][] = [
      ["short\n", ["users", "add", "carl", "--role", "viewer"], /at least 10 characters/],
      ["long enough pw\n", ["users", "add", "carl", "--role", "boss"], /--role "boss": expected one of admin, lead, reviewer, viewer/],
      ["long enough pw\n", ["users", "add", "../x", "--role", "viewer"], /user name "\.\.\/x"/],
      ["long enough pw\n", ["users", "add", "ANA", "--role", "viewer"], /a user named "Ana" already exists/],
      ["", ["users", "add", "carl", "--role", "viewer"], /no password on standard input/],
      ["", ["users", "set-role", "nobody", "lead"], /no user named "nobody"/],
      ["", ["users", "remove", "ana"], /Ana is the last admin/],
      ["", ["tokens", "revoke", "000000000000"], /no active token/],
    ];
    for (const [input, args, message] of cases) {
      const outcome = cli(input, ...args);
      expect(outcome.code, args.join(" ")).toBe(2);
      expect(outcome.stderr.split("\n"), args.join(" ")).toHaveLength(1);
      expect(outcome.stderr).toMatch(message);
    }
  });
});
