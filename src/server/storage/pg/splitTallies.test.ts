import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type pg from "pg";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import type { SaveDecisionRequest } from "../store";
import { lockOrder } from "./decisionWrite";
import { PgStore } from "./pgStore";
import { slotOf, STRIPES } from "./splitTallies";
import { analyseRecords } from "./testImport";
import { createTestDatabase, type TestDatabase } from "./testDb";

/*
 * The split's tallies are striped (migration 7): each transaction adds its moves to one of 16
 * rows, and readers sum them. Two server processes deciding every pair of a split at once, in
 * batches whose pairs come in any order, must neither deadlock nor lose a count: the queue
 * counts, stats, change counter and export preview afterwards are those written out by hand here.
 */

let db: TestDatabase;
let dir: TempDir;
let stores: PgStore[];
let ids: string[];

beforeAll(async () => {
  db = await createTestDatabase();
  dir = tempDir("mmr-pg-tallies-");
  stores = [await PgStore.open(db.url), await PgStore.open(db.url)];
  const { source, images } = await analyseRecords(dir, "val", fixtureRecords(5));
  const job = await stores[0]!.beginImport(source);
  for (const image of images) await job.addImage(image);
  await job.commit();
  ids = (await stores[0]!.listPairs({ split: "val", limit: 100 })).items.map((item) => item.id);
});

afterAll(async () => {
  for (const store of stores ?? []) await store.close();
  dir?.remove();
  await db?.drop();
});

const reviewers = ["ann", "bob", "cat"];

/** Pair i: accepted when i is even, else rejected for "ambiguous" (and "other" when i % 3 === 0), by reviewers[i % 3]. */
function request(id: string, i: number): SaveDecisionRequest {
  const rejected = i % 2 === 1;
  return {
    id,
    input: {
      status: rejected ? "rejected" : "accepted",
      reasons: rejected ? (i % 3 === 0 ? ["ambiguous", "other"] : ["ambiguous"]) : [],
      note: "",
      reviewer: reviewers[i % 3]!,
      baseVersion: 0,
    },
    flags: [],
    granularity: "object",
    now: "2026-01-01T00:00:00.000Z",
  };
}

describe("striped split tallies on PostgreSQL", () => {
  it("orders a group commit's locks by split, image and index, numerically", () => {
    expect(["val:10:0", "val:9:1", "a:20:0", "val:9:0", "val:-1:3"].sort(lockOrder)).toEqual(["a:20:0", "val:-1:3", "val:9:0", "val:9:1", "val:10:0"]);
  });

  it("gives each connection its own stripe: its backend's process id modulo STRIPES", () => {
    const client = (processID: unknown) => ({ processID }) as unknown as pg.ClientBase;
    expect(STRIPES).toBe(16);
    expect(slotOf(client(37))).toBe(5);
    expect(slotOf(client(48))).toBe(0);
    // Not connected yet (no id): some stripe all the same.
    for (const id of [null, undefined, -3, 2.5]) expect(slotOf(client(id))).toSatisfy((slot: number) => Number.isInteger(slot) && slot >= 0 && slot < 16);
  });

  it("two processes deciding one split at once, in batches of any order: no deadlock, every count right", async () => {
    expect(ids).toHaveLength(17);
    const before = await stores[0]!.changeCounter("val");
    // Batches of three pairs, each in reverse dataset order, alternating between the processes.
    const batches: { store: PgStore; requests: SaveDecisionRequest[] }[] = [];
    for (let start = 0; start < ids.length; start += 3) {
      const requests = ids.slice(start, start + 3).map((id, k) => request(id, start + k)).reverse();
      batches.push({ store: stores[batches.length % 2]!, requests });
    }
    const results = await Promise.all(batches.map((b) => b.store.saveDecisions(b.requests)));
    expect(results.flat().map((r) => r.kind)).toEqual(new Array(17).fill("saved"));

    // By hand: i = 0..16; 9 even (accepted), 8 odd (rejected); odd multiples of 3 (3, 9, 15) also "other".
    const [list] = await Promise.all([stores[1]!.listPairs({ split: "val", limit: 100 })]);
    expect(list.counts).toEqual({ pending: 0, accepted: 9, rejected: 8 });
    const stats = await stores[1]!.stats("val");
    expect(stats.byStatus).toEqual({ pending: 0, accepted: 9, rejected: 8 });
    expect(stats.byReason).toEqual({ ambiguous: 8, other: 3 });
    // ann: i % 3 === 0 (0, 3, 6, 9, 12, 15) = 6; bob: 1, 4, 7, 10, 13, 16 = 6; cat: 2, 5, 8, 11, 14 = 5.
    expect(stats.byReviewer).toEqual({ ann: 6, bob: 6, cat: 5 });
    expect((await stores[1]!.changeCounter("val")) - before).toBe(17);
    const slots = await stores[0]!.pool.query<{ n: number }>("SELECT count(DISTINCT slot)::int AS n FROM pair_counts WHERE split = 'val'");
    expect(slots.rows[0]!.n).toBeGreaterThan(1);

    // Re-deciding moves the tallies back: pair 1 (rejected, bob, "ambiguous") accepted by ann.
    const again = await stores[0]!.saveDecision({ ...request(ids[1]!, 0), input: { ...request(ids[1]!, 0).input, baseVersion: 1 } });
    expect(again.kind).toBe("saved");
    const after = await stores[1]!.stats("val");
    expect(after.byStatus).toEqual({ pending: 0, accepted: 10, rejected: 7 });
    expect(after.byReason).toEqual({ ambiguous: 7, other: 3 });
    expect(after.byReviewer).toEqual({ ann: 7, bob: 5, cat: 5 });
  });
});
