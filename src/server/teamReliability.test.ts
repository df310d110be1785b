import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../e2e/server";
import { decisionResponseSchema, historyResponseSchema } from "../shared/api";
import { writeManyImagesFixture, type FixtureFiles } from "./http/testFixture";
import { startPrivateCluster, type PrivateCluster } from "./storage/pg/privateCluster";
import { createTestDatabase, type TestDatabase } from "./storage/pg/testDb";

/*
 * Issue 10's reliability tests: real `serve` processes on one PostgreSQL database.
 *  - SIGKILL one of two servers while 20 writers write (ROUNDS kills): every acknowledged decision
 *    is in the history exactly once, versions run 1..n without gaps.
 *  - PostgreSQL restarted (a crash: immediate stop) under load, on a private cluster so the shared
 *    one is never touched: nothing acknowledged lost or duplicated, the same server processes
 *    answer again without being restarted.
 *  - RACES two-process races on the same pairs: exactly one winner each, every loser a 409 that
 *    carries the winner's decision.
 * A writer whose request got no answer (server killed) or a 503 retries it with the same
 * Idempotency-Key, as the client's offline queue does; a proxy sends the retry to a live server.
 * MMR_RELIABILITY_FULL=1 runs the issue's counts (50 kills, 1,000 races) instead of npm test's 5 and 300.
 */

// The figures, 50 kills and 1,000 races, took 435 s and 155 s at load average 22 on 2
// cores, far over npm test's budget: npm test runs 5 kills and 300 races; MMR_RELIABILITY_FULL=1
// runs 50 and 1,000.
const FULL = process.env.MMR_RELIABILITY_FULL === "1";
const ROUNDS = FULL ? 50 : 5;
const RACES = FULL ? 1000 : 300;
const WRITERS = 20;

const dir = mkdtempSync(join(tmpdir(), "mmr-team-"));
const fixture: FixtureFiles = writeManyImagesFixture(dir, 10); // 10 records × 3 questions: pairs load:1000:0 … load:1009:2
const pairIds = Array.from({ length: 30 }, (_, n) => `load:${1000 + Math.floor(n / 3)}:${n % 3}`);
const started: RunningServer[] = [];
const databases: TestDatabase[] = [];

afterAll(async () => {
  for (const server of started) await server.stop("SIGKILL");
  await Promise.all(databases.map((db) => db.drop()));
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

async function serve(url: string): Promise<RunningServer> {
  const server = await startServer(["--db", url, "--data", fixture.splitFile, "--images", fixture.imagesDir], { timeoutMs: 60_000 });
  started.push(server);
  return server;
}

interface Ack {
  pair: string;
  version: number;
  note: string;
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

/** The first error of a writer, so a wait for acks fails with it instead of waiting forever. */
const failed: { error: unknown } = { error: null };

async function waitForAcks(acks: Ack[], count: number, what: string, ms = 120_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (acks.length < count) {
    if (failed.error) throw failed.error;
    if (Date.now() > deadline) throw new Error(`${what}: ${acks.length} of ${count} acknowledged decisions after ${ms / 1000} s`);
    await sleep(10);
  }
}

/**
 * PUT one decision until it is acknowledged: no answer (server gone) or a 503 is retried with
 * the same key on the next live server. Anything but 200, 503 or no answer fails the test.
 */
async function putUntilAcknowledged(live: () => string, pair: string, body: object, key: string): Promise<{ version: number; retries: number }> {
  for (let retries = 0; ; retries++) {
    let response: Response;
    try {
      response = await fetch(`${live()}/api/pairs/${encodeURIComponent(pair)}/decision`, {
        method: "PUT",
        headers: { "content-type": "application/json", "idempotency-key": key },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(20_000),
      });
    } catch {
      await sleep(50);
      continue;
    }
    if (response.status === 503) {
      await response.arrayBuffer();
      await sleep(100);
      continue;
    }
    if (response.status !== 200) throw new Error(`${pair} ${key}: unexpected ${response.status} ${await response.text()}`);
    return { version: decisionResponseSchema.parse(await response.json()).decision.version, retries };
  }
}

/** One writer on its own pair: each decision based on the version it last saw. */
async function writer(w: number, pair: string, live: (w: number) => string, acks: Ack[], stop: { now: boolean }): Promise<void> {
  try {
    await writeLoop(w, pair, live, acks, stop);
  } catch (error) {
    failed.error ??= error;
    throw error;
  }
}

async function writeLoop(w: number, pair: string, live: (w: number) => string, acks: Ack[], stop: { now: boolean }): Promise<void> {
  let version = 0;
  for (let i = 0; !stop.now; i++) {
    const note = `w${w}-${i}`;
    const body =
      i % 2 === 0
        ? { status: "accepted", note, reviewer: `r${w}`, baseVersion: version }
        : { status: "rejected", reasons: ["ambiguous"], note, reviewer: `r${w}`, baseVersion: version };
    const ack = await putUntilAcknowledged(() => live(w), pair, body, note);
    acks.push({ pair, version: ack.version, note });
    version = ack.version;
  }
}

/** Every acknowledged decision is in its pair's history once, at its version; versions 1..n. */
async function expectHistoryMatches(base: string, acks: Ack[]): Promise<void> {
  const byPair = new Map<string, Ack[]>();
  for (const ack of acks) byPair.set(ack.pair, [...(byPair.get(ack.pair) ?? []), ack]);
  for (const [pair, pairAcks] of byPair) {
    const response = await fetch(`${base}/api/pairs/${encodeURIComponent(pair)}/history`);
    const { history } = historyResponseSchema.parse(await response.json());
    expect(history.map((h) => h.version), pair).toEqual(history.map((_, i) => i + 1));
    // Each writer waits for its ack before the next write, so its history is exactly its acks.
    expect(history.map((h) => [h.version, h.after.note]), pair).toEqual(pairAcks.map((a) => [a.version, a.note]));
  }
}

describe("two servers on one PostgreSQL", () => {
  let db: TestDatabase;
  let servers: RunningServer[];

  beforeAll(async () => {
    db = await createTestDatabase();
    databases.push(db);
    servers = [await serve(db.url)];
    servers.push(await serve(db.url));
  }, 120_000);

  it(`keeps every acknowledged decision once when one of two servers is SIGKILLed, ${ROUNDS} times, during ${WRITERS} writers`, async () => {
    const acks: Ack[] = [];
    const stop = { now: false };
    // Writer w talks to server w mod 2, and to the other one while its own is down.
    const live = (w: number) => {
      const own = servers[w % 2]!;
      return own.process.exitCode === null && own.process.signalCode === null ? own.url : servers[(w + 1) % 2]!.url;
    };
    const writers = pairIds.slice(0, WRITERS).map((pair, w) => writer(w, pair, live, acks, stop));
    for (let round = 0; round < ROUNDS; round++) {
      const k = round % 2;
      await waitForAcks(acks, acks.length + 10, `kill round ${round}`);
      servers[k]!.process.kill("SIGKILL");
      servers[k] = await serve(db.url);
    }
    await waitForAcks(acks, acks.length + 20, "after the kills");
    stop.now = true;
    await Promise.all(writers);
    expect(acks.length).toBeGreaterThan(ROUNDS * 10);
    await expectHistoryMatches(servers[0]!.url, acks);
  }, 600_000);

  it(`${RACES} races of two processes on the same pairs: one winner each, the loser a 409 carrying the winner`, async () => {
    const racePairs = pairIds.slice(WRITERS); // 10 pairs the writers above did not touch
    const perPair = RACES / racePairs.length;
    let winners = { 0: 0, 1: 0 };
    await Promise.all(
      racePairs.map(async (pair) => {
        let version = 0;
        for (let r = 0; r < perPair; r++) {
          // A 503 (the database busy) is retried under the same key, as the app's offline queue does:
          // it is not an answer to the race.
          const put = async (s: 0 | 1): Promise<Response> => {
            for (;;) {
              const response = await fetch(`${servers[s]!.url}/api/pairs/${encodeURIComponent(pair)}/decision`, {
                method: "PUT",
                headers: { "content-type": "application/json", "idempotency-key": `race-${pair}-${r}-${s}` },
                body: JSON.stringify({ status: s ? "rejected" : "accepted", ...(s ? { reasons: ["other"] } : {}), note: `${s}-${r}`, reviewer: `server${s}`, baseVersion: version }),
              });
              if (response.status !== 503) return response;
              await response.arrayBuffer();
              await sleep(20);
            }
          };
          const answers = await Promise.all([put(0), put(1)]);
          const statuses = answers.map((a) => a.status).sort();
          expect(statuses, `${pair} race ${r}`).toEqual([200, 409]);
          const w = answers[0]!.status === 200 ? 0 : 1;
          const won = decisionResponseSchema.parse(await answers[w]!.json()).decision;
          const lost = (await answers[1 - w]!.json()) as { error: { code: string }; current: unknown };
          expect(lost.error.code).toBe("version_conflict");
          expect(lost.current, `${pair} race ${r}`).toEqual(won);
          expect(won).toMatchObject({ version: version + 1, reviewer: `server${w}`, note: `${w}-${r}` });
          winners = { ...winners, [w]: winners[w as 0 | 1] + 1 };
          version = won.version;
        }
        const { history } = historyResponseSchema.parse(await (await fetch(`${servers[0]!.url}/api/pairs/${encodeURIComponent(pair)}/history`)).json());
        expect(history.map((h) => h.version)).toEqual(Array.from({ length: perPair }, (_, i) => i + 1));
      }),
    );
    // Both processes won some: the races were real.
    expect(winners[0] + winners[1]).toBe(RACES);
    expect(Math.min(winners[0], winners[1])).toBeGreaterThan(0);
  }, 600_000);
});

describe("PostgreSQL restarted under load", () => {
  let cluster: PrivateCluster;
  afterAll(async () => cluster?.destroy(), 60_000);

  it("loses and duplicates nothing acknowledged, and the same servers answer again without a restart", async () => {
    cluster = await startPrivateCluster();
    const url = await cluster.createDatabase("mmr");
    const servers = [await serve(url), await serve(url)];
    const pids = servers.map((s) => s.process.pid);
    const acks: Ack[] = [];
    const stop = { now: false };
    const writers = pairIds.slice(0, 10).map((pair, w) => writer(w, pair, (n) => servers[n % 2]!.url, acks, stop));
    for (let round = 0; round < 2; round++) {
      await waitForAcks(acks, acks.length + 30, `restart ${round}`);
      await cluster.restart("immediate"); // a crash: only what was committed survives
    }
    await waitForAcks(acks, acks.length + 30, "after the restarts");
    stop.now = true;
    await Promise.all(writers);
    for (const server of servers) expect(server.process.exitCode).toBeNull();
    expect(servers.map((s) => s.process.pid)).toEqual(pids);
    await expectHistoryMatches(servers[1]!.url, acks);
    // Both processes read and write again on their own.
    for (const [s, server] of servers.entries()) {
      const list = await fetch(`${server.url}/api/pairs?split=load&limit=5`);
      expect(list.status).toBe(200);
      const put = await fetch(`${server.url}/api/pairs/${encodeURIComponent(pairIds[20 + s]!)}/decision`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ status: "accepted", reviewer: "after", baseVersion: 0 }),
      });
      expect(put.status).toBe(200);
    }
  }, 300_000);
});
