import { spawn } from "node:child_process";
import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { importRecords } from "../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../test-fixtures/splitFiles";
import type { TempDir } from "../test-fixtures/splitFiles";
import { removeStaleTemps } from "./atomicWrite";
import { exportSplit } from "./exportSplit";

/* No litter: an export killed midway leaves a temp file; the next export (or `serve`) removes it. */

let dir: TempDir;
let store: ReviewStore;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", fixtureRecords(5));
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

const childScript = fileURLToPath(new URL("../test-fixtures/stallingExport.ts", import.meta.url));

/** Starts an export in a child process and SIGKILLs it once it is halfway; resolves with its pid. */
function killMidway(out: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", childScript, dir.file("review.db"), "val", out], {
      stdio: ["ignore", "pipe", "inherit"],
    });
    let said = "";
    child.stdout.on("data", (data: Buffer) => {
      said += data.toString();
      if (said.includes("midway")) child.kill("SIGKILL");
    });
    child.on("error", reject);
    child.on("exit", (_code, signal) => (signal === "SIGKILL" ? resolve(child.pid!) : reject(new Error(`the export ended by itself (${said})`))));
  });
}

const temps = (): string[] => readdirSync(dir.path).filter((name) => /\.tmp-[0-9a-f-]+$/.test(name));

describe("an export killed midway", () => {
  it("leaves a temp file the next export of the same target removes", async () => {
    const out = dir.file("val.cleaned.json");
    const pid = await killMidway(out);
    expect(temps()).toHaveLength(1);
    expect(temps()[0]).toMatch(new RegExp(`^val\\.cleaned\\.json\\.tmp-${pid}-[0-9a-f]{12}$`));

    await exportSplit(store, "val", { out, includePending: true });
    expect(temps()).toEqual([]);
    expect(JSON.parse(readFileSync(out, "utf8"))).toHaveLength(5);
  }, 60_000);

  it("is cleaned up by the folder sweep serve runs at start, which spares live writers and other files", async () => {
    const dead = await killMidway(dir.file("val.cleaned.json"));
    // A live writer's temp (this process), an unrelated file that only looks similar, a fresh
    // old-style temp (no pid: kept until it is an hour old).
    writeFileSync(dir.file(`val.decisions.jsonl.tmp-${process.pid}-0123456789ab`), "");
    writeFileSync(dir.file("notes.tmp-later.txt"), "");
    writeFileSync(dir.file("val.cleaned.json.tmp-abcdefabcdef"), "");
    const removed = await removeStaleTemps(dir.path);
    expect(removed).toEqual([expect.stringMatching(new RegExp(`^val\\.cleaned\\.json\\.tmp-${dead}-`))]);
    expect(readdirSync(dir.path)).toContain("notes.tmp-later.txt");
    expect(temps().sort()).toEqual([`val.cleaned.json.tmp-abcdefabcdef`, `val.decisions.jsonl.tmp-${process.pid}-0123456789ab`]);
  }, 60_000);
});
