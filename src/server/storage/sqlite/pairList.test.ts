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

function decide(id: string, input: Partial<DecisionInput>, flags: FlagId[] = [], granularity: Granularity = "object"): void {
  const result = store.saveDecision({
    id,
    input: { status: "accepted", reviewer: "ann", baseVersion: 0, ...input },
    flags,
    granularity,
    now: "2026-01-01T00:00:00.000Z",
  });
  expect(result.kind).toBe("saved");
}

beforeAll(async () => {
  dir = tempDir();
  store = openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", fixtureRecords(10));
  await importRecords(store, dir, "test", fixtureRecords(4, 20));
  decide("val:1000:0", { reviewer: "ann" });
  decide("val:1003:1", { status: "rejected", reasons: ["wrong_instance"], reviewer: "bo" }, [], "mixed");
  decide("val:1005:3", { reviewer: "bo" }, ["braces"]);
  decide("test:1020:2", { reviewer: "cy", edits: { textAnswer: "A {seg} for the zeppelin." } });
});

afterAll(() => {
  store.close();
  dir.remove();
});

/** Every id the filter lists, page by page. */
function walk(filter: PairFilter, limit: number): string[] {
  const ids: string[] = [];
  let cursor: string | undefined;
  for (let pages = 0; pages < 1000; pages++) {
    const page = store.listPairs({ ...filter, limit, ...(cursor ? { cursor } : {}) });
    ids.push(...page.items.map((p) => p.id));
    if (!page.nextCursor) return ids;
    cursor = page.nextCursor;
  }
  throw new Error("pagination did not end");
}

describe("listPairs", () => {
  it("walks every pair exactly once, in dataset order, across pages", () => {
    const all = store.listPairs({ limit: 1000 }).items.map((p) => p.id);
    expect(all).toHaveLength(49);
    expect(new Set(all).size).toBe(49);
    expect(all[0]).toBe("test:1020:0"); // splits in name order, then file order
    for (const limit of [1, 4, 7, 48, 49]) expect(walk({}, limit)).toEqual(all);
    expect(walk({ split: "val" }, 6)).toEqual(all.filter((id) => id.startsWith("val:")));
  });

  it("puts flagged pairs first with sort=flagged, then dataset order", () => {
    const ids = walk({ split: "val", sort: "flagged" }, 3);
    const flagged = store.listPairs({ split: "val", sort: "flagged", limit: 100 }).items.filter((p) => p.flags.length > 0);
    expect(flagged.map((p) => p.id)).toEqual(ids.slice(0, flagged.length));
    // The braces pairs of 1001, 1003, 1005 (as the decision's flags say), 1007, 1009, and the ten
    // laptop pairs, whose target copy is a polygon (mask_form).
    expect(flagged.length).toBe(15);
    expect(ids).toHaveLength(35);
    expect(new Set(ids).size).toBe(35);
  });

  it("filters by status with per-status counts of the rest of the filter", () => {
    const list = store.listPairs({ split: "val", status: "accepted" });
    expect(list.items.map((p) => p.id)).toEqual(["val:1000:0", "val:1005:3"]);
    expect(list.total).toBe(2);
    expect(list.counts).toEqual({ pending: 32, accepted: 2, rejected: 1 });
  });

  it("filters by the reason of the current decision", () => {
    const list = store.listPairs({ reason: "wrong_instance" });
    expect(list.items.map((p) => p.id)).toEqual(["val:1003:1"]);
    expect(list.counts).toEqual({ pending: 0, accepted: 0, rejected: 1 });
    expect(store.listPairs({ reason: "bad_mask" }).total).toBe(0);
  });

  it("filters by granularity, target count, category, flag and reviewer", () => {
    expect(store.listPairs({ split: "val", granularity: "mixed" }).total).toBe(10);
    expect(store.listPairs({ split: "val", granularity: "part" }).total).toBe(0);
    expect(store.listPairs({ minTargets: 2 }).total).toBe(14);
    expect(store.listPairs({ maxTargets: 1, split: "test" }).total).toBe(10);
    expect(store.listPairs({ minTargets: 2, maxTargets: 2, split: "test" }).total).toBe(4);
    expect(store.listPairs({ category: "chair:leg" }).total).toBe(14);
    expect(store.listPairs({ category: "mug", split: "val" }).items.map((p) => p.id)).toEqual([
      "val:1001:3",
      "val:1003:3",
      "val:1005:3",
      "val:1007:3",
      "val:1009:3",
    ]);
    expect(store.listPairs({ category: "no_such_thing" }).total).toBe(0);
    expect(store.listPairs({ flag: "braces", split: "val" }).total).toBe(5);
    expect(store.listPairs({ flag: "missing_image" }).total).toBe(0);
    expect(store.listPairs({ reviewer: "bo" }).items.map((p) => p.id)).toEqual(["val:1003:1", "val:1005:3"]);
    expect(store.listPairs({ reviewer: "bo", status: "rejected" }).items.map((p) => p.id)).toEqual(["val:1003:1"]);
  });

  it("searches question and answer text, current edits included", () => {
    expect(store.listPairs({ q: "picture 7" }).items.map((p) => p.id)).toEqual(["val:1007:0"]);
    expect(store.listPairs({ q: "CAFÉ style", split: "test" }).total).toBe(4);
    expect(store.listPairs({ q: "cafe" }).total).toBe(14); // diacritics folded
    expect(store.listPairs({ q: "zeppelin" }).items.map((p) => p.id)).toEqual(["test:1020:2"]);
    expect(store.listPairs({ q: "quietly" }).total).toBe(13); // the edited answer no longer says it
    expect(store.listPairs({ q: "drink coff" }).total).toBe(7); // prefix of the last word
    expect(store.listPairs({ q: '"(*) AND OR NEAR' }).total).toBe(0); // FTS syntax is not interpreted
    expect(store.listPairs({ q: "  ?! " }).total).toBe(49); // nothing searchable: no filter
  });

  it("combines filters", () => {
    const list = store.listPairs({ split: "val", granularity: "object", q: "sit", status: "pending" });
    expect(list.total).toBe(9);
    expect(list.counts).toEqual({ pending: 9, accepted: 1, rejected: 0 });
  });

  it("refuses a cursor it did not make", () => {
    expect(() => store.listPairs({ cursor: "garbage" })).toThrow(/invalid cursor/);
    const flaggedCursor = store.listPairs({ sort: "flagged", limit: 1 }).nextCursor!;
    expect(() => store.listPairs({ cursor: flaggedCursor })).toThrow(/invalid cursor/);
  });
});

describe("neighbours in getPair", () => {
  it("follow the filter, also from a pair outside it", () => {
    const pair = store.getPair("val:1003:1", { split: "val", status: "pending" })!;
    expect(pair.prev).toBe("val:1003:0");
    expect(pair.next).toBe("val:1003:2");
    const accepted = store.getPair("val:1000:0", { status: "accepted" })!;
    expect(accepted.prev).toBe("test:1020:2"); // no split filter: "test" sorts before "val"
    expect(accepted.next).toBe("val:1005:3");
    const last = store.getPair("val:1009:3", { split: "val" })!;
    expect(last.next).toBeNull();
  });

  it("follow the flagged order", () => {
    const pair = store.getPair("val:1009:3", { split: "val", sort: "flagged" })!;
    expect(pair.next).toBe("val:1000:0");
    const firstClean = store.getPair("val:1000:0", { split: "val", sort: "flagged" })!;
    expect(firstClean.prev).toBe("val:1009:3");
    expect(store.getPair("val:1000:2", { split: "val", sort: "flagged" })!.prev).toBeNull(); // first flagged pair (its polygon target is mask_form)
  });

  it("stop at the ends of a split and cross between splits without a split filter", () => {
    const first = store.getPair("val:1000:0", { split: "val" })!;
    expect([first.prev, first.next]).toEqual([null, "val:1000:1"]);
    const lastOfTest = store.getPair("test:1023:3", { split: "test" })!;
    expect([lastOfTest.prev, lastOfTest.next]).toEqual(["test:1023:2", null]);
    expect(store.getPair("test:1023:3", {})!.next).toBe("val:1000:0");
    expect(store.getPair("val:1000:0", {})!.prev).toBe("test:1023:3");
  });

  it("are found in the filter's split when the pair belongs to another one", () => {
    const fromTest = store.getPair("test:1023:3", { split: "val" })!;
    expect([fromTest.prev, fromTest.next]).toEqual([null, "val:1000:0"]);
    const fromVal = store.getPair("val:1000:0", { split: "test" })!;
    expect([fromVal.prev, fromVal.next]).toEqual(["test:1023:3", null]);
  });

  it("skip pairs outside the other filters, up to the split's ends", () => {
    const accepted = store.getPair("val:1005:3", { split: "val", status: "accepted" })!;
    expect([accepted.prev, accepted.next]).toEqual(["val:1000:0", null]);
    const braces = store.getPair("val:1003:3", { split: "val", flag: "braces" })!;
    expect([braces.prev, braces.next]).toEqual(["val:1001:3", "val:1005:3"]);
  });
});

describe("counts", () => {
  it("agree with the listed pairs for every kind of filter, after decisions moved pairs around", () => {
    decide("val:1002:1", { edits: { targets: [0] } }, [], "object"); // mixed, 2 targets → object, 1 target
    decide("val:1007:3", { status: "rejected", reasons: ["bad_mask"], reviewer: "cy" }, ["braces", "explicit"]);
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
      const items = store.listPairs({ ...filter, limit: 1000 }).items;
      const expected = { pending: 0, accepted: 0, rejected: 0 };
      for (const item of items) expected[item.status]++;
      expect(store.listPairs(filter).counts, JSON.stringify(filter)).toEqual(expected);
    }
    const stats = store.stats();
    expect(stats.byFlag.explicit).toEqual({ pending: 0, accepted: 0, rejected: 1 });
    expect(stats.byReviewer).toEqual({ ann: 2, bo: 2, cy: 2 });
    expect(stats.byReason).toEqual({ wrong_instance: 1, bad_mask: 1 });
    expect(stats.splits.find((s) => s.name === "val")!.byStatus).toEqual({ pending: 30, accepted: 3, rejected: 2 });
  });
});
