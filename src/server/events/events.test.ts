import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { decisionEventSchema, presenceSnapshotSchema } from "../../shared/events";
import { startHttpServer, type HttpServerHandle } from "../http/listen";
import { createTestApp, putDecision, type TestApp } from "../http/testApp";
import { exportChunks } from "../export/exportChunks";
import type { ReviewStore } from "../storage/store";
import { createLiveEvents, type LiveEvents } from "./liveEvents";
import { sseReader } from "./sseReader";

function heartbeat(t: TestApp, body: unknown, contentType = "application/json") {
  return t.app.request("/api/presence", { method: "POST", headers: { "Content-Type": contentType }, body: JSON.stringify(body) });
}

let t: TestApp;
let events: LiveEvents;
beforeEach(async () => {
  let store: ReviewStore | null = null;
  events = createLiveEvents({ splitExists: async (split) => (store ? await store.getSplit(split) : null) != null, heartbeatMs: 100 });
  t = await createTestApp({ events });
  store = t.store;
});
afterEach(async () => {
  await events.close();
  t.close();
});

describe("GET /api/events", () => {
  it("streams a decision event after a PUT saves it, with who made it", async () => {
    const res = await t.app.request("/api/events?split=tiny");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const stream = sseReader(res.body!);
    // The connection starts with this split's presence, so a late joiner knows who is where.
    expect(presenceSnapshotSchema.parse(JSON.parse((await stream.next("presence")).data))).toEqual({ split: "tiny", viewers: [] });

    const put = await putDecision(t.app, "tiny:1:0", { status: "accepted", reviewer: "bob", baseVersion: 0 });
    expect(put.status).toBe(200);
    const event = decisionEventSchema.parse(JSON.parse((await stream.next("decision")).data));
    expect(event).toMatchObject({ type: "decision", split: "tiny", pairId: "tiny:1:0", status: "accepted", version: 1, reviewer: "bob" });
    await stream.cancel();
  });

  it("sends no event for a refused write or an idempotent replay", async () => {
    const stream = sseReader((await t.app.request("/api/events?split=tiny")).body!);
    const headers = { "Idempotency-Key": "k1" };
    expect((await putDecision(t.app, "tiny:1:0", { status: "accepted", reviewer: "bob", baseVersion: 0 }, headers)).status).toBe(200);
    expect((await putDecision(t.app, "tiny:1:0", { status: "accepted", reviewer: "bob", baseVersion: 0 }, headers)).status).toBe(200);
    expect((await putDecision(t.app, "tiny:1:0", { status: "rejected", reviewer: "al", baseVersion: 0, reasons: ["other"] })).status).toBe(409);
    const got = (await stream.drain(300)).filter((m) => m.event === "decision");
    expect(got).toHaveLength(1);
    await stream.cancel();
  });

  it("a stream of one split hears nothing of another; a stream of all splits hears both", async () => {
    const other = sseReader((await t.app.request("/api/events?split=elsewhere")).body!);
    const all = sseReader((await t.app.request("/api/events")).body!);
    await putDecision(t.app, "tiny:2:0", { status: "accepted", reviewer: "bob", baseVersion: 0 });
    await events.bus.publish({ type: "imported", split: "elsewhere", pairs: 4 });
    expect(JSON.parse((await all.next("decision")).data)).toMatchObject({ pairId: "tiny:2:0" });
    expect(JSON.parse((await all.next("imported")).data)).toEqual({ type: "imported", split: "elsewhere", pairs: 4 });
    await other.next("presence");
    const seen = await other.drain(200);
    expect(seen.map((m) => m.event)).toEqual(["imported"]);
    await other.cancel();
    await all.cancel();
  });

  it("sends comment heartbeats on an idle stream", async () => {
    const stream = sseReader((await t.app.request("/api/events?split=tiny")).body!);
    await stream.drain(350); // heartbeatMs is 100 in these tests
    expect(stream.raw().match(/^: ping$/gm)?.length ?? 0).toBeGreaterThanOrEqual(2);
    expect(stream.raw()).toMatch(/^retry: \d+$/m);
    await stream.cancel();
  });

  it("drops its subscriptions when the client goes away (no leak)", async () => {
    const baseline = events.bus.subscriberCount();
    const streams = await Promise.all(Array.from({ length: 20 }, async () => sseReader((await t.app.request("/api/events?split=tiny")).body!)));
    await Promise.all(streams.map((s) => s.next("presence")));
    expect(events.streamCount()).toBe(20);
    expect(events.bus.subscriberCount()).toBe(baseline + 20);
    await Promise.all(streams.map((s) => s.cancel()));
    await new Promise((r) => setTimeout(r, 50));
    expect(events.streamCount()).toBe(0);
    expect(events.bus.subscriberCount()).toBe(baseline);
    expect(events.presence.listenerCount()).toBe(0);
  });

  it("refuses a malformed split", async () => {
    const res = await t.app.request("/api/events?split=..%2Fx");
    expect(res.status).toBe(400);
  });
});

describe("POST /api/presence", () => {
  it("answers who has which pair open and tells the split's streams", async () => {
    const stream = sseReader((await t.app.request("/api/events?split=tiny")).body!);
    await stream.next("presence");
    const res = await heartbeat(t, { split: "tiny", pairId: "tiny:1:0", reviewer: "bob", session: "tab1" });
    expect(res.status).toBe(200);
    const expected = { split: "tiny", viewers: [{ reviewer: "bob", session: "tab1", pairId: "tiny:1:0" }] };
    expect(await res.json()).toEqual(expected);
    expect(JSON.parse((await stream.next("presence")).data)).toEqual(expected);

    // Closing the pair removes bob at once.
    await heartbeat(t, { split: "tiny", pairId: null, reviewer: "bob", session: "tab1" });
    expect(JSON.parse((await stream.next("presence")).data)).toEqual({ split: "tiny", viewers: [] });
    await stream.cancel();
  });

  it("refuses what is not a small JSON heartbeat of a known split", async () => {
    const good = { split: "tiny", pairId: "tiny:1:0", reviewer: "bob", session: "tab1" };
    expect((await heartbeat(t, good, "text/plain")).status).toBe(415);
    expect((await heartbeat(t, { ...good, reviewer: "b".repeat(3000) })).status).toBe(413);
    expect((await heartbeat(t, { ...good, reviewer: "" })).status).toBe(400);
    expect((await heartbeat(t, { ...good, pairId: "other:1:0" })).status).toBe(400);
    expect((await heartbeat(t, { ...good, session: "a b" })).status).toBe(400);
    expect((await heartbeat(t, { ...good, split: "nosuch", pairId: "nosuch:1:0" })).status).toBe(404);
    expect(events.presence.snapshot("tiny").viewers).toEqual([]);
  });
});

describe("over a real socket (@hono/node-server)", () => {
  let server: HttpServerHandle;
  afterEach(async () => {
    await server.close(200);
  });

  it("streams events and cleans up when the browser disconnects", async () => {
    server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      app: { store: t.store, imagesDirs: [t.files.imagesDir], clientDir: null, streamExport: (s, o) => exportChunks(t.store, s, o), events, logError: () => {} },
    });
    const base = `http://127.0.0.1:${server.port}`;
    const controller = new AbortController();
    const res = await fetch(`${base}/api/events?split=tiny`, { signal: controller.signal });
    expect(res.headers.get("content-type")).toMatch(/^text\/event-stream/);
    const stream = sseReader(res.body!);
    await stream.next("presence");
    await fetch(`${base}/api/pairs/tiny%3A1%3A1/decision`, {
      method: "PUT",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: "accepted", reviewer: "carol", baseVersion: 0 }),
    });
    expect(JSON.parse((await stream.next("decision")).data)).toMatchObject({ pairId: "tiny:1:1", reviewer: "carol" });
    expect(events.streamCount()).toBe(1);
    controller.abort();
    const until = Date.now() + 2_000;
    while (events.streamCount() > 0 && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
    expect(events.streamCount()).toBe(0);
  });
});
