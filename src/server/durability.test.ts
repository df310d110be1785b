import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "../../e2e/server";
import { decisionResponseSchema, historyResponseSchema } from "../shared/api";
import { writeManyImagesFixture } from "./http/testFixture";

/*
 * SPEC section 9: no acknowledged decision is lost when the server is killed with SIGKILL while
 * reviewers write. A real server process takes a stream of decisions from a few concurrent
 * clients, is killed mid-stream, restarted on the same database, and every decision it answered
 * 200 to must be in the history exactly once.
 */

const CLIENTS = 6;
const PAIRS_PER_CLIENT = 4;

interface Ack {
  pair: string;
  version: number;
  note: string;
}

const dir = mkdtempSync(join(tmpdir(), "mmr-durability-"));
const fixture = writeManyImagesFixture(dir, 10);
const servers: RunningServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop("SIGKILL");
  rmSync(dir, { recursive: true, force: true });
});

async function start(): Promise<RunningServer> {
  const server = await startServer(["--data", fixture.splitFile, "--images", fixture.imagesDir], { dbDir: dir });
  servers.push(server);
  return server;
}

/** A write that got no answer: the client retries it, with the same key, once the server is back. */
interface Unanswered {
  pair: string;
  note: string;
  body: string;
}

/** One reviewer writing decisions on its own pairs, each with the version it last saw. */
async function reviewer(url: string, client: number, pairs: string[], acks: Ack[], stop: { now: boolean }, unanswered: Unanswered[]): Promise<void> {
  const versions = new Map(pairs.map((p) => [p, 0]));
  for (let i = 0; !stop.now; i++) {
    const pair = pairs[i % pairs.length]!;
    const note = `c${client}-w${i}`;
    const body = i % 2 === 0
      ? { status: "accepted", note, reviewer: `r${client}`, baseVersion: versions.get(pair) }
      : { status: "rejected", reasons: ["ambiguous"], note, reviewer: `r${client}`, baseVersion: versions.get(pair) };
    let response: Response;
    try {
      response = await fetch(`${url}/api/pairs/${encodeURIComponent(pair)}/decision`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "Idempotency-Key": note },
        body: JSON.stringify(body),
      });
    } catch {
      // The server is gone: this write was never acknowledged (it may or may not have committed).
      unanswered.push({ pair, note, body: JSON.stringify(body) });
      return;
    }
    if (response.status !== 200) throw new Error(`${pair}: unexpected ${response.status} ${await response.text()}`);
    const { decision } = decisionResponseSchema.parse(await response.json());
    acks.push({ pair, version: decision.version, note });
    versions.set(pair, decision.version);
  }
}

describe("durability under kill -9", () => {
  it("keeps every acknowledged decision exactly once", async () => {
    const first = await start();
    const acks: Ack[] = [];
    const stop = { now: false };
    const pairsOf = (client: number) =>
      Array.from({ length: PAIRS_PER_CLIENT }, (_, k) => {
        const n = client * PAIRS_PER_CLIENT + k;
        return `load:${1000 + Math.floor(n / 3)}:${n % 3}`;
      });
    const unanswered: Unanswered[] = [];
    const clients = Array.from({ length: CLIENTS }, (_, c) => reviewer(first.url, c, pairsOf(c), acks, stop, unanswered));

    // Kill in the middle of the stream, once a fair number of writes went through.
    const deadline = Date.now() + 10_000;
    while (acks.length < 300 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    first.process.kill("SIGKILL");
    await Promise.all(clients);
    stop.now = true;
    expect(acks.length).toBeGreaterThanOrEqual(50);

    const second = await start();
    // Retrying the writes that got no answer, with their keys, applies each exactly once: replayed
    // when it had committed before the kill, applied now when it had not.
    for (const retry of unanswered) {
      const response = await fetch(`${second.url}/api/pairs/${encodeURIComponent(retry.pair)}/decision`, {
        method: "PUT",
        headers: { "Content-Type": "application/json", "Idempotency-Key": retry.note },
        body: retry.body,
      });
      expect(response.status, `${retry.pair} ${retry.note}`).toBe(200);
      const { decision } = decisionResponseSchema.parse(await response.json());
      acks.push({ pair: retry.pair, version: decision.version, note: retry.note });
    }
    const byPair = new Map<string, Ack[]>();
    for (const ack of acks) byPair.set(ack.pair, [...(byPair.get(ack.pair) ?? []), ack]);
    for (const [pair, pairAcks] of byPair) {
      const response = await fetch(`${second.url}/api/pairs/${encodeURIComponent(pair)}/history`);
      const { history } = historyResponseSchema.parse(await response.json());
      const versions = history.map((h) => h.version);
      // Versions run 1..n without gaps or repeats, and every write is now acknowledged.
      expect(versions, pair).toEqual(versions.map((_, i) => i + 1));
      expect(history.length, pair).toBe(Math.max(...pairAcks.map((a) => a.version)));
      expect(history.length, pair).toBe(pairAcks.length);
      for (const ack of pairAcks) {
        const entries = history.filter((h) => h.after.note === ack.note);
        expect(entries, `${pair} ${ack.note}`).toHaveLength(1);
        expect(entries[0]!.version).toBe(ack.version);
      }
    }
    await second.stop();
  }, 90_000);
});
