import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pairView } from "../../review/pairView";
import { pairDetailSchema, pairListSchema, statsSchema } from "../../../shared/api";
import type { DecisionInput } from "../../../shared/domain";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import type { ReviewStore, SaveDecisionRequest } from "../store";

let dir: TempDir;
let store: ReviewStore;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", fixtureRecords(5));
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

function decision(id: string, input: Partial<DecisionInput> & { baseVersion: number }, extra: Partial<SaveDecisionRequest> = {}): SaveDecisionRequest {
  return {
    id,
    input: { status: "accepted", reviewer: "ann", ...input },
    flags: [],
    granularity: "object",
    now: "2026-01-01T00:00:00.000Z",
    ...extra,
  };
}

describe("a freshly imported split", () => {
  it("lists its pairs in dataset order with counts", async () => {
    const list = pairListSchema.parse((await store.listPairs({ split: "val", limit: 100 })));
    expect(list.total).toBe(17);
    expect(list.counts).toEqual({ pending: 17, accepted: 0, rejected: 0 });
    expect(list.items.slice(0, 4).map((p) => p.id)).toEqual(["val:1000:0", "val:1000:1", "val:1000:2", "val:1001:0"]);
    expect(list.nextCursor).toBeNull();
    expect((await store.listSplits())).toMatchObject([{ name: "val", images: 5, pairs: 17, byStatus: { pending: 17 } }]);
  });

  it("shows a pair with its image, annotations, targets and neighbours", async () => {
    const pair = pairDetailSchema.parse(pairView((await store.getPair("val:1001:1", { split: "val" }))!));
    expect(pair.image).toMatchObject({ fileName: "val2017/000000001001.jpg", width: 60, height: 40, url: "/api/images/val/1001" });
    expect(pair.image.pairIds).toEqual(["val:1001:0", "val:1001:1", "val:1001:2", "val:1001:3"]);
    expect(pair.targets).toEqual([1, 0]);
    expect(pair.granularity).toBe("mixed");
    expect(pair.annotations.map((a) => a.instanceName)).toEqual(["chair_1", "chair_1's leg", "laptop_computer_1", "mug_1"]);
    expect(pair.annotations[1]).toMatchObject({ kind: "part", parent: 0, area: 60, maskBox: [4, 20, 5, 12] });
    expect(pair.annotations[0]!.rle.counts.length).toBeGreaterThan(0);
    expect(pair.annotations[3]!.area).toBe(100);
    expect(pair.prev).toBe("val:1001:0");
    expect(pair.next).toBe("val:1001:2");
    expect(pair.decision).toBeNull();
  });

  it("gives the review service the raw record and imported flags", async () => {
    const context = (await store.getPairContext("val:1001:3"));
    expect(context).toMatchObject({ split: "val", imageId: 1001, index: 3, decision: null });
    expect(JSON.parse(await context!.record())).toEqual(fixtureRecords(1, 1)[0]);
    expect(context!.imported!.flags).toContain("braces");
    expect((await store.getPairContext("val:9:9"))).toBeNull();
  });

  it("answers stats in the shared shape", async () => {
    const stats = statsSchema.parse((await store.stats()));
    expect(stats.total).toBe(17);
    expect(stats.byFlag.braces).toEqual({ pending: 2, accepted: 0, rejected: 0 });
    expect(stats.byGranularity.mixed.pending).toBe(5);
    expect(stats.targetHistogram).toEqual({ "1": 12, "2": 5 });
  });
});

describe("saveDecision", () => {
  it("compare-and-sets on the version and keeps history", async () => {
    const first = (await store.saveDecision(decision("val:1000:0", { baseVersion: 0 })));
    expect(first).toMatchObject({ kind: "saved", replayed: false, decision: { status: "accepted", version: 1 } });
    const stale = (await store.saveDecision(decision("val:1000:0", { baseVersion: 0, status: "rejected", reasons: ["other"] })));
    expect(stale).toMatchObject({ kind: "conflict", current: { status: "accepted", version: 1 } });
    const second = (await store.saveDecision(decision("val:1000:0", { baseVersion: 1, status: "rejected", reasons: ["wrong_target"], reviewer: "bo" })));
    expect(second).toMatchObject({ kind: "saved", decision: { status: "rejected", version: 2, reviewer: "bo" } });

    const history = (await store.history("val:1000:0"))!;
    expect(history.map((h) => [h.version, h.reviewer, h.before?.status ?? null, h.after.status])).toEqual([
      [1, "ann", null, "accepted"],
      [2, "bo", "accepted", "rejected"],
    ]);
    expect((await store.history("val:404:0"))).toBeNull();
    expect((await store.listPairs({ split: "val", status: "rejected" })).items.map((p) => p.id)).toEqual(["val:1000:0"]);
  });

  it("applies a retried idempotency key once", async () => {
    const request = decision("val:1000:1", { baseVersion: 0 }, { idempotencyKey: "k1" });
    const first = (await store.saveDecision(request));
    const again = (await store.saveDecision(request));
    expect(again).toEqual({ ...first, replayed: true });
    expect((await store.history("val:1000:1"))).toHaveLength(1);
    expect((await store.getPairContext("val:1000:1"))!.decision!.version).toBe(1);
  });

  it("reports unknown pairs", async () => {
    expect((await store.saveDecision(decision("val:1:1", { baseVersion: 0 })))).toEqual({ kind: "not_found" });
  });

  it("stores edits: targets, flags and text feed filters, search and the detail", async () => {
    const saved = (await store.saveDecision(
      decision(
        "val:1000:0",
        { baseVersion: 0, edits: { question: "Where is the zebra seat?", targets: [0, 2] } },
        { flags: ["explicit"], granularity: "object" },
      ),
    ));
    expect(saved.kind).toBe("saved");
    const pair = (await store.getPair("val:1000:0", {}))!;
    expect(pair.question).toBe("Where is the zebra seat?");
    expect(pair.original.question).toBe("Where could someone sit down in picture 0?");
    expect(pair.targets).toEqual([0, 2]);
    expect(pair.original.targets).toEqual([0]);
    expect(pair.flags).toEqual(["explicit"]);
    expect((await store.listPairs({ q: "zebra" })).items.map((p) => p.id)).toEqual(["val:1000:0"]);
    expect((await store.listPairs({ q: "picture 0" })).total).toBe(0);
    expect((await store.listPairs({ category: "laptop_computer", split: "val" })).total).toBe(6);
    expect((await store.listPairs({ flag: "explicit" })).items.map((p) => p.id)).toEqual(["val:1000:0"]);
    expect((await store.listPairs({ minTargets: 2 })).total).toBe(6);
  });
});

describe("saveDecisions (group commit)", () => {
  it("saves each decision as saveDecision would, one failing alone", async () => {
    const results = await store.saveDecisions([
      decision("val:1000:0", { baseVersion: 0 }),
      decision("val:1000:0", { baseVersion: 0 }), // stale after the first
      decision("val:nope:0", { baseVersion: 0 }),
      decision("val:1000:1", { baseVersion: 0 }, { idempotencyKey: "g1" }),
    ]);
    expect(results.map((r) => r.kind)).toEqual(["saved", "conflict", "not_found", "saved"]);
    expect((await store.history("val:1000:0"))).toHaveLength(1);
    expect((await store.listPairs({ split: "val", status: "accepted" })).total).toBe(2);
  });
});
