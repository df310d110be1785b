import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { DecisionInput } from "../../../shared/domain";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import type { SaveDecisionRequest } from "../store";
import { inTransaction, lockImagesSql, lockOrder, lockPair, writeDecision } from "./decisionWrite";
import { PgStore } from "./pgStore";
import { createTestDatabase, type TestDatabase } from "./testDb";
import { analyseRecords } from "./testImport";

/*
 * The decision write's side effects on PostgreSQL, each read back through the store as a user
 * sees it: the queue's counts, filters and order, the stats and the export preview. Expected values
 * are counted by hand from the fixture (src/server/test-fixtures/splitFiles.ts): 5 images, 17
 * pairs; pair 0 of an image targets the chair, pair 1 the leg and the chair, pair 2 the laptop,
 * pair 3 (odd images only) the mug.
 */

let db: TestDatabase;
let dir: TempDir;
let store: PgStore;

beforeAll(async () => {
  db = await createTestDatabase();
});
afterAll(async () => {
  await db?.drop();
});
beforeEach(async () => {
  dir = tempDir("mmr-pg-write-");
  store = await PgStore.open(db.url);
  const { source, images } = await analyseRecords(dir, "val", fixtureRecords(5));
  const job = await store.beginImport(source);
  for (const image of images) await job.addImage(image);
  await job.commit();
});
afterEach(async () => {
  await store.pool.query(
    "TRUNCATE splits, images, annotations, pairs, pair_categories, decisions, history, idempotency, pair_counts, split_summary, split_changes, split_reasons, split_reviewers RESTART IDENTITY",
  );
  await store.close();
  dir.remove();
});

function decide(id: string, input: Partial<DecisionInput> & { baseVersion: number }, extra: Partial<SaveDecisionRequest> = {}): SaveDecisionRequest {
  return { id, input: { status: "accepted", reviewer: "ann", ...input }, flags: [], granularity: "object", now: "2026-01-01T00:00:00.000Z", ...extra };
}

async function saved(request: SaveDecisionRequest) {
  const result = await store.saveDecision(request);
  if (result.kind !== "saved") throw new Error(`not saved: ${result.kind}`);
  return result.decision;
}

async function editedKept(includePending = false): Promise<number> {
  return (await store.insights().exportPreview("val", includePending)).editedKept;
}

describe("lock order", () => {
  it("puts ids that do not parse last, and compares splits by name either way", () => {
    expect(lockOrder("val:1:0", "nope")).toBe(-1);
    expect(lockOrder("nope", "val:1:0")).toBe(1);
    expect(lockOrder("nope", "other")).toBe(0);
    expect(lockOrder("b:1:0", "a:1:0")).toBe(1);
    expect(lockOrder("a:1:0", "b:1:0")).toBe(-1);
    expect(lockOrder("a:2:0", "a:2:0")).toBe(0);
    expect(["x", "val:2:0", "y", "val:1:5"].sort(lockOrder)).toEqual(["val:1:5", "val:2:0", "x", "y"]);
  });
});

describe("locking the images of a group commit with BEGIN", () => {
  const LOCK = 4242;
  /** Whether another session finds the image's row locked. */
  async function lockedElsewhere(imageId: number): Promise<boolean> {
    return inTransaction(store.pool, async (other) => {
      try {
        await other.query("SELECT 1 FROM images WHERE split = 'val' AND image_id = $1 FOR UPDATE NOWAIT", [imageId]);
        return false;
      } catch (error) {
        if ((error as { code?: string }).code === "55P03") return true;
        throw error;
      }
    });
  }

  it("locks each image of the ids once, and no other image", async () => {
    const sql = lockImagesSql(["val:1002:1", "val:1000:0", "val:1002:0"], LOCK)!;
    await inTransaction(store.pool, async (client) => {
      const { rows } = await client.query(sql);
      expect(rows).toHaveLength(2);
      expect(await lockedElsewhere(1000)).toBe(true);
      expect(await lockedElsewhere(1002)).toBe(true);
      expect(await lockedElsewhere(1001)).toBe(false);
    });
    expect(await lockedElsewhere(1000)).toBe(false);
  });

  it("locks nothing, without waiting, while another session holds the import lock", async () => {
    const sql = lockImagesSql(["val:1000:0"], LOCK)!;
    await inTransaction(store.pool, async (importer) => {
      await importer.query(`SELECT pg_advisory_xact_lock(${LOCK})`);
      await importer.query("SELECT 1 FROM images WHERE split = 'val' AND image_id = 1000 FOR UPDATE");
      await inTransaction(store.pool, async (client) => {
        expect((await client.query(sql)).rows).toHaveLength(0);
      });
    });
  });

  it("is left to each decision when an id does not parse or its image id is not a safe integer", () => {
    expect(lockImagesSql(["val:1000:0", "nope"], LOCK)).toBeNull();
    expect(lockImagesSql(["val:123456789012345678901:0"], LOCK)).toBeNull();
    expect(lockImagesSql([], LOCK)).toBeNull();
  });
});

describe("a saved decision", () => {
  it("without reasons or note has none, in the answer, the pair and its history", async () => {
    const decision = await saved(decide("val:1000:0", { baseVersion: 0, status: "rejected" }));
    expect(decision).toMatchObject({ status: "rejected", reasons: [], note: "", edits: null, version: 1, updatedAt: "2026-01-01T00:00:00.000Z" });
    expect((await store.getPairContext("val:1000:0"))?.decision).toEqual(decision);
    expect((await store.history("val:1000:0"))?.map((h) => h.after)).toEqual([decision]);
    expect((await store.stats("val")).byReason).toEqual({});
  });

  it("moves the counts from the pair's state before it to the state it writes", async () => {
    await saved(decide("val:1000:0", { baseVersion: 0 }, { granularity: "part", flags: ["explicit"] }));
    let stats = await store.stats("val");
    expect(stats.byGranularity.part).toEqual({ pending: 0, accepted: 1, rejected: 0 });
    expect(stats.byFlag.explicit).toEqual({ pending: 0, accepted: 1, rejected: 0 });
    // As imported: 12 object pairs (pairs 0, 2, 3), 5 mixed (pair 1).
    expect(stats.byGranularity.object).toEqual({ pending: 11, accepted: 0, rejected: 0 });
    await saved(decide("val:1000:0", { baseVersion: 1, status: "rejected", reasons: ["other"] }, { granularity: "object", flags: [] }));
    stats = await store.stats("val");
    expect(stats.byGranularity.part).toEqual({ pending: 0, accepted: 0, rejected: 0 });
    expect(stats.byFlag.explicit).toEqual({ pending: 0, accepted: 0, rejected: 0 });
    expect(stats.byGranularity.object).toEqual({ pending: 11, accepted: 0, rejected: 1 });
    expect(stats.byStatus).toEqual({ pending: 16, accepted: 0, rejected: 1 });
    expect(stats.byReason).toEqual({ other: 1 });
    expect(stats.byReviewer).toEqual({ ann: 1 });
  });

  it("rewrites the pair's targets, target count and categories, and puts them back", async () => {
    const laptops = async () => (await store.listPairs({ split: "val", category: "laptop_computer" })).total;
    const chairs = async () => (await store.listPairs({ split: "val", category: "chair" })).total;
    expect([await laptops(), await chairs()]).toEqual([5, 10]);
    await saved(decide("val:1000:0", { baseVersion: 0, edits: { targets: [2] } }));
    expect([await laptops(), await chairs()]).toEqual([6, 9]);
    await saved(decide("val:1000:0", { baseVersion: 1, edits: { targets: [0, 2] } }));
    expect([await laptops(), await chairs()]).toEqual([6, 10]);
    expect((await store.stats("val")).targetHistogram).toEqual({ "1": 11, "2": 6 });
    expect((await store.listPairs({ split: "val", minTargets: 2 })).total).toBe(6);
    await saved(decide("val:1000:0", { baseVersion: 2 }));
    expect([await laptops(), await chairs()]).toEqual([5, 10]);
    expect((await store.stats("val")).targetHistogram).toEqual({ "1": 12, "2": 5 });
    expect((await store.getPair("val:1000:0", {}))?.targets).toEqual([0]);
  });

  it("orders a pair it flags with the flagged ones, and back when the flag goes", async () => {
    const flaggedFirst = async () => (await store.listPairs({ split: "val", sort: "flagged", limit: 3 })).items.map((p) => p.id);
    expect(await flaggedFirst()).toEqual(["val:1000:2", "val:1001:2", "val:1001:3"]);
    await saved(decide("val:1001:0", { baseVersion: 0 }, { flags: ["explicit"] }));
    expect(await flaggedFirst()).toEqual(["val:1000:2", "val:1001:0", "val:1001:2"]);
    expect((await store.listPairs({ split: "val", flag: "explicit" })).items.map((p) => p.id)).toEqual(["val:1001:0"]);
    await saved(decide("val:1001:0", { baseVersion: 1 }));
    expect(await flaggedFirst()).toEqual(["val:1000:2", "val:1001:2", "val:1001:3"]);
  });

  it("counts an edit of the question, the answer or the targets in the export preview, and not a repeat of the original targets", async () => {
    expect(await editedKept()).toBe(0);
    await saved(decide("val:1000:0", { baseVersion: 0, edits: { question: "Where to sit?" } }));
    expect([await editedKept(), await editedKept(true)]).toEqual([1, 1]);
    await saved(decide("val:1000:0", { baseVersion: 1, edits: { targets: [0] } }));
    expect(await editedKept()).toBe(0);
    await saved(decide("val:1000:0", { baseVersion: 2, edits: { textAnswer: "Sit on {seg}." } }));
    expect(await editedKept()).toBe(1);
    await saved(decide("val:1000:0", { baseVersion: 3 }));
    expect(await editedKept()).toBe(0);
    await saved(decide("val:1000:0", { baseVersion: 4, edits: { targets: [2] } }));
    expect(await editedKept()).toBe(1);
    // Rejected: out of both exports, still edited (the pending export keeps pending and accepted only).
    await saved(decide("val:1000:0", { baseVersion: 5, status: "rejected", reasons: ["other"], edits: { targets: [2] } }));
    expect([await editedKept(), await editedKept(true)]).toEqual([0, 0]);
    await saved(decide("val:1000:0", { baseVersion: 6, status: "pending", edits: { targets: [2] } }));
    expect([await editedKept(), await editedKept(true)]).toEqual([0, 1]);
  });

  it("leaves no idempotency record without a key: a later keyed write of the pair is new", async () => {
    await saved(decide("val:1000:0", { baseVersion: 0 }));
    const keyed = await store.saveDecision(decide("val:1000:0", { baseVersion: 1, status: "rejected", reasons: ["other"] }, { idempotencyKey: "k" }));
    expect(keyed).toMatchObject({ kind: "saved", replayed: false, decision: { version: 2, status: "rejected" } });
    const rows = await store.pool.query<{ key: string; pair_id: string }>("SELECT key, pair_id FROM idempotency");
    expect(rows.rows).toEqual([{ key: "k", pair_id: "val:1000:0" }]);
  });

  it("read with BEGIN (literals, not parameters), replays a key with quotes and backslashes and refuses it for another decision", async () => {
    const key = String.raw`it's \'; DROP TABLE decisions; --`;
    const first = await store.saveDecision(decide("val:1000:0", { baseVersion: 0 }, { idempotencyKey: key }));
    expect(first).toMatchObject({ kind: "saved", replayed: false, decision: { version: 1 } });
    // The group commit's lone decision goes the same way.
    const [again] = await store.saveDecisions([decide("val:1000:0", { baseVersion: 0 }, { idempotencyKey: key })]);
    expect(again).toMatchObject({ kind: "saved", replayed: true, decision: { version: 1 } });
    expect(await store.saveDecision(decide("val:1000:0", { baseVersion: 0, status: "rejected", reasons: ["other"] }, { idempotencyKey: key }))).toEqual({ kind: "key_reused" });
    expect((await store.pool.query("SELECT key FROM idempotency")).rows).toEqual([{ key }]);
    // A stale base and an unknown pair are answered from the same read.
    expect(await store.saveDecision(decide("val:1000:0", { baseVersion: 0 }))).toMatchObject({ kind: "conflict", current: { version: 1 } });
    expect(await store.saveDecision(decide("val:1000:9", { baseVersion: 0 }))).toEqual({ kind: "not_found" });
    expect((await store.history("val:1000:0"))?.length).toBe(1);
  });
});

describe("a write whose compare-and-set loses", () => {
  it("moves no tally, even with its moves in its own statement", async () => {
    await saved(decide("val:1000:0", { baseVersion: 0 }));
    // A stale read (as if another writer had skipped the image's lock): the version check passes, the swap loses.
    const result = await inTransaction(store.pool, async (client) => {
      const locked = (await lockPair(client, "val:1000:0"))!;
      const stale = { ...locked, current: null };
      return writeDecision(client, decide("val:1000:0", { status: "rejected", reasons: ["wrong_target"], baseVersion: 0 }), null, { locked: stale });
    });
    expect(result).toMatchObject({ kind: "conflict", current: { version: 1, status: "accepted" } });
    expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 16, accepted: 1, rejected: 0 });
    const stats = await store.stats("val");
    expect(stats.byReason).toEqual({});
    expect(await store.history("val:1000:0")).toHaveLength(1);
  });

  it("writes nothing when it sends COMMIT with its statement, and the winner stays", async () => {
    await saved(decide("val:1000:0", { baseVersion: 0 }));
    const client = await store.pool.connect();
    try {
      await client.query("BEGIN");
      const locked = (await lockPair(client, "val:1000:0"))!;
      const commit = { committed: false };
      const result = await writeDecision(client, decide("val:1000:0", { status: "rejected", reasons: ["wrong_target"], baseVersion: 0 }), null, { locked: { ...locked, current: null }, commit });
      expect(result).toMatchObject({ kind: "conflict", current: { version: 1, status: "accepted" } });
      expect(commit.committed).toBe(true);
    } finally {
      client.release();
    }
    expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 16, accepted: 1, rejected: 0 });
    expect(await store.history("val:1000:0")).toHaveLength(1);
  });
});

describe("a write that ends its transaction", () => {
  it("commits with its statement, or leaves COMMIT to the caller when the pair's categories follow", async () => {
    const writeEnding = async (request: SaveDecisionRequest) => {
      const client = await store.pool.connect();
      try {
        await client.query("BEGIN");
        const commit = { committed: false };
        const result = await writeDecision(client, request, null, { commit });
        if (!commit.committed) await client.query("COMMIT");
        return { result, committed: commit.committed };
      } finally {
        client.release();
      }
    };
    expect(await writeEnding(decide("val:1000:0", { baseVersion: 0 }))).toMatchObject({ result: { kind: "saved" }, committed: true });
    // Pair 2 of an image targets the laptop (annotation 2); edited to target the mug (annotation 3) instead.
    const retarget = decide("val:1001:2", { baseVersion: 0, edits: { targets: [3] } });
    expect(await writeEnding(retarget)).toMatchObject({ result: { kind: "saved" }, committed: false });
    expect((await store.listPairs({ split: "val", category: "mug", status: "accepted" })).items.map((p) => p.id)).toEqual(["val:1001:2"]);
    expect((await store.listPairs({ split: "val", status: "accepted" })).counts).toEqual({ pending: 15, accepted: 2, rejected: 0 });
  });
});

describe("group commit", () => {
  it("of no decisions answers nothing and changes nothing", async () => {
    expect(await store.saveDecisions([])).toEqual([]);
    expect(await store.changeCounter("val")).toBe(0);
  });

  it("answers in the order of the requests, whatever order it locks the pairs in", async () => {
    const results = await store.saveDecisions([
      decide("val:1004:0", { baseVersion: 0, status: "rejected", reasons: ["other"] }),
      decide("val:1000:1", { baseVersion: 0 }),
      decide("nope", { baseVersion: 0 }),
      decide("val:1002:2", { baseVersion: 0, reviewer: "bo" }),
    ]);
    expect(results.map((r) => (r.kind === "saved" ? [r.decision.status, r.decision.reviewer] : r.kind))).toEqual([
      ["rejected", "ann"],
      ["accepted", "ann"],
      "not_found",
      ["accepted", "bo"],
    ]);
    expect(await store.changeCounter("val")).toBe(3);
  });

  it("two stores deciding pairs of the same two images in opposite orders both commit", async () => {
    const other = await PgStore.open(db.url);
    try {
      for (let round = 0; round < 4; round++) {
        const status = round % 2 === 0 ? "accepted" : "rejected";
        const reasons = status === "rejected" ? ["other"] : [];
        const [a, b] = await Promise.all([
          store.saveDecisions([decide("val:1000:0", { baseVersion: round, status, reasons }), decide("val:1001:0", { baseVersion: round, status, reasons })]),
          other.saveDecisions([decide("val:1001:1", { baseVersion: round, status, reasons }), decide("val:1000:1", { baseVersion: round, status, reasons })]),
        ]);
        expect([...a!, ...b!].map((r) => r.kind)).toEqual(["saved", "saved", "saved", "saved"]);
      }
      expect((await store.stats("val")).byStatus).toEqual({ pending: 13, accepted: 0, rejected: 4 });
    } finally {
      await other.close();
    }
  });
});

describe("inTransaction", () => {
  it("commits the work, or rolls it back and rethrows, and gives the client back either way", async () => {
    const one = await PgStore.open(db.url, { max: 1 });
    try {
      await expect(
        inTransaction(one.pool, async (client) => {
          await client.query("UPDATE pairs SET reviewer = 'zed' WHERE id = 'val:1000:0'");
          throw new Error("boom");
        }),
      ).rejects.toThrow("boom");
      expect(await inTransaction(one.pool, async (client) => (await client.query("SELECT reviewer FROM pairs WHERE id = 'val:1000:0'")).rows[0])).toEqual({ reviewer: null });
      await inTransaction(one.pool, (client) => client.query("UPDATE pairs SET reviewer = 'zed' WHERE id = 'val:1000:0'"));
      expect((await store.pool.query("SELECT reviewer FROM pairs WHERE id = 'val:1000:0'")).rows).toEqual([{ reviewer: "zed" }]);
    } finally {
      await one.close();
    }
  });
});

describe("split tallies of decisions", () => {
  it("count no reasons or reviewer for a pending decision, and count them once it is decided", async () => {
    await saved(decide("val:1000:0", { baseVersion: 0, status: "pending", reasons: ["other"], reviewer: "ann" }));
    let stats = await store.stats("val");
    expect([stats.byStatus, stats.byReason, stats.byReviewer]).toEqual([{ pending: 17, accepted: 0, rejected: 0 }, {}, {}]);
    await saved(decide("val:1000:0", { baseVersion: 1, status: "rejected", reasons: ["other", "ambiguous"], reviewer: "bo" }));
    stats = await store.stats("val");
    expect([stats.byReason, stats.byReviewer]).toEqual([{ ambiguous: 1, other: 1 }, { bo: 1 }]);
    await saved(decide("val:1000:0", { baseVersion: 2, status: "pending", reviewer: "cy" }));
    stats = await store.stats("val");
    expect([stats.byStatus, stats.byReason, stats.byReviewer]).toEqual([{ pending: 17, accepted: 0, rejected: 0 }, {}, {}]);
    expect(await store.changeCounter("val")).toBe(3);
  });

  it("are recounted by a re-import: a reset pair's reasons and reviewer no longer count, a kept one's still do", async () => {
    await saved(decide("val:1000:0", { baseVersion: 0, status: "rejected", reasons: ["other"], reviewer: "bo" }));
    await saved(decide("val:1001:0", { baseVersion: 0, status: "rejected", reasons: ["ambiguous"], reviewer: "cy" }));
    const records = fixtureRecords(5);
    records[0]!.questions[0] = "Where could someone sit down, now?";
    const { source, images } = await analyseRecords(dir, "val", records);
    const job = await store.beginImport(source);
    for (const image of images) await job.addImage(image);
    expect(await job.commit()).toMatchObject({ keptDecisions: 1, changedPairs: ["val:1000:0"] });
    const stats = await store.stats("val");
    expect([stats.byStatus, stats.byReason, stats.byReviewer]).toEqual([{ pending: 16, accepted: 0, rejected: 1 }, { ambiguous: 1 }, { cy: 1 }]);
  });

  it("keep each split's counts apart when one batch decides pairs of two splits", async () => {
    const { source, images } = await analyseRecords(dir, "train", fixtureRecords(2, 10));
    const job = await store.beginImport(source);
    for (const image of images) await job.addImage(image);
    await job.commit();
    const trainBefore = await store.changeCounter("train");
    const results = await store.saveDecisions([
      decide("val:1000:0", { baseVersion: 0, status: "rejected", reasons: ["other"] }),
      decide("train:1010:0", { baseVersion: 0, status: "rejected", reasons: ["ambiguous"], reviewer: "bo" }),
      decide("train:1011:0", { baseVersion: 0, reviewer: "bo" }, { granularity: "part" }),
    ]);
    expect(results.map((r) => r.kind)).toEqual(["saved", "saved", "saved"]);
    const [val, train, all] = [await store.stats("val"), await store.stats("train"), await store.stats()];
    expect([val.byStatus, val.byReason, val.byReviewer]).toEqual([{ pending: 16, accepted: 0, rejected: 1 }, { other: 1 }, { ann: 1 }]);
    // train: images 1010 (3 pairs) and 1011 (4 pairs).
    expect([train.byStatus, train.byReason, train.byReviewer]).toEqual([{ pending: 5, accepted: 1, rejected: 1 }, { ambiguous: 1 }, { bo: 2 }]);
    expect(train.byGranularity.part).toEqual({ pending: 0, accepted: 1, rejected: 0 });
    expect(val.byGranularity.part).toEqual({ pending: 0, accepted: 0, rejected: 0 });
    expect([all.byReason, all.byReviewer]).toEqual([{ ambiguous: 1, other: 1 }, { ann: 1, bo: 2 }]);
    expect([await store.changeCounter("val"), (await store.changeCounter("train")) - trainBefore]).toEqual([1, 2]);
    // Image 1011 is kept by the accepted-only export once its pair 0 is accepted; 1010 is not.
    expect((await store.insights().exportPreview("train", false)).images).toEqual({ kept: 1, dropped: 1 });
    expect((await store.insights().exportPreview("val", false)).images).toEqual({ kept: 0, dropped: 5 });
  });
});
