import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { statsSchema } from "../../../shared/api";
import type { DecisionInput } from "../../../shared/domain";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import type { SaveDecisionRequest } from "../store";
import { clientConfig } from "./connection";
import { PgStore } from "./pgStore";
import { analyseRecords } from "./testImport";
import { createTestDatabase, emptyTables, type TestDatabase } from "./testDb";

/*
 * PgStore against a throwaway database. Written as plain behaviours of the store so they fold
 * into the shared contract suite (storage/contract) once the async ReviewStore lands.
 */

let db: TestDatabase;
let dir: TempDir;
let store: PgStore;
/** A second connection, as another server process would have. */
let other: pg.Client;

async function importFixture(split = "val", count = 5) {
  const { source, images } = await analyseRecords(dir, split, fixtureRecords(count));
  const job = await store.beginImport(source);
  for (const image of images) await job.addImage(image);
  return job.commit();
}

async function countPairs(): Promise<number> {
  return Number((await other.query<{ n: string }>("SELECT count(*) AS n FROM pairs")).rows[0]!.n);
}

function decision(id: string, input: Partial<DecisionInput> & { baseVersion: number }, extra: Partial<SaveDecisionRequest> = {}): SaveDecisionRequest {
  return { id, input: { status: "accepted", reviewer: "ann", ...input }, flags: [], granularity: "object", now: "2026-01-01T00:00:00.000Z", ...extra };
}

beforeAll(async () => {
  db = await createTestDatabase();
  other = new pg.Client(clientConfig(db.url));
  await other.connect();
});
afterAll(async () => {
  await other?.end();
  await db?.drop();
});
beforeEach(async () => {
  dir = tempDir();
  store = await PgStore.open(db.url);
  await importFixture();
});
afterEach(async () => {
  await store.close();
  dir.remove();
  await emptyTables(db.url);
});

describe("import through COPY", () => {
  it("leaves the planner statistics of the pairs it wrote, so the queue's first plans are index walks", async () => {
    // pg_class.reltuples is -1 until a table is first analysed or vacuumed.
    const { rows } = await other.query<{ relname: string; reltuples: number }>(
      "SELECT relname, reltuples FROM pg_class WHERE relname IN ('pairs', 'pair_categories') ORDER BY relname",
    );
    expect(rows).toEqual([
      { relname: "pair_categories", reltuples: expect.any(Number) },
      { relname: "pairs", reltuples: 17 },
    ]);
    expect(rows[0]!.reltuples).toBeGreaterThan(0);
  });

  it("stores the split with its counts", async () => {
    expect(await store.listSplits()).toMatchObject([{ name: "val", images: 5, pairs: 17, byStatus: { pending: 17, accepted: 0, rejected: 0 } }]);
    const stats = statsSchema.parse(await store.stats("val"));
    expect(stats.total).toBe(17);
    expect(stats.byFlag.braces).toEqual({ pending: 2, accepted: 0, rejected: 0 });
    expect(stats.byGranularity.mixed.pending).toBe(5);
    expect(stats.targetHistogram).toEqual({ "1": 12, "2": 5 });
    expect(await store.imageFileName("val", 1001)).toBe("val2017/000000001001.jpg");
  });

  it("is invisible to other connections until commit, and abort leaves everything as it was", async () => {
    const { source, images } = await analyseRecords(dir, "train", fixtureRecords(3, 10));
    const job = await store.beginImport(source);
    for (const image of images) await job.addImage(image);
    expect(await countPairs()).toBe(17);
    await job.abort();
    expect(await countPairs()).toBe(17);
    expect(await store.getSplit("train")).toBeNull();

    const again = await store.beginImport(source);
    for (const image of images) await again.addImage(image);
    expect(await countPairs()).toBe(17);
    const result = await again.commit();
    expect(result).toMatchObject({ split: "train", images: 3 });
    expect(await countPairs()).toBe(17 + result.pairs);
  });

  it("refuses a NUL character in one line and stores nothing of that import", async () => {
    const records = fixtureRecords(2, 20);
    records[1]!.questions[0] = "Where is the \u0000 chair?";
    const { source, images } = await analyseRecords(dir, "bad", records);
    const job = await store.beginImport(source);
    await expect(
      (async () => {
        for (const image of images) await job.addImage(image);
        await job.commit();
      })(),
    ).rejects.toThrow(/contains a NUL character/);
    await job.abort();
    expect(await store.getSplit("bad")).toBeNull();
    expect(await countPairs()).toBe(17);
  });

  it("keeps the decisions of unchanged pairs across a re-import", async () => {
    await store.saveDecision(decision("val:1000:0", { baseVersion: 0, status: "rejected", reasons: ["wrong_target"] }));
    const result = await importFixture();
    expect(result).toMatchObject({ images: 5, pairs: 17, keptDecisions: 1, changedPairs: [] });
    expect((await store.listSplits())[0]!.byStatus).toEqual({ pending: 16, accepted: 0, rejected: 1 });
  });
});

describe("decisions", () => {
  it("compare-and-sets on the version; a conflict carries the current decision; history follows", async () => {
    expect(await store.saveDecision(decision("val:1000:0", { baseVersion: 0 }))).toMatchObject({ kind: "saved", decision: { version: 1 } });
    expect(await store.saveDecision(decision("val:1000:0", { baseVersion: 0, status: "rejected" }))).toMatchObject({
      kind: "conflict",
      current: { status: "accepted", version: 1, reviewer: "ann" },
    });
    expect(await store.saveDecision(decision("val:1000:0", { baseVersion: 1, status: "rejected", reasons: ["other"], reviewer: "bo" }))).toMatchObject({
      kind: "saved",
      decision: { status: "rejected", version: 2, reviewer: "bo" },
    });
    const history = (await store.history("val:1000:0"))!;
    expect(history.map((h) => [h.version, h.reviewer, h.before?.status ?? null, h.after.status])).toEqual([
      [1, "ann", null, "accepted"],
      [2, "bo", "accepted", "rejected"],
    ]);
    expect(await store.history("val:404:0")).toBeNull();
    expect(await store.history("val:1000:1")).toEqual([]);
    expect(await store.saveDecision(decision("val:1:1", { baseVersion: 0 }))).toEqual({ kind: "not_found" });
    const stats = await store.stats();
    expect(stats.byStatus).toEqual({ pending: 16, accepted: 0, rejected: 1 });
    expect(stats.byReason).toEqual({ other: 1 });
    expect(stats.byReviewer).toEqual({ bo: 1 });
    expect(await store.changeCounter("val")).toBe(2); // two saved decisions (a first import starts at 0)
  });

  it("lets exactly one of many racing writers win, on separate connections", async () => {
    const results = await Promise.all(
      ["a", "b", "c", "d", "e", "f"].map((reviewer) => store.saveDecision(decision("val:1001:1", { baseVersion: 0, reviewer }))),
    );
    const winners = results.filter((r) => r.kind === "saved");
    expect(winners).toHaveLength(1);
    const winner = winners[0]!.kind === "saved" ? winners[0]!.decision.reviewer : "";
    for (const r of results.filter((x) => x.kind !== "saved")) expect(r).toMatchObject({ kind: "conflict", current: { reviewer: winner, version: 1 } });
    expect(await store.history("val:1001:1")).toHaveLength(1);
  });

  it("applies a retried idempotency key once, and refuses the key on another body", async () => {
    const request = decision("val:1000:1", { baseVersion: 0 }, { idempotencyKey: "k1" });
    const first = await store.saveDecision(request);
    expect(await store.saveDecision(request)).toEqual({ ...first, replayed: true });
    expect(await store.saveDecision({ ...request, input: { ...request.input, status: "rejected" } })).toEqual({ kind: "key_reused" });
    expect(await store.history("val:1000:1")).toHaveLength(1);
  });

  it("group-commits several decisions in one transaction, each on its own", async () => {
    const results = await store.saveDecisions([
      decision("val:1000:0", { baseVersion: 0 }),
      decision("val:1000:0", { baseVersion: 0 }),
      decision("val:nope:0", { baseVersion: 0 }),
      decision("val:1000:1", { baseVersion: 0 }, { idempotencyKey: "g1" }),
    ]);
    expect(results.map((r) => r.kind)).toEqual(["saved", "conflict", "not_found", "saved"]);
    expect((await store.stats("val")).byStatus.accepted).toBe(2);
  });
});

describe("the queue", () => {
  it("lists pairs in dataset order, a page at a time through cursors, with counts", async () => {
    const first = await store.listPairs({ split: "val", limit: 4 });
    expect(first.total).toBe(17);
    expect(first.counts).toEqual({ pending: 17, accepted: 0, rejected: 0 });
    expect(first.items.map((p) => p.id)).toEqual(["val:1000:0", "val:1000:1", "val:1000:2", "val:1001:0"]);
    const ids = first.items.map((p) => p.id);
    let cursor = first.nextCursor;
    while (cursor !== null) {
      const page = await store.listPairs({ split: "val", limit: 4, cursor });
      ids.push(...page.items.map((p) => p.id));
      cursor = page.nextCursor;
    }
    expect(ids).toHaveLength(17);
    expect(new Set(ids).size).toBe(17);
    await expect(store.listPairs({ split: "val", cursor: "bm90LWEtY3Vyc29y" })).rejects.toThrow(/invalid cursor/);
  });

  it("filters by status, edits, text, category and targets", async () => {
    await store.saveDecision(
      decision("val:1000:0", { baseVersion: 0, edits: { question: "Where is the zebra seat?", targets: [0, 2] } }, { flags: ["explicit"] }),
    );
    expect((await store.listPairs({ split: "val", status: "accepted" })).items.map((p) => [p.id, p.question, p.version])).toEqual([
      ["val:1000:0", "Where is the zebra seat?", 1],
    ]);
    expect((await store.listPairs({ q: "zebra" })).items.map((p) => p.id)).toEqual(["val:1000:0"]);
    expect((await store.listPairs({ q: "zeb" })).items.map((p) => p.id)).toEqual(["val:1000:0"]);
    expect((await store.listPairs({ q: "picture 0" })).total).toBe(0);
    expect((await store.listPairs({ q: "'); DROP TABLE pairs; --" })).total).toBe(0);
    expect((await store.listPairs({ category: "laptop_computer", split: "val" })).total).toBe(6);
    expect((await store.listPairs({ flag: "explicit" })).items.map((p) => p.id)).toEqual(["val:1000:0"]);
    expect((await store.listPairs({ minTargets: 2 })).total).toBe(6);
    expect((await store.listPairs({ split: "val", reviewer: "ann" })).counts).toEqual({ pending: 0, accepted: 1, rejected: 0 });
    expect(await countPairs()).toBe(17);
  });
});

describe("streamed export", () => {
  it("reads records in file order, each with its decisions, from a snapshot", async () => {
    await store.saveDecision(decision("val:1001:2", { baseVersion: 0, status: "rejected", reasons: ["other"] }));
    const raws: string[] = [];
    for await (const record of store.exportRecords("val")) {
      raws.push(record.raw);
      if (raws.length === 2) {
        expect([...record.decisions.keys()]).toEqual([2]);
        expect(record.decisions.get(2)).toMatchObject({ status: "rejected", version: 1 });
        // a decision made while the export runs is not in it
        await store.saveDecision(decision("val:1004:0", { baseVersion: 0 }));
      }
      if (raws.length === 5) expect(record.decisions.size).toBe(0);
    }
    expect(raws.map((r) => (JSON.parse(r) as { image_id: number }).image_id)).toEqual([1000, 1001, 1002, 1003, 1004]);
    const log = [];
    for await (const entry of store.decisionLog("val")) log.push([entry.id, entry.decision.status]);
    expect(log).toEqual([
      ["val:1001:2", "rejected"],
      ["val:1004:0", "accepted"],
    ]);
  });
});

describe("opening", () => {
  it("says in one line when no server answers", async () => {
    await expect(PgStore.open("postgres://nobody@127.0.0.1:1/mmr")).rejects.toThrow(
      "--db postgres://nobody@127.0.0.1:1/mmr: no PostgreSQL server answers there (start it: pg_ctlcluster 15 main start)",
    );
  });
});
