import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { BusEvent, DecisionEvent, PresenceSnapshot } from "../../shared/events";
import { BusyError } from "../storage/errors";
import { clientConfig } from "../storage/pg/connection";
import { startPrivateCluster, type PrivateCluster } from "../storage/pg/privateCluster";
import { createTestDatabase, type TestDatabase } from "../storage/pg/testDb";
import { fixtureRecords, splitText, tempDir, type TempDir } from "../test-fixtures/splitFiles";
import { createLiveEvents } from "./liveEvents";
import { DEFAULT_CHANNEL, createPgBus, type PgEventBus } from "./pgBus";
import { createPresenceTracker } from "./presence";

/*
 * The PostgreSQL bus between processes (here: several buses, each with its own connections, as
 * each server process has), hostile payloads, and reconnecting after PostgreSQL restarts.
 */

const decision = (split: string, pairId = `${split}:1:0`, version = 1): DecisionEvent => ({
  type: "decision",
  split,
  pairId,
  status: "accepted",
  version,
  reviewer: "bob",
  updatedAt: "2026-12-02T00:00:00.000Z",
});

async function until(what: string, check: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

async function notifyRaw(url: string, payload: string): Promise<void> {
  const client = new pg.Client(clientConfig(url));
  await client.connect();
  try {
    await client.query("SELECT pg_notify($1, $2)", [DEFAULT_CHANNEL, payload]);
  } finally {
    await client.end();
  }
}

let db: TestDatabase;
const buses: PgEventBus[] = [];
async function bus(url = db.url, extra: Partial<Parameters<typeof createPgBus>[0]> = {}): Promise<PgEventBus> {
  const b = await createPgBus({ url, ...extra });
  buses.push(b);
  return b;
}

beforeAll(async () => {
  db = await createTestDatabase();
}, 60_000);

afterAll(async () => {
  for (const b of buses) await b.close();
  await db.drop();
});

describe("PostgreSQL event bus", () => {
  it("delivers a publish of one process to the subscribers of every process, filtered by split", async () => {
    const a = await bus();
    const b = await bus();
    const onA: BusEvent[] = [];
    const onBval: BusEvent[] = [];
    const onBtrain: BusEvent[] = [];
    const onBall: BusEvent[] = [];
    a.subscribe("val", (e) => onA.push(e));
    b.subscribe("val", (e) => onBval.push(e));
    b.subscribe("train", (e) => onBtrain.push(e));
    b.subscribe(null, (e) => onBall.push(e));
    await a.publish(decision("val"));
    await a.publish(decision("train", "train:5:1"));
    await until("both events on b", () => onBall.length === 2);
    await until("the own event on a", () => onA.length === 1);
    expect(onA).toEqual([decision("val")]);
    expect(onBval).toEqual([decision("val")]);
    expect(onBtrain).toEqual([decision("train", "train:5:1")]);
    expect(onBall).toEqual([decision("val"), decision("train", "train:5:1")]);
  });

  it("drops payloads that are not events (another process's NOTIFY is untrusted) and keeps delivering", async () => {
    const b = await bus();
    const seen: BusEvent[] = [];
    b.subscribe(null, (e) => seen.push(e));
    const hostile = [
      "not json",
      "{}",
      JSON.stringify({ ...decision("val"), pairId: "<script>alert(1)</script>" }),
      JSON.stringify({ ...decision("val"), type: "drop_tables" }),
      JSON.stringify({ ...decision("val"), version: -1 }),
      JSON.stringify({ type: "presence", split: "val", pairId: "val:1:0", reviewer: "x".repeat(500), session: "s", at: 1 }),
    ];
    for (const payload of hostile) await notifyRaw(db.url, payload);
    await notifyRaw(db.url, JSON.stringify(decision("val", "val:9:0", 7)));
    await until("the valid event", () => seen.length === 1);
    expect(seen).toEqual([decision("val", "val:9:0", 7)]);
    expect(b.rejectedPayloads()).toBe(hostile.length);
  });

  it("a listener that throws does not stop the others", async () => {
    const errors: unknown[] = [];
    const b = await bus(db.url, { onListenerError: (e) => errors.push(e) });
    const seen: BusEvent[] = [];
    b.subscribe("val", () => {
      throw new Error("boom");
    });
    b.subscribe("val", (e) => seen.push(e));
    await b.publish(decision("val"));
    await until("delivery", () => seen.length === 1);
    expect(errors).toHaveLength(1);
  });

  it("presence from a heartbeat on one server shows on the other, and the other expires it", async () => {
    let now = Date.now();
    const trackerB = createPresenceTracker({ now: () => now, sweepMs: 0 });
    const serverA = createLiveEvents({ bus: await bus(), splitExists: () => true });
    const serverB = createLiveEvents({ bus: await bus(), presence: trackerB, splitExists: () => true });
    try {
      const response = await serverA.routes.request("/presence", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ split: "val", pairId: "val:3:0", reviewer: "alice", session: "tab-1" }),
      });
      expect(response.status).toBe(200);
      await until("alice on server B", () => trackerB.snapshot("val").viewers.length === 1);
      expect(trackerB.snapshot("val")).toEqual<PresenceSnapshot>({ split: "val", viewers: [{ reviewer: "alice", session: "tab-1", pairId: "val:3:0" }] });
      // No further heartbeat: 30 s later server B forgets alice by itself.
      now += 30_001;
      trackerB.sweep();
      expect(trackerB.snapshot("val").viewers).toEqual([]);
    } finally {
      await serverA.close();
      await serverB.close();
    }
  });

  it("`mmr-review import` in another process tells the listening servers", async () => {
    const b = await bus();
    const seen: BusEvent[] = [];
    b.subscribe(null, (e) => seen.push(e));
    const dir: TempDir = tempDir("mmr-pgbus-");
    try {
      const file = dir.write("val.json", splitText(fixtureRecords(2)));
      const bin = fileURLToPath(new URL("../../../bin/mmr-review.mjs", import.meta.url));
      await promisify(execFile)(process.execPath, [bin, "import", "--db", db.url, file], { encoding: "utf8", timeout: 60_000 });
      await until("the imported event", () => seen.some((e) => e.type === "imported"));
      const imported = seen.find((e) => e.type === "imported");
      expect(imported).toMatchObject({ type: "imported", split: "val" });
    } finally {
      dir.remove();
    }
  }, 90_000);
});

describe("PostgreSQL event bus across a PostgreSQL restart", () => {
  let cluster: PrivateCluster;
  let url: string;
  beforeAll(async () => {
    cluster = await startPrivateCluster({ settings: { fsync: "off" } });
    url = await cluster.createDatabase("mmr_bus");
  }, 120_000);
  afterAll(async () => {
    await cluster?.destroy();
  });

  it("reconnects by itself, listens again, says so, and never crashes; publishing while it is down is a BusyError", async () => {
    const lines: string[] = [];
    const a = await bus(url, { retryMs: { first: 50, max: 400 }, log: (l) => lines.push(l) });
    const b = await bus(url, { retryMs: { first: 50, max: 400 } });
    let resyncs = 0;
    a.onResync(() => (resyncs += 1));
    const seen: BusEvent[] = [];
    a.subscribe(null, (e) => seen.push(e));

    await cluster.stop("fast");
    await until("a notices", () => !a.listening());
    await expect(b.publish(decision("val"))).rejects.toBeInstanceOf(BusyError);

    await cluster.start();
    await until("a listens again", () => a.listening(), 20_000);
    await until("b listens again", () => b.listening(), 20_000);
    expect(resyncs).toBe(1);
    expect(lines.some((l) => /lost the PostgreSQL connection/.test(l))).toBe(true);
    expect(lines.some((l) => /listening on PostgreSQL again/.test(l))).toBe(true);

    await b.publish(decision("val", "val:2:0", 2));
    await until("the event after the restart", () => seen.length === 1);
    expect(seen).toEqual([decision("val", "val:2:0", 2)]);

    // A crash (immediate stop) too.
    await cluster.restart("immediate");
    await until("a listens after the crash", () => resyncs === 2, 20_000);
    await b.publish(decision("val", "val:3:0", 3)).catch(async () => {
      // The publishing pool may hand out a connection that died in the crash once: one retry.
      await b.publish(decision("val", "val:3:0", 3));
    });
    await until("the event after the crash", () => seen.length === 2);
  }, 120_000);
});
