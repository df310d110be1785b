import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { createTestApp, putDecision, type TestApp } from "../http/testApp";
import { createLiveSync, type LiveSync } from "./liveSync";
import { createSyncWriter, syncFileNames } from "./syncWriter";

let t: TestApp | null = null;
let sync: LiveSync | null = null;
afterEach(async () => {
  await sync?.close();
  t?.close();
});

function readJson(file: string): unknown {
  return JSON.parse(readFileSync(file, "utf8"));
}

/** Waits until `check` holds; the test's own timeout is the only clock (no wall-clock asserts). */
async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((r) => setTimeout(r, 25));
}

describe("serve --sync-to", () => {
  it("brings decisions into the synced files within seconds, and a reader never sees a partial file", async () => {
    let liveSync: LiveSync | null = null;
    t = await createTestApp({ onDecision: (split) => liveSync?.notify(split) });
    const dir = join(t.dir, "synced");
    mkdirSync(dir);
    const files = syncFileNames(dir, "tiny");
    sync = liveSync = createLiveSync({ write: createSyncWriter(t.store, dir), debounceMs: 150, maxWaitMs: 600 });

    // A reader polling both files the whole time, as a training job or git hook would.
    let reads = 0;
    let torn: string | null = null;
    let reading = true;
    const reader = (async () => {
      while (reading) {
        for (const file of [files.cleaned, files.decisions]) {
          if (!existsSync(file)) continue;
          const text = readFileSync(file, "utf8");
          try {
            if (file === files.cleaned) JSON.parse(text);
            else for (const line of text.split("\n").filter(Boolean)) JSON.parse(line);
            if (file === files.decisions && text.length > 0 && !text.endsWith("\n")) throw new Error("no final newline");
            reads++;
          } catch (error) {
            torn = `${file}: ${String(error)}`;
          }
        }
        await new Promise((r) => setImmediate(r));
      }
    })();

    const ids = ["tiny:1:0", "tiny:1:1", "tiny:1:2", "tiny:2:0", "tiny:3:0"];
    const versions = new Map<string, number>();
    for (let round = 0; round < 6; round++) {
      for (const id of ids) {
        const status = round % 2 === 0 ? "accepted" : "rejected";
        const response = await putDecision(t.app, id, {
          status,
          reasons: status === "rejected" ? ["other"] : [],
          reviewer: "ana",
          baseVersion: versions.get(id) ?? 0,
        });
        expect(response.status).toBe(200);
        versions.set(id, ((await response.json()) as { decision: { version: number } }).decision.version);
        await new Promise((r) => setTimeout(r, 15));
      }
    }
    // The last round accepted nothing (odd rounds reject): the cleaned split ends up empty,
    // and the log holds one line per pair with its last status.
    await until(() => {
      if (!existsSync(files.decisions)) return false;
      const lines = readFileSync(files.decisions, "utf8").split("\n").filter(Boolean);
      if (!(lines.length === ids.length && lines.every((l) => (JSON.parse(l) as { status: string }).status === "rejected"))) return false;
      // The two files are renamed into place one after the other: wait for the cleaned split too.
      if (!existsSync(files.cleaned)) return false;
      const cleaned = readJson(files.cleaned) as unknown[];
      return Array.isArray(cleaned) && cleaned.length === 0;
    });
    expect(readJson(files.cleaned)).toEqual([]);

    await putDecision(t.app, "tiny:1:2", { status: "accepted", reviewer: "ana", baseVersion: versions.get("tiny:1:2") });
    await until(() => existsSync(files.cleaned) && (readJson(files.cleaned) as unknown[]).length === 1);
    const [record] = readJson(files.cleaned) as { image_id: number; questions: string[] }[];
    expect(record).toMatchObject({ image_id: 1, questions: ["What would I work on while resting?"] });

    reading = false;
    await reader;
    expect(torn).toBeNull();
    // The reader did read while the files were rewritten (how often depends on the machine).
    expect(reads).toBeGreaterThan(0);
  }, 60_000);
});
