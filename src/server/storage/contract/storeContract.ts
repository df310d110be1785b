import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DecisionInput } from "../../../shared/domain";
import type { ImageRecord } from "../../../shared/mmr";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecord, fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import { BusyError, ConflictError, InvalidCursorError, StorageError } from "../errors";
import type { ImportedImage, ReviewStore, SaveDecisionRequest } from "../store";

/*
 * The behaviours every `ReviewStore` implementation owes the app, run against each of them
 * (sqlite/contract.test.ts, pg/contract.test.ts). Insights and predictions have their own
 * contract (insightsContract.ts).
 *
 * Expected values are worked out by hand from the fixture (test-fixtures/splitFiles.ts):
 * fixtureRecords(5) is 5 records, images 1000..1004, file names val2017/00000000100i.jpg, 60 × 40.
 * Every record has 4 annotations (0 chair, 1 chair:leg (a part), 2 laptop_computer as a polygon,
 * 3 mug as uncompressed counts) and the pairs
 *   :0 "Where could someone sit down in picture i?"  targets [0]     object, no flags
 *   :1 "What holds the seat up, and what is it …"   targets [1, 0]  mixed,  no flags
 *   :2 "Which device would help with writing …"     targets [2]     object, mask_form (polygon copy)
 *   :3 (odd records only) "What would you drink coffee from?" targets [3], object,
 *      braces + mask_form (stray "{like this}", uncompressed copy)
 * so 17 pairs: 5 mixed, 12 with one target and 5 with two, 7 flagged (the :2 and :3 pairs),
 * braces on val:1001:3 and val:1003:3, and two records (1001, 1003) with more than three pairs.
 * Dataset order is file order, then question order; the flagged order puts the 7 flagged pairs
 * first (each group in dataset order).
 */

export interface OpenedStore {
  store: ReviewStore;
  /** A second store on the same database, as another server process (or a second open) has it. */
  openOther(): Promise<ReviewStore>;
  /** Closes both stores and removes the database. */
  cleanup(): Promise<void>;
}

const NOW = "2026-01-01T00:00:00.000Z";

/**
 * Flags and granularity of a fixture pair as imported (by question index, see above): what the
 * review service passes for a decision without edits.
 */
function imported(id: string): Pick<SaveDecisionRequest, "flags" | "granularity"> {
  const index = id.split(":").at(-1);
  if (index === "1") return { flags: [], granularity: "mixed" };
  if (index === "2") return { flags: ["mask_form"], granularity: "object" };
  if (index === "3") return { flags: ["braces", "mask_form"], granularity: "object" };
  return { flags: [], granularity: "object" };
}

function request(id: string, input: Partial<DecisionInput> & { baseVersion: number }, extra: Partial<SaveDecisionRequest> = {}): SaveDecisionRequest {
  return { id, input: { status: "accepted", reviewer: "ann", ...input }, ...imported(id), now: NOW, ...extra };
}

const reject = (id: string, baseVersion: number, reviewer = "ann", reasons = ["wrong_target"]) => request(id, { baseVersion, status: "rejected", reasons, reviewer });

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

const image = (imageId: number, ordinal: number): ImportedImage => ({
  ordinal,
  imageId,
  fileName: `${imageId}.jpg`,
  width: 4,
  height: 4,
  raw: JSON.stringify({ image_id: imageId }),
  annotations: [],
  pairs: [],
});

const source = (name: string) => ({ name, sourceFile: `${name}.json`, sourceHash: `hash-${name}`, importedAt: NOW });

/** Ids in dataset order of the fixture's 17 pairs. */
const ALL_IDS = [0, 1, 2, 3, 4].flatMap((i) => Array.from({ length: i % 2 === 1 ? 4 : 3 }, (_, q) => `val:${1000 + i}:${q}`));
const FLAGGED_IDS = ["val:1000:2", "val:1001:2", "val:1001:3", "val:1002:2", "val:1003:2", "val:1003:3", "val:1004:2"];

export function describeStoreContract(name: string, open: () => Promise<OpenedStore>): void {
  describe(`ReviewStore contract: ${name}`, () => {
    let opened: OpenedStore;
    let store: ReviewStore;
    let dir: TempDir;

    beforeEach(async () => {
      opened = await open();
      store = opened.store;
      dir = tempDir();
      await importRecords(store, dir, "val", fixtureRecords(5));
    });

    afterEach(async () => {
      await opened.cleanup();
      dir.remove();
    });

    /** Every id of a listing, page by page (limit `limit`). */
    async function allIds(query: Parameters<ReviewStore["listPairs"]>[0], limit = 4): Promise<string[]> {
      const ids: string[] = [];
      let cursor: string | undefined;
      for (let page = 0; page < 100; page++) {
        const list = await store.listPairs({ ...query, limit, ...(cursor ? { cursor } : {}) });
        ids.push(...list.items.map((p) => p.id));
        if (list.nextCursor === null) return ids;
        cursor = list.nextCursor;
      }
      throw new Error("the listing never ended");
    }

    describe("atomic import", () => {
      it("stores the split as imported", async () => {
        expect(await store.listSplits()).toEqual([
          { name: "val", sourceFile: expect.stringMatching(/val\.json$/), importedAt: expect.any(String), images: 5, pairs: 17, byStatus: { pending: 17, accepted: 0, rejected: 0 } },
        ]);
        expect(await store.getSplit("val")).toMatchObject({ name: "val", sourceHash: expect.stringMatching(/\S/) });
        expect(await store.getSplit("nope")).toBeNull();
        expect(await store.imageFileName("val", 1003)).toBe("val2017/000000001003.jpg");
        expect(await store.imageFileName("val", 999)).toBeNull();
        expect(await store.imageFileName("nope", 1003)).toBeNull();
      });

      it("keeps an open import invisible to another store on the database until commit", async () => {
        const other = await opened.openOther();
        const job = await store.beginImport(source("other"));
        await job.addImage(image(1, 0));
        await job.addImage(image(2, 1));
        expect(await other.getSplit("other")).toBeNull();
        expect((await other.listSplits()).map((s) => s.name)).toEqual(["val"]);
        const result = await job.commit();
        expect(result).toEqual({ split: "other", images: 2, pairs: 0, keptDecisions: 0, changedPairs: [] });
        expect(await other.getSplit("other")).toMatchObject({ name: "other", sourceFile: "other.json", sourceHash: "hash-other" });
        expect((await other.listSplits()).map((s) => [s.name, s.images])).toEqual([["other", 2], ["val", 5]]);
      });

      it("an aborted first import leaves nothing", async () => {
        const job = await store.beginImport(source("other"));
        await job.addImage(image(1, 0));
        await job.abort();
        expect(await store.getSplit("other")).toBeNull();
        expect((await store.listSplits()).map((s) => s.name)).toEqual(["val"]);
        expect(await store.imageFileName("other", 1)).toBeNull();
      });

      it("an aborted re-import leaves the split, its pairs and decisions as they were", async () => {
        await store.saveDecision(reject("val:1002:1", 0));
        const before = await store.changeCounter("val");
        const job = await store.beginImport({ ...source("val"), sourceHash: "different" });
        await job.addImage(image(1, 0));
        await job.abort();
        expect((await store.getSplit("val"))?.sourceHash).not.toBe("different");
        const list = await store.listPairs({ split: "val", limit: 100 });
        expect(list.items.map((p) => p.id)).toEqual(ALL_IDS);
        expect(list.counts).toEqual({ pending: 16, accepted: 0, rejected: 1 });
        expect((await store.getPairContext("val:1002:1"))?.decision).toMatchObject({ status: "rejected", version: 1 });
        expect(await store.changeCounter("val")).toBe(before);
        // and the store takes the next import (one more record: not skipped as unchanged)
        const again = await importRecords(store, dir, "val", fixtureRecords(6));
        expect(again).toMatchObject({ pairs: 21, keptDecisions: 1 });
      });

      it("refuses a second import while one is open (BusyError) and a repeated image id (ConflictError)", async () => {
        const job = await store.beginImport(source("other"));
        await expect(store.beginImport(source("third"))).rejects.toBeInstanceOf(BusyError);
        await job.addImage(image(1, 0));
        await expect(job.addImage(image(1, 1))).rejects.toBeInstanceOf(ConflictError);
        await job.abort();
        expect(await store.getSplit("other")).toBeNull();
        expect(await store.getSplit("third")).toBeNull();
        // once it has ended, imports are taken again
        const next = await store.beginImport(source("third"));
        await next.addImage(image(1, 0));
        expect((await next.commit()).images).toBe(1);
      });

      it("refuses decisions while an import holds the store (BusyError), and takes them after", async () => {
        const job = await store.beginImport(source("other"));
        await expect(store.saveDecision(request("val:1000:0", { baseVersion: 0 }))).rejects.toBeInstanceOf(BusyError);
        await expect(store.saveDecisions([request("val:1000:0", { baseVersion: 0 })])).rejects.toBeInstanceOf(BusyError);
        await job.abort();
        expect(await store.history("val:1000:0")).toEqual([]);
        expect((await store.saveDecision(request("val:1000:0", { baseVersion: 0 }))).kind).toBe("saved");
      });
    });

    describe("re-import", () => {
      it("keeps the decisions of unchanged pairs", async () => {
        await store.saveDecision(request("val:1000:0", { baseVersion: 0 }));
        await store.saveDecision(reject("val:1001:3", 0));
        const again = await importRecords(store, dir, "val", [...fixtureRecords(5), ...fixtureRecords(1, 5)]);
        expect(again).toMatchObject({ images: 6, pairs: 21, keptDecisions: 2, changedPairs: [] });
        expect((await store.getPairContext("val:1000:0"))?.decision).toMatchObject({ status: "accepted", version: 1 });
        expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 19, accepted: 1, rejected: 1 });
        expect(await store.history("val:1000:0")).toHaveLength(1);
      });

      it("resets a decided pair whose content changed or that disappeared, with a history entry each", async () => {
        await store.saveDecision(request("val:1000:0", { baseVersion: 0 }));
        await store.saveDecision(reject("val:1004:1", 0));
        await store.saveDecision(request("val:1002:2", { baseVersion: 0 }));
        const changed: ImageRecord = { ...fixtureRecord(0), questions: ["Where could someone rest in picture 0?", ...fixtureRecord(0).questions.slice(1)] };
        // record 1004 is gone; 1000:0 asks another question; 1002:2 is as it was
        const result = await importRecords(store, dir, "val", [changed, ...fixtureRecords(3, 1)]);
        expect(result).toMatchObject({ images: 4, pairs: 14, keptDecisions: 1 });
        expect([...result.changedPairs].sort()).toEqual(["val:1000:0", "val:1004:1"]);
        const reset = (await store.getPairContext("val:1000:0"))?.decision;
        expect(reset).toMatchObject({ status: "pending", version: 2, edits: null });
        const history = (await store.history("val:1000:0"))!;
        expect(history.map((h) => [h.version, h.after.status])).toEqual([[1, "accepted"], [2, "pending"]]);
        expect(history[1]!.before).toMatchObject({ status: "accepted", version: 1 });
        expect(await store.getPair("val:1004:1", {})).toBeNull();
        expect((await store.getPairContext("val:1002:2"))?.decision).toMatchObject({ status: "accepted", version: 1 });
        expect((await store.getPair("val:1000:0", {}))?.question).toBe("Where could someone rest in picture 0?");
        expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 13, accepted: 1, rejected: 0 });
        // a reset pair is decided again from its new version
        expect((await store.saveDecision(request("val:1000:0", { baseVersion: 1 }))).kind).toBe("conflict");
        expect((await store.saveDecision(request("val:1000:0", { baseVersion: 2 }))).kind).toBe("saved");
      });
    });

    describe("queue: filters, order, cursors and counts", () => {
      it("lists every pair in dataset order, page by page, each once", async () => {
        const first = await store.listPairs({ split: "val", limit: 10 });
        expect(first.total).toBe(17);
        expect(first.counts).toEqual({ pending: 17, accepted: 0, rejected: 0 });
        expect(first.items.map((p) => p.id)).toEqual(ALL_IDS.slice(0, 10));
        const rest = await store.listPairs({ split: "val", limit: 10, cursor: first.nextCursor! });
        expect(rest.items.map((p) => p.id)).toEqual(ALL_IDS.slice(10));
        expect(rest.nextCursor).toBeNull();
        expect(await allIds({ split: "val" }, 3)).toEqual(ALL_IDS);
        expect(await allIds({}, 5)).toEqual(ALL_IDS);
        expect((await store.listPairs({ split: "val", limit: 17 })).nextCursor).toBeNull();
      });

      it("summarises each pair as imported", async () => {
        const [pair] = (await store.listPairs({ split: "val", limit: 100 })).items.filter((p) => p.id === "val:1001:3");
        expect(pair).toMatchObject({
          id: "val:1001:3",
          split: "val",
          imageId: 1001,
          index: 3,
          question: "What would you drink coffee from?",
          targetCount: 1,
          granularity: "object",
          status: "pending",
          flags: ["braces", "mask_form"],
          reviewer: null,
        });
      });

      it("filters by status, granularity, targets, flag, category and text", async () => {
        expect(await allIds({ split: "val", granularity: "mixed" })).toEqual(["val:1000:1", "val:1001:1", "val:1002:1", "val:1003:1", "val:1004:1"]);
        expect(await allIds({ split: "val", minTargets: 2 })).toEqual(["val:1000:1", "val:1001:1", "val:1002:1", "val:1003:1", "val:1004:1"]);
        expect((await store.listPairs({ split: "val", maxTargets: 1 })).total).toBe(12);
        expect(await allIds({ split: "val", flag: "braces" })).toEqual(["val:1001:3", "val:1003:3"]);
        expect((await store.listPairs({ split: "val", flag: "mask_form" })).total).toBe(7);
        expect(await allIds({ split: "val", category: "laptop_computer" })).toEqual(["val:1000:2", "val:1001:2", "val:1002:2", "val:1003:2", "val:1004:2"]);
        // chair is a target of :0 and :1 (the leg's pair names the chair too); chair:leg of :1 only
        expect((await store.listPairs({ split: "val", category: "chair" })).total).toBe(10);
        expect(await allIds({ split: "val", category: "chair:leg" })).toEqual(["val:1000:1", "val:1001:1", "val:1002:1", "val:1003:1", "val:1004:1"]);
        // every word must appear; the last one may be a prefix
        expect(await allIds({ split: "val", q: "drink coffee" })).toEqual(["val:1001:3", "val:1003:3"]);
        expect(await allIds({ split: "val", q: "picture 3" })).toEqual(["val:1003:0"]);
        expect(await allIds({ split: "val", q: "lapto" })).toEqual([]);
        expect(await allIds({ split: "val", q: "quiet" })).toEqual(["val:1000:2", "val:1001:2", "val:1002:2", "val:1003:2", "val:1004:2"]);
        expect((await store.listPairs({ split: "val", q: "zebra" })).total).toBe(0);
        // what a user types is never query syntax
        expect((await store.listPairs({ split: "val", q: `"') OR 1=1 --` })).total).toBe(0);
        expect((await store.listPairs({ split: "val", q: "*** ()" })).total).toBe(17);
        expect((await store.listPairs({ split: "nope" })).total).toBe(0);
        expect(await allIds({ split: "val", granularity: "mixed", q: "seat", minTargets: 2 }, 2)).toEqual([
          "val:1000:1", "val:1001:1", "val:1002:1", "val:1003:1", "val:1004:1",
        ]);
      });

      it("filters by status, reviewer and reason of the current decisions, with counts per status", async () => {
        await store.saveDecision(reject("val:1001:0", 0, "bob", ["wrong_target", "language"]));
        await store.saveDecision(request("val:1003:1", { baseVersion: 0, reviewer: "bob" }));
        await store.saveDecision(request("val:1000:2", { baseVersion: 0, reviewer: "cy" }));
        await store.saveDecision(reject("val:1004:0", 0, "cy", ["language"]));
        const rejected = await store.listPairs({ split: "val", status: "rejected" });
        expect(rejected.items.map((p) => p.id)).toEqual(["val:1001:0", "val:1004:0"]);
        expect(rejected.total).toBe(2);
        expect(rejected.counts).toEqual({ pending: 13, accepted: 2, rejected: 2 });
        expect(rejected.items[0]).toMatchObject({ status: "rejected", reviewer: "bob", version: 1 });
        expect((await store.listPairs({ split: "val", status: "pending" })).total).toBe(13);
        expect(await allIds({ split: "val", reviewer: "bob" })).toEqual(["val:1001:0", "val:1003:1"]);
        const bob = await store.listPairs({ split: "val", reviewer: "bob", status: "accepted" });
        expect(bob.items.map((p) => p.id)).toEqual(["val:1003:1"]);
        expect(bob.counts).toEqual({ pending: 0, accepted: 1, rejected: 1 });
        expect(await allIds({ split: "val", reason: "language" })).toEqual(["val:1001:0", "val:1004:0"]);
        expect(await allIds({ split: "val", reason: "wrong_target" })).toEqual(["val:1001:0"]);
        const mixed = await store.listPairs({ split: "val", granularity: "mixed", status: "accepted" });
        expect(mixed.items.map((p) => p.id)).toEqual(["val:1003:1"]);
        expect(mixed.counts).toEqual({ pending: 4, accepted: 1, rejected: 0 });
        // a decision set back to pending leaves the reason filter
        await store.saveDecision(request("val:1004:0", { baseVersion: 1, status: "pending", reviewer: "cy" }));
        expect(await allIds({ split: "val", reason: "language" })).toEqual(["val:1001:0"]);
      });

      it("filters by the history: decided by, decided in an hour, reviewers who disagree", async () => {
        const late = { now: "2026-01-02T05:10:00.000Z" };
        await store.saveDecision(request("val:1000:0", { baseVersion: 0, reviewer: "ann" }));
        await store.saveDecision(reject("val:1000:0", 1, "bob"));
        await store.saveDecision(request("val:1002:2", { baseVersion: 0, reviewer: "bob" }, late));
        await store.saveDecision(request("val:1002:2", { baseVersion: 1, reviewer: "ann" }, late));
        await store.saveDecision(request("val:1004:1", { baseVersion: 0, reviewer: "ann", status: "pending" }, late));
        await store.saveDecision(reject("val:1003:0", 0, "cy"));
        // bob decided 1000:0 (the last word) and 1002:2 (overwritten by ann since)
        expect(await allIds({ split: "val", decidedBy: "bob" })).toEqual(["val:1000:0", "val:1002:2"]);
        // a pending decision is not "decided"
        expect(await allIds({ split: "val", decidedBy: "ann" })).toEqual(["val:1000:0", "val:1002:2"]);
        expect(await allIds({ split: "val", decidedHour: "2026-01-02T05" })).toEqual(["val:1002:2"]);
        expect(await allIds({ split: "val", decidedBy: "cy", decidedHour: "2026-01-01T00" })).toEqual(["val:1003:0"]);
        // ann accepted and bob rejected 1000:0; on 1002:2 both accepted
        expect(await allIds({ split: "val", disagree: "ann" })).toEqual(["val:1000:0"]);
        expect(await allIds({ split: "val", disagree: "bob", disagreeWith: "ann" })).toEqual(["val:1000:0"]);
        expect(await allIds({ split: "val", disagree: "ann", disagreeWith: "cy" })).toEqual([]);
        const near = await store.getPair("val:1001:0", { split: "val", decidedBy: "bob" });
        expect([near?.prev, near?.next]).toEqual(["val:1000:0", "val:1002:2"]);
        expect((await store.listPairs({ split: "val", decidedBy: "ann" })).counts).toEqual({ pending: 0, accepted: 1, rejected: 1 });
      });

      it("orders flagged pairs first, with cursors in that order", async () => {
        const ids = await allIds({ split: "val", sort: "flagged" }, 3);
        expect(ids).toEqual([...FLAGGED_IDS, ...ALL_IDS.filter((id) => !FLAGGED_IDS.includes(id))]);
        expect(await allIds({ sort: "flagged" }, 4)).toEqual(ids);
        expect(await allIds({ split: "val", sort: "flagged", granularity: "object" }, 2)).toEqual(ids.filter((id) => !id.endsWith(":1")));
      });

      it("keeps pages stable when decisions change between them", async () => {
        const first = await store.listPairs({ split: "val", status: "pending", limit: 5 });
        expect(first.items.map((p) => p.id)).toEqual(ALL_IDS.slice(0, 5));
        // decided meanwhile: one pair already shown, one not yet shown
        await store.saveDecision(request("val:1000:1", { baseVersion: 0 }));
        await store.saveDecision(request("val:1002:0", { baseVersion: 0 }));
        const second = await store.listPairs({ split: "val", status: "pending", limit: 5, cursor: first.nextCursor! });
        expect(second.items.map((p) => p.id)).toEqual(["val:1001:2", "val:1001:3", "val:1002:1", "val:1002:2", "val:1003:0"]);
        expect(second.total).toBe(15);
      });

      it("refuses a cursor it did not issue (InvalidCursorError)", async () => {
        await expect(store.listPairs({ cursor: "garbage" })).rejects.toBeInstanceOf(InvalidCursorError);
        await expect(store.listPairs({ split: "val", cursor: Buffer.from('["x",1]').toString("base64url") })).rejects.toBeInstanceOf(InvalidCursorError);
        const dataset = (await store.listPairs({ split: "val", limit: 2 })).nextCursor!;
        await expect(store.listPairs({ split: "val", sort: "flagged", cursor: dataset })).rejects.toBeInstanceOf(InvalidCursorError);
        const flagged = (await store.listPairs({ split: "val", sort: "flagged", limit: 2 })).nextCursor!;
        await expect(store.listPairs({ split: "val", cursor: flagged })).rejects.toBeInstanceOf(InvalidCursorError);
      });
    });

    describe("decisions", () => {
      it("saves a decision, updates the queue, and keeps history oldest first", async () => {
        const saved = await store.saveDecision(reject("val:1000:1", 0, "bob"));
        expect(saved).toEqual({
          kind: "saved",
          replayed: false,
          decision: { status: "rejected", reasons: ["wrong_target"], note: "", edits: null, reviewer: "bob", updatedAt: NOW, version: 1 },
        });
        await store.saveDecision(request("val:1000:1", { baseVersion: 1, reviewer: "cy", note: "looked again" }, { now: "2026-01-02T00:00:00.000Z" }));
        const history = (await store.history("val:1000:1"))!;
        expect(history.map((h) => [h.version, h.reviewer, h.at, h.before?.status ?? null, h.after.status])).toEqual([
          [1, "bob", NOW, null, "rejected"],
          [2, "cy", "2026-01-02T00:00:00.000Z", "rejected", "accepted"],
        ]);
        expect(history[1]!.after).toMatchObject({ note: "looked again", reasons: [] });
        expect(await store.history("val:1000:2")).toEqual([]);
        expect(await store.history("val:nope:0")).toBeNull();
        const [summary] = (await store.listPairs({ split: "val", limit: 2 })).items.slice(1);
        expect(summary).toMatchObject({ id: "val:1000:1", status: "accepted", reviewer: "cy", version: 2 });
      });

      it("compare-and-set: a stale write is a conflict carrying the winner, and writes nothing", async () => {
        const won = await store.saveDecision(request("val:1000:1", { baseVersion: 0, reviewer: "bob" }));
        expect(won.kind).toBe("saved");
        const counter = await store.changeCounter("val");
        const lost = await store.saveDecision(reject("val:1000:1", 0));
        expect(lost).toEqual({ kind: "conflict", current: { status: "accepted", reasons: [], note: "", edits: null, reviewer: "bob", updatedAt: NOW, version: 1 } });
        // a base version from the future, and one for a pair never decided, lose too
        expect(await store.saveDecision(request("val:1000:1", { baseVersion: 5 }))).toMatchObject({ kind: "conflict", current: { version: 1 } });
        expect(await store.saveDecision(request("val:1000:0", { baseVersion: 1 }))).toEqual({ kind: "conflict", current: null });
        expect(await store.changeCounter("val")).toBe(counter);
        expect(await store.history("val:1000:1")).toHaveLength(1);
        expect(await store.saveDecision(request("val:nope:0", { baseVersion: 0 }))).toEqual({ kind: "not_found" });
        expect(await store.saveDecision(request("nope:1000:0", { baseVersion: 0 }))).toEqual({ kind: "not_found" });
      });

      it("lets exactly one of two stores on one database win a race on one pair", async () => {
        const other = await opened.openOther();
        const results = await Promise.all([store.saveDecision(request("val:1002:0", { baseVersion: 0, reviewer: "ann" })), other.saveDecision(reject("val:1002:0", 0, "bob"))]);
        const kinds = results.map((r) => r.kind).sort();
        expect(kinds).toEqual(["conflict", "saved"]);
        const winner = results.find((r) => r.kind === "saved");
        const loser = results.find((r) => r.kind === "conflict");
        expect(loser?.kind === "conflict" && loser.current).toEqual(winner?.kind === "saved" && winner.decision);
        expect(await store.history("val:1002:0")).toHaveLength(1);
        expect((await other.getPairContext("val:1002:0"))?.decision).toEqual(winner?.kind === "saved" && winner.decision);
      });

      it("keeps edits: the queue and the pair show the edited question, the original stays", async () => {
        const edits = { question: "Where can one sit?", textAnswer: "On {seg} or {seg}.", targets: [0, 1] };
        const saved = await store.saveDecision(request("val:1002:0", { baseVersion: 0, edits }, { flags: [], granularity: "mixed" }));
        expect(saved.kind === "saved" && saved.decision.edits).toEqual(edits);
        const pair = (await store.getPair("val:1002:0", {}))!;
        expect(pair).toMatchObject({
          question: "Where can one sit?",
          textAnswer: "On {seg} or {seg}.",
          targets: [0, 1],
          granularity: "mixed",
          original: { question: "Where could someone sit down in picture 2?", textAnswer: "You could sit on {seg}.", targets: [0] },
          // stored as imported: the review service rebuilds it for an edited pair
          rawAnswer: "You could sit on [2, 3, 22, 33].",
        });
        const [summary] = (await store.listPairs({ split: "val", q: "where can one" })).items;
        expect(summary).toMatchObject({ id: "val:1002:0", question: "Where can one sit?", targetCount: 2, granularity: "mixed" });
        expect((await store.listPairs({ split: "val", q: "someone" })).total).toBe(4);
        expect((await store.listPairs({ split: "val", granularity: "mixed" })).total).toBe(6);
        expect(await allIds({ split: "val", category: "chair:leg" })).toContain("val:1002:0");
      });

      it("replays an idempotent retry and refuses the key for another decision", async () => {
        const first = await store.saveDecision(request("val:1000:2", { baseVersion: 0 }, { idempotencyKey: "k1" }));
        const retry = await store.saveDecision(request("val:1000:2", { baseVersion: 0 }, { idempotencyKey: "k1", now: "2026-01-05T00:00:00.000Z" }));
        expect(first).toMatchObject({ kind: "saved", replayed: false });
        expect(retry).toEqual({ kind: "saved", replayed: true, decision: first.kind === "saved" ? first.decision : null });
        expect((await store.saveDecision(reject("val:1000:2", 1))).kind).toBe("saved");
        expect(await store.saveDecision({ ...reject("val:1000:2", 2), idempotencyKey: "k1" })).toEqual({ kind: "key_reused" });
        // a retry of the first write after a later one still answers the first result
        expect(await store.saveDecision(request("val:1000:2", { baseVersion: 0 }, { idempotencyKey: "k1" }))).toMatchObject({ kind: "saved", replayed: true, decision: { version: 1 } });
        expect(await store.history("val:1000:2")).toHaveLength(2);
        expect((await store.getPairContext("val:1000:2"))?.decision?.version).toBe(2);
      });

      it("group commit saves each decision as saveDecision would, in order", async () => {
        const results = await store.saveDecisions([
          request("val:1002:0", { baseVersion: 0 }),
          request("val:1002:0", { baseVersion: 0 }),
          request("val:nope:0", { baseVersion: 0 }),
          reject("val:1002:0", 1, "bob"),
          request("val:1002:1", { baseVersion: 0 }, { idempotencyKey: "g" }),
          request("val:1002:1", { baseVersion: 0 }, { idempotencyKey: "g" }),
        ]);
        expect(results.map((r) => r.kind)).toEqual(["saved", "conflict", "not_found", "saved", "saved", "saved"]);
        expect(results[1]).toMatchObject({ kind: "conflict", current: { version: 1, status: "accepted" } });
        expect(results[5]).toMatchObject({ replayed: true });
        expect((await store.getPairContext("val:1002:0"))?.decision).toMatchObject({ version: 2, status: "rejected", reviewer: "bob" });
        expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 15, accepted: 1, rejected: 1 });
      });

      it("group commit: a failing decision rolls back alone", async () => {
        const broken = request("val:1001:1", { baseVersion: 0 }, { now: undefined as unknown as string });
        const results = await store.saveDecisions([request("val:1001:0", { baseVersion: 0 }), broken, reject("val:1001:2", 0)]);
        expect(results.map((r) => r.kind)).toEqual(["saved", "failed", "saved"]);
        const failed = results[1]!;
        expect(failed.kind === "failed" && failed.error).toBeInstanceOf(StorageError);
        expect((await store.getPairContext("val:1001:1"))?.decision).toBeNull();
        expect(await store.history("val:1001:1")).toEqual([]);
        expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 15, accepted: 1, rejected: 1 });
        expect((await store.listPairs({ split: "val", status: "pending", granularity: "mixed" })).total).toBe(5);
        expect((await store.saveDecision(request("val:1001:1", { baseVersion: 0 }))).kind).toBe("saved");
      });

      it("group commit of one failing decision fails it and changes nothing", async () => {
        const broken = request("val:1001:1", { baseVersion: 0 }, { now: undefined as unknown as string });
        const results = await store.saveDecisions([broken]);
        expect(results.map((r) => r.kind)).toEqual(["failed"]);
        expect((await store.getPairContext("val:1001:1"))?.decision).toBeNull();
        expect(await store.history("val:1001:1")).toEqual([]);
        expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 17, accepted: 0, rejected: 0 });
        expect((await store.saveDecisions([request("val:1001:1", { baseVersion: 0 })])).map((r) => r.kind)).toEqual(["saved"]);
        expect((await store.listPairs({ split: "val" })).counts).toEqual({ pending: 16, accepted: 1, rejected: 0 });
      });

      it("group commit of more than 256 writes", async () => {
        // 18 rounds over the 17 pairs: 306 writes, each on the version the previous round made
        const requests = Array.from({ length: 18 }, (_, v) => ALL_IDS.map((id) => (v % 2 === 0 ? request(id, { baseVersion: v }) : reject(id, v, "bob")))).flat();
        expect(requests.length).toBeGreaterThan(256);
        const results = await store.saveDecisions(requests);
        expect(results.filter((r) => r.kind === "saved")).toHaveLength(306);
        expect((await store.getPairContext("val:1004:2"))?.decision).toMatchObject({ version: 18, status: "rejected", reviewer: "bob" });
        expect(await store.history("val:1000:0")).toHaveLength(18);
        const stats = await store.stats("val");
        expect(stats.byStatus).toEqual({ pending: 0, accepted: 0, rejected: 17 });
        expect(stats.byReason).toEqual({ wrong_target: 17 });
      });
    });

    describe("stats, change counters", () => {
      it("counts every status, granularity, flag, reason, reviewer and target count", async () => {
        await store.saveDecision(reject("val:1001:3", 0, "bob", ["wrong_target", "language"]));
        await store.saveDecision(reject("val:1003:1", 0, "bob", ["language"]));
        await store.saveDecision(request("val:1000:0", { baseVersion: 0, reviewer: "cy" }));
        await store.saveDecision(request("val:1000:2", { baseVersion: 0, reviewer: "cy", status: "pending" }));
        const stats = await store.stats("val");
        expect(stats.total).toBe(17);
        expect(stats.byStatus).toEqual({ pending: 14, accepted: 1, rejected: 2 });
        expect(stats.byGranularity).toMatchObject({ object: { pending: 10, accepted: 1, rejected: 1 }, mixed: { pending: 4, accepted: 0, rejected: 1 } });
        expect(stats.byFlag.braces).toEqual({ pending: 1, accepted: 0, rejected: 1 });
        expect(stats.byFlag.mask_form).toEqual({ pending: 6, accepted: 0, rejected: 1 });
        expect(stats.byFlag.duplicate).toEqual({ pending: 0, accepted: 0, rejected: 0 });
        expect(stats.byReason).toEqual({ language: 2, wrong_target: 1 });
        // pending decisions are not counted as decided
        expect(stats.byReviewer).toEqual({ bob: 2, cy: 1 });
        expect(stats.targetHistogram).toEqual({ "1": 12, "2": 5 });
        expect(stats.splits.map((s) => s.name)).toEqual(["val"]);
      });

      it("counts over every split, or one", async () => {
        await importRecords(store, dir, "zoo", fixtureRecords(2, 10));
        await store.saveDecision(request("zoo:1010:0", { baseVersion: 0 }));
        const all = await store.stats();
        expect(all.total).toBe(17 + 7);
        expect(all.byStatus).toEqual({ pending: 23, accepted: 1, rejected: 0 });
        expect(all.splits.map((s) => [s.name, s.pairs, s.images])).toEqual([["val", 17, 5], ["zoo", 7, 2]]);
        expect((await store.stats("zoo")).byStatus).toEqual({ pending: 6, accepted: 1, rejected: 0 });
        expect((await store.stats("val")).byStatus).toEqual({ pending: 17, accepted: 0, rejected: 0 });
        expect((await store.stats("nope")).total).toBe(0);
      });

      it("increases the change counter on every saved decision and import, not on a conflict", async () => {
        const imported = await store.changeCounter("val");
        await store.saveDecision(request("val:1003:0", { baseVersion: 0 }));
        const once = await store.changeCounter("val");
        expect(once).toBeGreaterThan(imported);
        await store.saveDecision(request("val:1003:0", { baseVersion: 0 }));
        expect(await store.changeCounter("val")).toBe(once);
        await store.saveDecisions([reject("val:1003:0", 1), request("val:1003:1", { baseVersion: 0 })]);
        const twice = await store.changeCounter("val");
        expect(twice).toBeGreaterThan(once);
        await importRecords(store, dir, "val", fixtureRecords(6));
        expect(await store.changeCounter("val")).toBeGreaterThan(twice);
        expect(await store.changeCounter("no-such-split")).toBe(0);
      });
    });

    describe("streamed export and decision log", () => {
      it("streams every record as imported, in file order, with its decisions", async () => {
        await store.saveDecision(request("val:1004:0", { baseVersion: 0 }));
        await store.saveDecision(reject("val:1001:3", 0));
        await store.saveDecision(request("val:1000:1", { baseVersion: 0, status: "pending" }));
        const records = await collect(store.exportRecords("val"));
        expect(records.map((r) => r.raw)).toEqual(fixtureRecords(5).map((r) => JSON.stringify(r)));
        expect(records.map((r) => [...r.decisions.keys()].sort())).toEqual([[1], [3], [], [], [0]]);
        expect(records[1]!.decisions.get(3)).toMatchObject({ status: "rejected", version: 1 });
        if (records[1]!.pairFlags) expect(records[1]!.pairFlags.get(3)).toEqual(["braces", "mask_form"]);
        expect(await collect(store.exportRecords("nope"))).toEqual([]);
      });

      it("streams from one snapshot: a decision saved mid-stream does not show", async () => {
        await importRecords(store, dir, "big", fixtureRecords(300));
        await store.saveDecision(request("big:1000:0", { baseVersion: 0 }));
        const seen: number[] = [];
        let decidedLast = -1;
        for await (const record of store.exportRecords("big")) {
          if (seen.length === 0) {
            // the last record, and a pair of the first one (already read), change meanwhile
            expect((await store.saveDecision(request("big:1299:0", { baseVersion: 0 }))).kind).toBe("saved");
            expect((await store.saveDecision(request("big:1000:1", { baseVersion: 0 }))).kind).toBe("saved");
          }
          seen.push(record.decisions.size);
          if (record.decisions.size > 0) decidedLast = seen.length - 1;
        }
        expect(seen).toHaveLength(300);
        expect(seen[0]).toBe(1);
        expect(decidedLast).toBe(0);
        // the next export shows them
        const after = await collect(store.exportRecords("big"));
        expect(after[299]!.decisions.size).toBe(1);
        expect(after[0]!.decisions.size).toBe(2);
      });

      it("streams the decision log: decided pairs in dataset order, from one snapshot", async () => {
        await store.saveDecision(reject("val:1003:3", 0));
        await store.saveDecision(request("val:1000:2", { baseVersion: 0 }));
        await store.saveDecision(request("val:1001:0", { baseVersion: 0, status: "pending" }));
        await store.saveDecision(request("val:1002:1", { baseVersion: 0, reviewer: "bob" }));
        const ids: string[] = [];
        for await (const entry of store.decisionLog("val")) {
          if (ids.length === 0) await store.saveDecision(request("val:1004:2", { baseVersion: 0 }));
          ids.push(entry.id);
          if (entry.id === "val:1002:1") expect(entry.decision).toMatchObject({ reviewer: "bob", status: "accepted", version: 1 });
        }
        expect(ids).toEqual(["val:1000:2", "val:1002:1", "val:1003:3"]);
        expect((await collect(store.decisionLog("val"))).map((e) => e.id)).toEqual(["val:1000:2", "val:1002:1", "val:1003:3", "val:1004:2"]);
        expect(await collect(store.decisionLog("nope"))).toEqual([]);
      });

      it("a stream stopped half-way leaves the store working", async () => {
        for await (const record of store.exportRecords("val")) {
          expect(record.raw.length).toBeGreaterThan(0);
          break;
        }
        expect((await store.saveDecision(request("val:1000:0", { baseVersion: 0 }))).kind).toBe("saved");
        expect(await collect(store.exportRecords("val"))).toHaveLength(5);
      });
    });

    describe("pair detail", () => {
      it("returns the pair with its image, annotations, decision and history, without domain rules", async () => {
        await store.saveDecision(request("val:1001:1", { baseVersion: 0, reviewer: "bob" }));
        const pair = (await store.getPair("val:1001:1", {}))!;
        const record = fixtureRecord(1);
        expect(pair).toMatchObject({
          id: "val:1001:1",
          split: "val",
          imageId: 1001,
          index: 1,
          image: { fileName: "val2017/000000001001.jpg", width: 60, height: 40, pairIds: ["val:1001:0", "val:1001:1", "val:1001:2", "val:1001:3"] },
          question: "What holds the seat up, and what is it part of?",
          textAnswer: "{seg} holds up {seg}.",
          rawAnswer: "[4, 20, 9, 32] holds up [2, 3, 22, 33].",
          original: { question: "What holds the seat up, and what is it part of?", textAnswer: "{seg} holds up {seg}.", targets: [1, 0] },
          targets: [1, 0],
          granularity: "mixed",
          flags: [],
          decision: { status: "accepted", reviewer: "bob", version: 1 },
          prev: "val:1001:0",
          next: "val:1001:2",
          duplicateOf: null,
        });
        expect(pair.image).not.toHaveProperty("url");
        expect(pair.history.map((h) => [h.version, h.reviewer])).toEqual([[1, "bob"]]);
        expect(pair.annotations.map((a) => [a.index, a.annId, a.categoryName, a.kind, a.parent])).toEqual([
          [0, 10011, "chair", "object", null],
          [1, 10012, "chair:leg", "part", 0],
          [2, 10013, "laptop_computer", "object", null],
          [3, 10014, "mug", "object", null],
        ]);
        expect(pair.annotations[0]).toMatchObject({ bbox: [2, 3, 20, 30], area: 600, rle: { size: [40, 60], counts: (record.annotations[0]!.segmentation as { counts: string }).counts } });
        for (const a of pair.annotations) expect(a.rle.size).toEqual([40, 60]);
        // no copy facts for a pair without copy flags
        expect(pair).not.toHaveProperty("copyForms");
        expect(pair.annotations[0]).not.toHaveProperty("form");
        expect(await store.getPair("val:nope:0", {})).toBeNull();
        expect(await store.getPair("", {})).toBeNull();
      });

      it("gives the copies' forms for pairs flagged for their masks", async () => {
        const laptop = (await store.getPair("val:1000:2", {}))!;
        expect(laptop.flags).toEqual(["mask_form"]);
        expect(laptop.copyForms).toEqual(["polygon"]);
        expect(laptop.annotations.map((a) => a.form)).toEqual(["compressed", "compressed", "polygon", "uncompressed"]);
        const mug = (await store.getPair("val:1001:3", {}))!;
        expect(mug.copyForms).toEqual(["uncompressed"]);
        expect(mug.flags).toEqual(["braces", "mask_form"]);
      });

      it("names the earlier pair a duplicate question repeats", async () => {
        const record = fixtureRecord(7);
        const repeated: ImageRecord = { ...record, questions: [record.questions[0]!, record.questions[1]!, `  ${record.questions[0]!.toUpperCase()}`, record.questions[3]!] };
        await importRecords(store, dir, "dup", [repeated]);
        const pair = (await store.getPair("dup:1007:2", {}))!;
        expect(pair.flags).toContain("duplicate");
        expect(pair.duplicateOf).toBe("dup:1007:0");
        expect((await store.getPair("dup:1007:0", {}))!.duplicateOf).toBeNull();
      });

      it("has neighbours in dataset order that follow the filter", async () => {
        const near = async (id: string, filter: Parameters<ReviewStore["getPair"]>[1]) => {
          const pair = await store.getPair(id, filter);
          return [pair?.prev ?? null, pair?.next ?? null];
        };
        expect(await near("val:1000:0", {})).toEqual([null, "val:1000:1"]);
        expect(await near("val:1001:3", { split: "val" })).toEqual(["val:1001:2", "val:1002:0"]);
        expect(await near("val:1004:2", { split: "val" })).toEqual(["val:1004:1", null]);
        expect(await near("val:1002:1", { split: "val", granularity: "mixed" })).toEqual(["val:1001:1", "val:1003:1"]);
        expect(await near("val:1001:3", { split: "val", flag: "braces" })).toEqual([null, "val:1003:3"]);
        // a pair outside the filter still has the filter's neighbours around its place
        expect(await near("val:1002:0", { split: "val", flag: "braces" })).toEqual(["val:1001:3", "val:1003:3"]);
        expect(await near("val:1000:2", { split: "val", category: "laptop_computer" })).toEqual([null, "val:1001:2"]);
        expect(await near("val:1003:0", { split: "val", q: "drink" })).toEqual(["val:1001:3", "val:1003:3"]);
        await store.saveDecision(reject("val:1000:0", 0));
        await store.saveDecision(reject("val:1004:1", 0, "bob"));
        expect(await near("val:1002:2", { split: "val", status: "rejected" })).toEqual(["val:1000:0", "val:1004:1"]);
        expect(await near("val:1000:0", { split: "val", status: "pending" })).toEqual([null, "val:1000:1"]);
        expect(await near("val:1000:0", { split: "val", reviewer: "bob" })).toEqual([null, "val:1004:1"]);
        expect(await near("val:1004:1", { split: "val", reason: "wrong_target" })).toEqual(["val:1000:0", null]);
      });

      it("has neighbours in flagged order and across splits", async () => {
        const near = async (id: string, filter: Parameters<ReviewStore["getPair"]>[1]) => {
          const pair = await store.getPair(id, filter);
          return [pair?.prev ?? null, pair?.next ?? null];
        };
        expect(await near("val:1000:2", { split: "val", sort: "flagged" })).toEqual([null, "val:1001:2"]);
        expect(await near("val:1004:2", { split: "val", sort: "flagged" })).toEqual(["val:1003:3", "val:1000:0"]);
        expect(await near("val:1000:0", { split: "val", sort: "flagged" })).toEqual(["val:1004:2", "val:1000:1"]);
        expect(await near("val:1004:1", { split: "val", sort: "flagged" })).toEqual(["val:1004:0", null]);
        await importRecords(store, dir, "zoo", fixtureRecords(2, 10));
        expect(await near("val:1004:2", {})).toEqual(["val:1004:1", "zoo:1010:0"]);
        expect(await near("zoo:1010:0", {})).toEqual(["val:1004:2", "zoo:1010:1"]);
        expect(await near("zoo:1010:0", { split: "zoo" })).toEqual([null, "zoo:1010:1"]);
        // flagged first over both splits: val's flagged, zoo's flagged, then the rest
        expect(await near("val:1004:2", { sort: "flagged" })).toEqual(["val:1003:3", "zoo:1010:2"]);
        expect(await near("zoo:1011:3", { sort: "flagged" })).toEqual(["zoo:1011:2", "val:1000:0"]);
        expect(await near("val:1004:1", { sort: "flagged" })).toEqual(["val:1004:0", "zoo:1010:0"]);
      });

      it("has neighbours in the order of a model's disagreement (lowest IoU first)", async () => {
        const job = await store.predictions().beginImport("val", "m1", "m1.jsonl", NOW);
        // the masks' text is the store's to keep, not to read
        for (const [pairId, iou] of [["val:1000:0", 0.9], ["val:1001:0", 0.2], ["val:1002:0", 0.5], ["val:1003:1", 0.5]] as const) {
          await job.add({ pairId, height: 40, width: 60, masks: ["0"], scores: null, targetIous: [iou], iou });
        }
        await job.commit();
        const filter = { split: "val", sort: "disagreement", model: "m1" } as const;
        const list = await store.listPairs(filter);
        // equal IoUs in pair id order
        expect(list.items.map((p) => p.id)).toEqual(["val:1001:0", "val:1002:0", "val:1003:1", "val:1000:0"]);
        const near = async (id: string, extra: Parameters<ReviewStore["getPair"]>[1] = {}) => {
          const pair = await store.getPair(id, { ...filter, ...extra });
          return [pair?.prev ?? null, pair?.next ?? null];
        };
        expect(await near("val:1002:0")).toEqual(["val:1001:0", "val:1003:1"]);
        expect(await near("val:1001:0")).toEqual([null, "val:1002:0"]);
        expect(await near("val:1000:0")).toEqual(["val:1003:1", null]);
        // outside the filter (a mixed pair): the filter's pairs around its place in the order
        expect(await near("val:1003:1", { granularity: "object" })).toEqual(["val:1002:0", "val:1000:0"]);
        expect(await near("val:1002:0", { granularity: "object" })).toEqual(["val:1001:0", "val:1000:0"]);
        expect((await store.getPair("val:1002:0", filter))?.question).toBe("Where could someone sit down in picture 2?");
      });

      it("gives the review service the pair's context", async () => {
        const context = (await store.getPairContext("val:1001:3"))!;
        expect(context).toMatchObject({ id: "val:1001:3", split: "val", imageId: 1001, index: 3, fileFlags: [], decision: null });
        expect(await context.record()).toBe(JSON.stringify(fixtureRecord(1)));
        expect(await context.record()).toBe(JSON.stringify(fixtureRecord(1)));
        // Its answer names the mug (id 10014), the record's fourth annotation: target 3.
        if (context.imported) expect(context.imported).toEqual({ flags: ["braces", "mask_form"], granularity: "object", targets: [3] });
        await store.saveDecision(reject("val:1001:3", 0, "bob"));
        expect((await store.getPairContext("val:1001:3"))!.decision).toMatchObject({ status: "rejected", reviewer: "bob", version: 1 });
        expect(await store.getPairContext("val:nope:0")).toBeNull();
      });
    });

    describe("loader preview", () => {
      it("counts kept pairs that break the loader, masks to convert, and records over three pairs", async () => {
        if (!store.loaderPreview) return;
        // pending kept: the braces pairs break the loader; the other five :2 pairs have masks to convert
        expect(await store.loaderPreview("val", true)).toEqual({ breaking: 2, breakingByFlag: { braces: 2 }, maskForm: 5, recordsOverThreePairs: 2 });
        expect(await store.loaderPreview("val", false)).toEqual({ breaking: 0, breakingByFlag: {}, maskForm: 0, recordsOverThreePairs: 0 });
        await store.saveDecisions(["val:1001:0", "val:1001:1", "val:1001:2", "val:1001:3", "val:1003:2"].map((id) => request(id, { baseVersion: 0 })));
        await store.saveDecision(reject("val:1003:3", 0));
        expect(await store.loaderPreview("val", false)).toEqual({ breaking: 1, breakingByFlag: { braces: 1 }, maskForm: 2, recordsOverThreePairs: 1 });
        // the rejected pair is dropped: record 1003 keeps three pairs
        expect(await store.loaderPreview("val", true)).toEqual({ breaking: 1, breakingByFlag: { braces: 1 }, maskForm: 5, recordsOverThreePairs: 1 });
        expect(await store.loaderPreview("nope", true)).toEqual({ breaking: 0, breakingByFlag: {}, maskForm: 0, recordsOverThreePairs: 0 });
      });
    });

    describe("typed errors", () => {
      it("raises only the store's typed errors, never a driver's", async () => {
        const failures: unknown[] = [];
        const job = await store.beginImport(source("other"));
        for (const attempt of [
          () => store.beginImport(source("again")),
          () => job.addImage(image(1, 0)).then(() => job.addImage(image(1, 1))),
          () => store.saveDecision(request("val:1000:0", { baseVersion: 0 })),
          () => store.listPairs({ split: "val", cursor: "%%%" }),
        ]) {
          failures.push(await attempt().then(() => null, (error: unknown) => error));
        }
        await job.abort();
        expect(failures.map((f) => (f as Error | null)?.constructor.name)).toEqual(["BusyError", "ConflictError", "BusyError", "InvalidCursorError"]);
        for (const failure of failures) {
          expect(failure).toBeInstanceOf(StorageError);
          expect((failure as Error).message).not.toMatch(/\n/);
        }
      });
    });
  });
}
