import Database from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DecisionInput } from "../../../shared/domain";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import type { ReviewStore } from "../store";

/*
 * The per-split summaries behind stats and the export preview are kept up to date by decisions
 * and imports; after every step they must equal a recount from the pairs and decisions tables.
 * `val` is records 0–5 (21 pairs: 3 or 4 per image), `test` records 20–21 (7 pairs).
 */

let dir: TempDir;
let store: ReviewStore;

async function decide(id: string, input: Partial<DecisionInput>): Promise<void> {
  const version = (await store.getPair(id, {}))!.decision?.version ?? 0;
  const result = (await store.saveDecision({
    id,
    input: { status: "accepted", reviewer: "ann", baseVersion: version, ...input },
    flags: [],
    granularity: "object",
    now: "2026-01-01T00:00:00.000Z",
  }));
  expect(result.kind).toBe("saved");
}

/** What the summaries must say, counted the slow way straight from the tables. */
function recount(split: string) {
  const db = new Database(dir.file("review.db"), { readonly: true });
  try {
    const pairs = db.prepare("SELECT * FROM pairs WHERE split = ?").all(split) as {
      id: string;
      image_pk: number;
      status: string;
      reviewer: string | null;
      edited_question: string | null;
      edited_answer: string | null;
      targets: string;
      orig_targets: string;
    }[];
    const byReason: Record<string, number> = {};
    const byReviewer: Record<string, number> = {};
    const edited = { pending: 0, accepted: 0, rejected: 0 } as Record<string, number>;
    const imageStatuses = new Map<number, string[]>();
    for (const pair of pairs) {
      const reasons = db.prepare("SELECT reasons FROM decisions WHERE pair_id = ?").pluck().get(pair.id) as string | undefined;
      if (pair.status !== "pending") {
        for (const reason of JSON.parse(reasons ?? "[]") as string[]) byReason[reason] = (byReason[reason] ?? 0) + 1;
        byReviewer[pair.reviewer!] = (byReviewer[pair.reviewer!] ?? 0) + 1;
      }
      if (pair.edited_question !== null || pair.edited_answer !== null || pair.targets !== pair.orig_targets) edited[pair.status]!++;
      imageStatuses.set(pair.image_pk, [...(imageStatuses.get(pair.image_pk) ?? []), pair.status]);
    }
    const bytes = (pk: number) => db.prepare("SELECT length(raw) FROM images WHERE pk = ?").pluck().get(pk) as number;
    const kept = (statuses: string[]) => {
      const images = [...imageStatuses].filter(([, s]) => s.some((status) => statuses.includes(status)));
      return { kept: images.length, bytes: images.reduce((sum, [pk]) => sum + bytes(pk), 0) };
    };
    return { byReason, byReviewer, edited, accepted: kept(["accepted"]), open: kept(["accepted", "pending"]), images: imageStatuses.size };
  } finally {
    db.close();
  }
}

async function expectSummariesToMatchRecount(split: string): Promise<void> {
  const expected = recount(split);
  const stats = (await store.stats(split));
  expect(stats.byReason).toEqual(expected.byReason);
  expect(stats.byReviewer).toEqual(expected.byReviewer);
  expect(stats.splits[0]!.images).toBe(expected.images);
  const insights = store.insights();
  const accepted = (await insights.exportPreview(split, false));
  expect(accepted.images).toEqual({ kept: expected.accepted.kept, dropped: expected.images - expected.accepted.kept });
  expect(accepted.estimatedBytes).toBe(expected.accepted.bytes);
  expect(accepted.editedKept).toBe(expected.edited.accepted);
  const open = (await insights.exportPreview(split, true));
  expect(open.images).toEqual({ kept: expected.open.kept, dropped: expected.images - expected.open.kept });
  expect(open.estimatedBytes).toBe(expected.open.bytes);
  expect(open.editedKept).toBe(expected.edited.accepted! + expected.edited.pending!);
}

beforeAll(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", fixtureRecords(6));
  await importRecords(store, dir, "test", fixtureRecords(2, 20));
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

describe("split summaries", () => {
  it("start with every image kept by a pending export and none by an accepted-only one", async () => {
    const insights = store.insights();
    expect((await insights.exportPreview("val", false)).images).toEqual({ kept: 0, dropped: 6 });
    expect((await insights.exportPreview("val", true)).images).toEqual({ kept: 6, dropped: 0 });
    expect((await store.stats("val")).byReason).toEqual({});
    await expectSummariesToMatchRecount("val");
  });

  it("follow decisions, edits and an undo back to pending", async () => {
    await decide("val:1000:0", { reviewer: "ann" });
    await decide("val:1000:1", { reviewer: "ann", edits: { question: "What holds the seat?" } });
    await decide("val:1001:1", { status: "rejected", reviewer: "bo", reasons: ["wrong_instance", "bad_mask"] });
    await decide("val:1002:0", { reviewer: "bo" });
    await decide("val:1002:0", { status: "pending", reviewer: "bo" }); // undo
    await decide("test:1020:0", { status: "rejected", reviewer: "cy", reasons: ["bad_mask"] });

    // By hand: two pairs of image 1000 accepted by ann (one edited), one rejected by bo.
    expect((await store.stats("val")).byReason).toEqual({ wrong_instance: 1, bad_mask: 1 });
    expect((await store.stats("val")).byReviewer).toEqual({ ann: 2, bo: 1 });
    expect((await store.stats()).byReason).toEqual({ wrong_instance: 1, bad_mask: 2 });
    const insights = store.insights();
    expect((await insights.exportPreview("val", false)).images).toEqual({ kept: 1, dropped: 5 });
    expect((await insights.exportPreview("val", false)).editedKept).toBe(1);
    await expectSummariesToMatchRecount("val");
    await expectSummariesToMatchRecount("test");
  });

  it("move an edited pair between statuses and drop an image whose pairs are all rejected", async () => {
    await decide("val:1000:1", { status: "rejected", reviewer: "bo", reasons: ["wrong_target"], edits: { question: "What holds the seat?" } });
    for (const k of [0, 1, 2, 3]) await decide(`val:1005:${k}`, { status: "rejected", reviewer: "cy", reasons: ["bad_mask"] });
    const insights = store.insights();
    expect((await insights.exportPreview("val", false)).editedKept).toBe(0);
    expect((await insights.exportPreview("val", false)).images.kept).toBe(1); // val:1000:0 is still accepted
    expect((await insights.exportPreview("val", true)).images).toEqual({ kept: 5, dropped: 1 });
    expect((await store.stats("val")).byReviewer).toEqual({ ann: 1, bo: 2, cy: 4 });
    await expectSummariesToMatchRecount("val");
  });

  it("are recounted by a re-import that resets changed pairs", async () => {
    const records = fixtureRecords(6);
    records[0]!.questions[0] = "Where could someone rest in this picture?";
    const result = await importRecords(store, dir, "val", records);
    expect(result.changedPairs).toContain("val:1000:0");
    expect((await store.insights().exportPreview("val", false)).images.kept).toBe(0); // the only accepted pair was reset
    await expectSummariesToMatchRecount("val");
    await expectSummariesToMatchRecount("test");
    expect((await store.stats()).byReason.bad_mask).toBe(6); // 1001:1, 1005:0–3 and test:1020:0
  });
});
