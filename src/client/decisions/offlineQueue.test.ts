import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { Decision, DecisionInput } from "../../shared/domain";
import { useToastStore } from "../lib/toastStore";
import { flushOfflineQueue } from "./offlineFlusher";
import { useOfflineQueueStore } from "./offlineQueueStore";
import { submitDecision } from "./submitDecision";

/*
 * A decision that meets a 503 (the server's PostgreSQL is restarting) is kept and retried under
 * the same idempotency key until it lands, so it takes effect exactly once, also when the server
 * had applied it before its answer was lost. The server is a fake with the API's replay rule: a
 * key it has seen gets the stored answer again, not a second write.
 */

const pairId = "val:1:0";
const input: DecisionInput = { status: "accepted", reasons: [], note: "", reviewer: "ana", baseVersion: 0 };

interface FakeServer {
  /**
   * What the next PUTs answer before applying: "apply" writes (or replays), "down" is a 503 without
   * writing, "lost" writes and then answers 503, "signedOut" is a 401 (the session ended) without writing.
   */
  script: ("apply" | "down" | "lost" | "signedOut")[];
  keys: string[];
  writes: number;
}

let server: FakeServer;

function decisionJson(version: number): Decision {
  return { status: "accepted", reasons: [], note: "", edits: null, reviewer: "ana", updatedAt: "2026-12-02T01:00:00.000Z", version };
}

function respond(status: number, body: unknown): Response {
  return new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
}

beforeEach(() => {
  server = { script: [], keys: [], writes: 0 };
  const applied = new Map<string, number>();
  vi.stubGlobal("navigator", { onLine: true });
  vi.stubGlobal("fetch", (url: string, init: RequestInit) => {
    expect(url).toBe(`/api/pairs/${encodeURIComponent(pairId)}/decision`);
    const key = new Headers(init.headers).get("idempotency-key")!;
    server.keys.push(key);
    const step = server.script.shift() ?? "apply";
    if (step === "down") return Promise.resolve(respond(503, { error: { code: "busy", message: "the database is restarting; try again" } }));
    if (step === "signedOut") return Promise.resolve(respond(401, { error: { code: "unauthenticated", message: "sign in first" } }));
    if (!applied.has(key)) {
      server.writes += 1;
      applied.set(key, server.writes);
    }
    if (step === "lost") return Promise.resolve(respond(503, { error: { code: "busy", message: "the connection to the database was lost" } }));
    return Promise.resolve(respond(200, { decision: decisionJson(applied.get(key)!), flags: [], granularity: "object" }));
  });
  useOfflineQueueStore.setState({ items: [] });
  useToastStore.setState({ toasts: [] });
});

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("a decision that meets a 503", () => {
  it("is queued, not refused, and delivered once on the next flush under the same key", async () => {
    server.script = ["down"];
    const result = await submitDecision(pairId, input, "key-1");
    expect(result).toEqual({ kind: "queued" });
    expect(useOfflineQueueStore.getState().items.map((i) => i.key)).toEqual(["key-1"]);
    expect(server.writes).toBe(0);

    await flushOfflineQueue();
    expect(useOfflineQueueStore.getState().items).toEqual([]);
    expect(server.keys).toEqual(["key-1", "key-1"]);
    expect(server.writes).toBe(1);
    expect(useToastStore.getState().toasts.map((t) => `${t.tone}: ${t.text}`)).toEqual(["info: Saved 1 decision made offline."]);
  });

  it("stays queued while the flush keeps meeting 503s, then lands once", async () => {
    server.script = ["down", "down", "down"];
    await submitDecision(pairId, input, "key-2");
    await flushOfflineQueue();
    await flushOfflineQueue();
    expect(useOfflineQueueStore.getState().items.map((i) => i.key)).toEqual(["key-2"]);
    // No "refused" toast: a 503 is "not now", not "no".
    expect(useToastStore.getState().toasts).toEqual([]);
    await flushOfflineQueue();
    expect(useOfflineQueueStore.getState().items).toEqual([]);
    expect(server.keys).toEqual(["key-2", "key-2", "key-2", "key-2"]);
    expect(server.writes).toBe(1);
  });

  it("applied by the server before its answer was lost: the retry is a replay, not a second write", async () => {
    server.script = ["lost"];
    await submitDecision(pairId, input, "key-3");
    expect(server.writes).toBe(1);
    await flushOfflineQueue();
    expect(useOfflineQueueStore.getState().items).toEqual([]);
    expect(server.keys).toEqual(["key-3", "key-3"]);
    expect(server.writes).toBe(1);
  });

  it("a 400 is still refused at once, not queued", async () => {
    vi.stubGlobal("fetch", () => Promise.resolve(respond(400, { error: { code: "invalid_decision", message: "reasons required" } })));
    await expect(submitDecision(pairId, input, "key-4")).rejects.toMatchObject({ status: 400 });
    expect(useOfflineQueueStore.getState().items).toEqual([]);
  });
});

describe("a decision whose session ended (team mode, 401)", () => {
  it("waits in the queue until the user signs in again, then lands once under its key", async () => {
    server.script = ["signedOut", "signedOut"];
    expect(await submitDecision(pairId, input, "key-5")).toEqual({ kind: "queued" });
    await flushOfflineQueue();
    // Still signed out: kept, and no "refused" toast.
    expect(useOfflineQueueStore.getState().items.map((i) => i.key)).toEqual(["key-5"]);
    expect(useToastStore.getState().toasts).toEqual([]);
    // Signed in again: the next flush delivers it.
    await flushOfflineQueue();
    expect(useOfflineQueueStore.getState().items).toEqual([]);
    expect(server.keys).toEqual(["key-5", "key-5", "key-5"]);
    expect(server.writes).toBe(1);
  });
});
