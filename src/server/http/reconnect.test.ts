import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Hono } from "hono";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { historyResponseSchema } from "../../shared/api";
import { exportChunks } from "../export/exportChunks";
import { importSplit } from "../import/importSplit";
import { openStore } from "../storage/open";
import { startPrivateCluster, type PrivateCluster } from "../storage/pg/privateCluster";
import type { ReviewStore } from "../storage/store";
import { createApp } from "./app";
import { putDecision } from "./testApp";
import { writeFixture } from "./testFixture";

/*
 * PostgreSQL restarts under a running app server: requests that meet the outage answer 503 with
 * Retry-After and a one-line JSON error (never 500), the server recovers without a restart of its
 * own, and a client retrying a 503'd decision with the same Idempotency-Key gets it applied exactly
 * once. On a private PostgreSQL (privateCluster.ts), so restarting it disturbs no other test.
 */

let cluster: PrivateCluster;
let store: ReviewStore;
let app: Hono;
let dir: string;
const PAIRS = ["tiny:1:0", "tiny:1:1", "tiny:1:2", "tiny:2:0", "tiny:3:0"];

beforeAll(async () => {
  cluster = await startPrivateCluster();
  const url = await cluster.createDatabase("mmr_reconnect");
  dir = mkdtempSync(join(tmpdir(), "mmr-reconnect-"));
  const files = writeFixture(dir);
  store = await openStore(url);
  await importSplit(store, files.splitFile, { imagesDir: files.imagesDir });
  app = createApp({
    store,
    imagesDirs: [files.imagesDir],
    clientDir: null,
    streamExport: (split, options) => exportChunks(store, split, options),
    logError: (error) => {
      throw new Error(`unexpected error reached the HTTP layer: ${String(error)}`);
    },
  });
}, 120_000);

afterAll(async () => {
  await store?.close().catch(() => undefined);
  await cluster?.destroy();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

async function expect503(response: Response): Promise<void> {
  expect(response.status).toBe(503);
  expect(Number(response.headers.get("Retry-After"))).toBeGreaterThan(0);
  const text = await response.text();
  expect(text).not.toContain("\n");
  const body = JSON.parse(text) as { error: { code: string; message: string } };
  expect(body.error.code).toBe("busy");
}

describe("PostgreSQL restarting under the app server", () => {
  it("answers 503 while it is down and serves again by itself once it is back", async () => {
    expect((await app.request("/api/pairs?split=tiny")).status).toBe(200);
    await cluster.stop("fast");
    await expect503(await app.request("/api/pairs?split=tiny"));
    await expect503(await app.request("/api/pairs/tiny%3A1%3A0"));
    await expect503(await putDecision(app, "tiny:1:0", { status: "accepted", reviewer: "ana", baseVersion: 0 }, { "Idempotency-Key": "k-down" }));
    await cluster.start();
    // The pool reconnects on the next request; no restart of the app.
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      status = (await app.request("/api/pairs?split=tiny")).status;
      if (status !== 200) await new Promise((r) => setTimeout(r, 100));
    }
    expect(status).toBe(200);
    // The decision that got a 503, retried with its key: applied once.
    const retried = await putDecision(app, "tiny:1:0", { status: "accepted", reviewer: "ana", baseVersion: 0 }, { "Idempotency-Key": "k-down" });
    expect(retried.status).toBe(200);
    const again = await putDecision(app, "tiny:1:0", { status: "accepted", reviewer: "ana", baseVersion: 0 }, { "Idempotency-Key": "k-down" });
    expect(again.status).toBe(200);
    const history = historyResponseSchema.parse(await (await app.request("/api/pairs/tiny%3A1%3A0/history")).json());
    expect(history.history).toHaveLength(1);
  }, 120_000);

  it("writers retrying 503s with their key across a crash restart: every acknowledged decision once, versions without gaps", async () => {
    // Each writer owns one pair and makes ROUNDS decisions on it, retrying a 503 with the same key
    // (what the client's offline queue does), while PostgreSQL crashes and comes back once.
    const ROUNDS = 12;
    const statuses = new Map<number, number>();
    const baseline = new Map<string, number>();
    for (const id of PAIRS) {
      const history = historyResponseSchema.parse(await (await app.request(`/api/pairs/${encodeURIComponent(id)}/history`)).json());
      baseline.set(id, history.history.length);
    }
    let crashed = false;
    const writer = async (id: string) => {
      let version = baseline.get(id)!;
      for (let round = 0; round < ROUNDS; round++) {
        const body = { status: round % 2 === 0 ? "rejected" : "accepted", reasons: round % 2 === 0 ? ["ambiguous"] : [], reviewer: `w-${id}`, baseVersion: version };
        const key = `${id}-round-${round}`;
        for (let attempt = 0; ; attempt++) {
          const response = await putDecision(app, id, body, { "Idempotency-Key": key });
          statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
          if (response.status === 200) {
            const saved = (await response.json()) as { decision: { version: number } };
            expect(saved.decision.version).toBe(version + 1);
            version = saved.decision.version;
            break;
          }
          await expect503(response);
          if (attempt > 200) throw new Error(`${id}: still 503 after 200 retries`);
          await new Promise((r) => setTimeout(r, 50));
        }
        if (round === 3 && id === PAIRS[0] && !crashed) {
          crashed = true;
          void cluster.restart("immediate");
        }
      }
    };
    await Promise.all(PAIRS.map(writer));
    // Every response was a success or a 503 (no 500, no 409: nobody else writes these pairs).
    // The crash met some requests (else this test proved nothing about retries).
    expect([...statuses.keys()].sort()).toEqual([200, 503]);
    for (const id of PAIRS) {
      const history = historyResponseSchema.parse(await (await app.request(`/api/pairs/${encodeURIComponent(id)}/history`)).json());
      expect(history.history).toHaveLength(baseline.get(id)! + ROUNDS);
      const versions = history.history.map((h) => h.version).sort((a, b) => a - b);
      expect(versions).toEqual(Array.from({ length: versions.length }, (_, i) => i + 1));
    }
  }, 180_000);
});
