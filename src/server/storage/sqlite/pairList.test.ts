import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { PairFilter } from "../../../shared/api";
import type { DecisionInput, FlagId, Granularity } from "../../../shared/domain";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import type { ReviewStore } from "../store";

/*
 * Filters, search and pagination over two splits: `val` (records 0–9: 35 pairs) and `test`
 * (records 20–23: 14 pairs). Odd records have a fourth pair whose answer has stray braces.
 */

let dir: TempDir;
let store: ReviewStore;

async function decide(id: string, input: Partial<DecisionInput>, flags: FlagId[] = [], granularity: Granularity = "object"): Promise<void> {
  const result = (await store.saveDecision({
    id,
    input: { status: "accepted", reviewer: "ann", baseVersion: 0, ...input },
    flags,
    granularity,
    now: "2026-01-01T00:00:00.000Z",
  }));
  expect(result.kind).toBe("saved");
}

beforeAll(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", fixtureRecords(10));
  await importRecords(store, dir, "test", fixtureRecords(4, 20));
  await decide("val:1000:0", { reviewer: "ann" });
  await decide("val:1003:1", { status: "rejected", reasons: ["wrong_instance"], reviewer: "bo" }, [], "mixed");
  await decide("val:1005:3", { reviewer: "bo" }, ["braces"]);
  await decide("test:1020:2", { reviewer: "cy", edits: { textAnswer: "A {seg} for the zeppelin." } });
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

/** Every id the filter lists, page by page. */
async function walk(filter: PairFilter, limit: number): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = (await store.listPairs({ ...filter, limit, ...(cursor ? { cursor } : {}) }));
    ids.push(...page.items.map((p) => p.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("listPairs", () => {
  it("walks every pair exactly once, in dataset order, across pages", async () => {
    const all = (await store.listPairs({ limit: 1000 })).items.map((p) => p.id);
    expect(all).toHaveLength(49);
    expect(new Set(all).size).toBe(49);
    expect(all[0]).toBe("test:1020:0"); // splits in name order, then file order
    for (const limit of [1, 4, 7, 48, 49]) expect(await walk({}, limit)).toEqual(all);
    expect(await walk({ split: "val" }, 6)).toEqual(all.filter((id) => id.startsWith("val:")));
  });

  it("puts flagged pairs first with sort=flagged, then dataset order", async () => {
    const ids = await walk({ split: "val", sort: "flagged" }, 3);
    const flagged = (await store.listPairs({ split: "val", sort: "flagged", limit: 100 })).items.filter((p) => p.flags.length > 0);
    expect(flagged.map((p) => p.id)).toEqual(ids.slice(0, flagged.length));
    // The braces pairs of 1001, 1003, 1005 (as the decision's flags say), 1007, 1009, and the ten
    // laptop pairs, whose target copy is a polygon (mask_form).
    expect(flagged.length).toBe(15);
    expect(ids).toHaveLength(35);
    expect(new Set(ids).size).toBe(35);
  });

  it("filters by status with per-status counts of the rest of the filter", async () => {
    const list = (await store.listPairs({ split: "val", status: "accepted" }));
    expect(list.items.map((p) => p.id)).toEqual(["val:1000:0", "val:1005:3"]);
    expect(list.total).toBe(2);
    expect(list.counts).toEqual({ pending: 32, accepted: 2, rejected: 1 });
  });

  it("filters by the reason of the current decision", async () => {
    const list = (await store.listPairs({ reason: "wrong_instance" }));
    expect(list.items.map((p) => p.id)).toEqual(["val:1003:1"]);
    expect(list.counts).toEqual({ pending: 0, accepted: 0, rejected: 1 });
    expect((await store.listPairs({ reason: "bad_mask" })).total).toBe(0);
  });

  it("filters by granularity, target count, category, flag and reviewer", async () => {
    expect((await store.listPairs({ split: "val", granularity: "mixed" })).total).toBe(10);
    expect((await store.listPairs({ split: "val", granularity: "part" })).total).toBe(0);
    expect((await store.listPairs({ minTargets: 2 })).total).toBe(14);
    expect((await store.listPairs({ maxTargets: 1, split: "test" })).total).toBe(10);
    expect((await store.listPairs({ minTargets: 2, maxTargets: 2, split: "test" })).total).toBe(4);
    expect((await store.listPairs({ category: "chair:leg" })).total).toBe(14);
    expect((await store.listPairs({ category: "mug", split: "val" })).items.map((p) => p.id)).toEqual([
      "val:1001:3",
      "val:1003:3",
      "val:1005:3",
      "val:1007:3",
      "val:1009:3",
    ]);
    expect((await store.listPairs({ category: "no_such_thing" })).total).toBe(0);
    expect((await store.listPairs({ flag: "braces", split: "val" })).total).toBe(5);
    expect((await store.listPairs({ flag: "missing_image" })).total).toBe(0);
    expect((await store.listPairs({ reviewer: "bo" })).items.map((p) => p.id)).toEqual(["val:1003:1", "val:1005:3"]);
    expect((await store.listPairs({ reviewer: "bo", status: "rejected" })).items.map((p) => p.id)).toEqual(["val:1003:1"]);
  });

  it("searches question and answer text, current edits included", async () => {
    expect((await store.listPairs({ q: "picture 7" })).items.map((p) => p.id)).toEqual(["val:1007:0"]);
    expect((await store.listPairs({ q: "CAFÉ style", split: "test" })).total).toBe(4);
    expect((await store.listPairs({ q: "cafe" })).total).toBe(14); // diacritics folded
    expect((await store.listPairs({ q: "zeppelin" })).items.map((p) => p.id)).toEqual(["test:1020:2"]);
    expect((await store.listPairs({ q: "quietly" })).total).toBe(13); // the edited answer no longer says it
    expect((await store.listPairs({ q: "drink coff" })).total).toBe(7); // prefix of the last word
    expect((await store.listPairs({ q: '"(*) AND OR NEAR' })).total).toBe(0); // FTS syntax is not interpreted
    expect((await store.listPairs({ q: "  ?! " })).total).toBe(49); // nothing searchable: no filter
  });

  it("combines filters", async () => {
    const list = (await store.listPairs({ split: "val", granularity: "object", q: "sit", status: "pending" }));
    expect(list.total).toBe(9);
    expect(list.counts).toEqual({ pending: 9, accepted: 1, rejected: 0 });
  });

  it("refuses a cursor it did not make", async () => {
    await expect(store.listPairs({ cursor: "garbage" })).rejects.toThrow(/invalid cursor/);
    const flaggedCursor = (await store.listPairs({ sort: "flagged", limit: 1 })).nextCursor!;
    await expect(store.listPairs({ cursor: flaggedCursor })).rejects.toThrow(/invalid cursor/);
  });
});

describe("neighbours in getPair", () => {
  it("follow the filter, also from a pair outside it", async () => {
    const pair = (await store.getPair("val:1003:1", { split: "val", status: "pending" }))!;
    expect(pair.prev).toBe("val:1003:0");
    expect(pair.next).toBe("val:1003:2");
    const accepted = (await store.getPair("val:1000:0", { status: "accepted" }))!;
    expect(accepted.prev).toBe("test:1020:2"); // no split filter: "test" sorts before "val"
    expect(accepted.next).toBe("val:1005:3");
    const last = (await store.getPair("val:1009:3", { split: "val" }))!;
    expect(last.next).toBeNull();
  });

  it("follow the flagged order", async () => {
    const pair = (await store.getPair("val:1009:3", { split: "val", sort: "flagged" }))!;
    expect(pair.next).toBe("val:1000:0");
    const firstClean = (await store.getPair("val:1000:0", { split: "val", sort: "flagged" }))!;
    expect(firstClean.prev).toBe("val:1009:3");
    expect((await store.getPair("val:1000:2", { split: "val", sort: "flagged" }))!.prev).toBeNull(); // first flagged pair (its polygon target is mask_form)
  });

  it("stop at the ends of a split and cross between splits without a split filter", async () => {
    const first = (await store.getPair("val:1000:0", { split: "val" }))!;
    expect([first.prev, first.next]).toEqual([null, "val:1000:1"]);
    const lastOfTest = (await store.getPair("test:1023:3", { split: "test" }))!;
    expect([lastOfTest.prev, lastOfTest.next]).toEqual(["test:1023:2", null]);
    expect((await store.getPair("test:1023:3", {}))!.next).toBe("val:1000:0");
    expect((await store.getPair("val:1000:0", {}))!.prev).toBe("test:1023:3");
  });

  it("are found in the filter's split when the pair belongs to another one", async () => {
    const fromTest = (await store.getPair("test:1023:3", { split: "val" }))!;
    expect([fromTest.prev, fromTest.next]).toEqual([null, "val:1000:0"]);
    const fromVal = (await store.getPair("val:1000:0", { split: "test" }))!;
    expect([fromVal.prev, fromVal.next]).toEqual(["test:1023:3", null]);
  });

  it("skip pairs outside the other filters, up to the split's ends", async () => {
    const accepted = (await store.getPair("val:1005:3", { split: "val", status: "accepted" }))!;
    expect([accepted.prev, accepted.next]).toEqual(["val:1000:0", null]);
    const braces = (await store.getPair("val:1003:3", { split: "val", flag: "braces" }))!;
    expect([braces.prev, braces.next]).toEqual(["val:1001:3", "val:1005:3"]);
  });
});

describe("counts", () => {
  it("agree with the listed pairs for every kind of filter, after decisions moved pairs around", async () => {
    await decide("val:1002:1", { edits: { targets: [0] } }, [], "object"); // mixed, 2 targets → object, 1 target
    await decide("val:1007:3", { status: "rejected", reasons: ["bad_mask"], reviewer: "cy" }, ["braces", "explicit"]);
    const filters: PairFilter[] = [
      {},
      { split: "val" },
      { split: "val", granularity: "mixed" },
      { granularity: "object", minTargets: 1, maxTargets: 1 },
      { flag: "braces" },
      { flag: "explicit", split: "val" },
      { category: "chair" },
      { reviewer: "cy" },
      { q: "seat" },
    ];
    for (const filter of filters) {
      const items = (await store.listPairs({ ...filter, limit: 1000 })).items;
      const expected = { pending: 0, accepted: 0, rejected: 0 };
      for (const item of items) expected[item.status]++;
      expect((await store.listPairs(filter)).counts, JSON.stringify(filter)).toEqual(expected);
    }
    const stats = (await store.stats());
    expect(stats.byFlag.explicit).toEqual({ pending: 0, accepted: 0, rejected: 1 });
    expect(stats.byReviewer).toEqual({ ann: 2, bo: 2, cy: 2 });
    expect(stats.byReason).toEqual({ wrong_instance: 1, bad_mask: 1 });
    expect(stats.splits.find((s) => s.name === "val")!.byStatus).toEqual({ pending: 30, accepted: 3, rejected: 2 });
  });
});
