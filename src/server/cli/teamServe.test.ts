import { existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../../e2e/server";
import { writeFixture } from "../http/testFixture";
import { startPrivateCluster, type PrivateCluster } from "../storage/pg/privateCluster";

/*
 * Two real `serve` processes on one PostgreSQL database (a private cluster, so restarting it
 * disturbs nobody): live updates cross processes, and after PostgreSQL restarts both servers
 * recover by themselves: the API serves again, open event streams end (so browsers refetch), and
 * a new stream on one server hears a decision saved through the other.
 */

/** Reads an SSE response until `pattern` shows (or the stream ends / times out). */
async function readSse(url: string, until: RegExp, timeoutMs: number, onOpen?: () => Promise<void>): Promise<{ text: string; ended: boolean }> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), timeoutMs);
  let text = "";
  try {
    const response = await fetch(url, { signal: controller.signal });
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    let opened = false;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return { text, ended: true };
      text += decoder.decode(value, { stream: true });
      if (!opened && text.includes(": connected")) {
        opened = true;
        await onOpen?.();
      }
      if (until.test(text)) {
        await reader.cancel();
        return { text, ended: false };
      }
    }
  } catch (error) {
    if (controller.signal.aborted) return { text, ended: false };
    throw error;
  } finally {
    clearTimeout(timer);
  }
}

/** Checks `holds` every 100 ms until it is true or `timeoutMs` passed; returns its last answer. */
async function until(holds: () => boolean | Promise<boolean>, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await holds()) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, 100));
  }
}

async function put(server: RunningServer, id: string, body: unknown, key: string): Promise<Response> {
  return fetch(`${server.url}/api/pairs/${encodeURIComponent(id)}/decision`, {
    method: "PUT",
    headers: { "Content-Type": "application/json", "Idempotency-Key": key },
    body: JSON.stringify(body),
  });
}

let cluster: PrivateCluster;
let a: RunningServer;
let b: RunningServer;
let dir: string;

beforeAll(async () => {
  cluster = await startPrivateCluster({ settings: { fsync: "off" } });
  const url = await cluster.createDatabase("mmr_team");
  dir = mkdtempSync(join(tmpdir(), "mmr-team-serve-"));
  const fixture = writeFixture(dir);
  const args = ["--data", fixture.splitFile, "--images", fixture.imagesDir];
  a = await startServer(args, { db: url, timeoutMs: 60_000 });
  b = await startServer([...args, "--sync-to", join(dir, "synced")], { db: url, timeoutMs: 60_000 });
}, 180_000);

afterAll(async () => {
  await a?.stop();
  await b?.stop();
  await cluster?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe("two serve processes on one PostgreSQL", () => {
  it("a decision saved through one reaches an event stream of the other", async () => {
    const heard = await readSse(`${b.url}/api/events?split=tiny`, /event: decision\ndata: .*"pairId":"tiny:1:0"/, 10_000, async () => {
      expect((await put(a, "tiny:1:0", { status: "accepted", reviewer: "ana", baseVersion: 0 }, "team-1")).status).toBe(200);
    });
    expect(heard.text).toMatch(/"reviewer":"ana"/);
    expect(heard.text).toMatch(/"version":1/);
  }, 30_000);

  it("`serve --sync-to` on one server follows decisions saved through the other", async () => {
    // B syncs once at start; wait for that, so what follows can only come from the bus.
    const log = join(dir, "synced", "tiny.decisions.jsonl");
    expect(await until(() => existsSync(log), 20_000)).toBe(true);
    expect((await put(a, "tiny:1:1", { status: "rejected", reasons: ["ambiguous"], reviewer: "ana", baseVersion: 0 }, "team-sync")).status).toBe(200);
    // B never saw this write: only the bus tells it. Its sync debounces (2 s), so wait for the line.
    const synced = () => readFileSync(log, "utf8").split("\n").some((line) => line.includes('"tiny:1:1"') && line.includes('"rejected"'));
    expect(await until(synced, 20_000)).toBe(true);
  }, 40_000);

  it("recover by themselves after PostgreSQL restarts: streams end, the API serves again, events cross again", async () => {
    // A stream open on B when PostgreSQL goes away ends once B listens again.
    const ended = readSse(`${b.url}/api/events?split=tiny`, /event: never/, 40_000, async () => {
      await cluster.restart("fast");
    });
    const outcome = await ended;
    expect(outcome.ended).toBe(true);

    // Both processes are alive and serve without a restart of their own.
    expect(a.process.exitCode).toBeNull();
    expect(b.process.exitCode).toBeNull();
    for (const server of [a, b]) {
      expect(await until(async () => (await fetch(`${server.url}/api/pairs?split=tiny`)).status === 200, 10_000)).toBe(true);
    }

    const heard = await readSse(`${b.url}/api/events?split=tiny`, /event: decision\ndata: .*"pairId":"tiny:2:0"/, 10_000, async () => {
      expect((await put(a, "tiny:2:0", { status: "rejected", reasons: ["ambiguous"], reviewer: "ana", baseVersion: 0 }, "team-2")).status).toBe(200);
    });
    expect(heard.text).toMatch(/"status":"rejected"/);
  }, 90_000);
});
