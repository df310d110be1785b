import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DecisionInput } from "../../../shared/domain";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir, type TempDir } from "../../test-fixtures/splitFiles";
import { BusyError, ConflictError, InvalidCursorError } from "../errors";
import type { ImportedImage, ReviewStore, SaveDecisionRequest } from "../store";

/*
 * The behaviours every `ReviewStore` implementation owes the app, run against each of them
 * (sqlite/contract.test.ts; a PostgreSQL store calls the same function). Expected values come from
 * the fixture: fixtureRecords(5) is 5 records, images 1000..1004, 17 pairs in all.
 */

export interface OpenedStore {
  store: ReviewStore;
  cleanup(): Promise<void>;
}

function request(id: string, input: Partial<DecisionInput> & { baseVersion: number }, extra: Partial<SaveDecisionRequest> = {}): SaveDecisionRequest {
  return { id, input: { status: "accepted", reviewer: "ann", ...input }, flags: [], granularity: "object", now: "2026-01-01T00:00:00.000Z", ...extra };
}

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

    it("imports atomically: an aborted import leaves nothing, a committed one is visible", async () => {
      const job = await store.beginImport({ name: "other", sourceFile: "other.json", sourceHash: "h", importedAt: "2026-01-01T00:00:00.000Z" });
      await job.addImage(image(1, 0));
      await job.abort();
      expect(await store.getSplit("other")).toBeNull();
      expect((await store.listSplits()).map((s) => s.name)).toEqual(["val"]);
      expect((await store.getSplit("val"))?.name).toBe("val");
    });

    it("refuses a second import while one is open (BusyError) and a repeated image id (ConflictError)", async () => {
      const job = await store.beginImport({ name: "other", sourceFile: "other.json", sourceHash: "h", importedAt: "2026-01-01T00:00:00.000Z" });
      await expect(store.beginImport({ name: "third", sourceFile: "t.json", sourceHash: "t", importedAt: "2026-01-01T00:00:00.000Z" })).rejects.toBeInstanceOf(BusyError);
      await job.addImage(image(1, 0));
      await expect(job.addImage(image(1, 1))).rejects.toBeInstanceOf(ConflictError);
      await job.abort();
      expect(await store.getSplit("other")).toBeNull();
    });

    it("re-importing the same content keeps decisions", async () => {
      expect((await store.saveDecision(request("val:1000:0", { baseVersion: 0 }))).kind).toBe("saved");
      const again = await importRecords(store, dir, "val", [...fixtureRecords(5), ...fixtureRecords(1, 5)]);
      expect(again.keptDecisions).toBe(1);
      expect((await store.getPairContext("val:1000:0"))?.decision?.status).toBe("accepted");
    });

    it("lists with filters, cursors and counts", async () => {
      const first = await store.listPairs({ split: "val", limit: 10 });
      expect(first.total).toBe(17);
      expect(first.items).toHaveLength(10);
      const rest = await store.listPairs({ split: "val", limit: 10, cursor: first.nextCursor! });
      expect(rest.items).toHaveLength(7);
      expect(rest.nextCursor).toBeNull();
      expect(new Set([...first.items, ...rest.items].map((p) => p.id)).size).toBe(17);
      await store.saveDecision(request("val:1001:0", { baseVersion: 0, status: "rejected", reasons: ["wrong_target"] }));
      const rejected = await store.listPairs({ split: "val", status: "rejected" });
      expect(rejected.items.map((p) => p.id)).toEqual(["val:1001:0"]);
      expect(rejected.counts).toEqual({ pending: 16, accepted: 0, rejected: 1 });
      await expect(store.listPairs({ cursor: "garbage" })).rejects.toBeInstanceOf(InvalidCursorError);
    });

    it("compare-and-set: a stale write is a conflict carrying the winner", async () => {
      const won = await store.saveDecision(request("val:1000:1", { baseVersion: 0, reviewer: "bob" }));
      expect(won.kind).toBe("saved");
      const lost = await store.saveDecision(request("val:1000:1", { baseVersion: 0, status: "rejected", reasons: ["wrong_target"] }));
      expect(lost).toMatchObject({ kind: "conflict", current: { status: "accepted", reviewer: "bob", version: 1 } });
      expect((await store.saveDecision(request("val:nope:0", { baseVersion: 0 }))).kind).toBe("not_found");
    });

    it("replays an idempotent retry and refuses the key for another decision", async () => {
      const first = await store.saveDecision(request("val:1000:2", { baseVersion: 0 }, { idempotencyKey: "k1" }));
      const retry = await store.saveDecision(request("val:1000:2", { baseVersion: 0 }, { idempotencyKey: "k1" }));
      expect(retry).toMatchObject({ kind: "saved", replayed: true });
      expect(first.kind === "saved" && retry.kind === "saved" && retry.decision.version).toBe(1);
      expect((await store.saveDecision(request("val:1000:2", { baseVersion: 1, status: "rejected", reasons: ["wrong_target"] }, { idempotencyKey: "k1" }))).kind).toBe("key_reused");
      expect(await store.history("val:1000:2")).toHaveLength(1);
    });

    it("group commit saves each decision as saveDecision would, in order", async () => {
      const results = await store.saveDecisions([
        request("val:1002:0", { baseVersion: 0 }),
        request("val:1002:0", { baseVersion: 0 }),
        request("val:nope:0", { baseVersion: 0 }),
      ]);
      expect(results.map((r) => r.kind)).toEqual(["saved", "conflict", "not_found"]);
    });

    it("keeps history, stats, insights and change counters", async () => {
      const before = await store.changeCounter("val");
      await store.saveDecision(request("val:1003:0", { baseVersion: 0 }));
      await store.saveDecision(request("val:1003:0", { baseVersion: 1, status: "rejected", reasons: ["wrong_target"] }));
      expect((await store.history("val:1003:0"))?.map((h) => h.version)).toEqual([1, 2]);
      expect(await store.history("val:nope:0")).toBeNull();
      expect(await store.changeCounter("val")).toBeGreaterThan(before);
      expect(await store.changeCounter("no-such-split")).toBe(0);
      const stats = await store.stats("val");
      expect(stats.total).toBe(17);
      expect(stats.byStatus).toEqual({ pending: 16, accepted: 0, rejected: 1 });
    });

    it("streams the export and the decision log", async () => {
      await store.saveDecision(request("val:1004:0", { baseVersion: 0 }));
      const records = await collect(store.exportRecords("val"));
      expect(records).toHaveLength(5);
      expect(records.filter((r) => r.decisions.size > 0)).toHaveLength(1);
      expect((await collect(store.decisionLog("val"))).map((e) => e.id)).toEqual(["val:1004:0"]);
    });

    it("returns data without domain rules: no image URL in a stored pair", async () => {
      const pair = await store.getPair("val:1000:0", {});
      expect(pair?.image).not.toHaveProperty("url");
      expect(pair?.id).toBe("val:1000:0");
      expect(await store.getPair("val:nope:0", {})).toBeNull();
    });
  });
}
