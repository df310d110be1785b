import { pairListSchema } from "../../shared/api";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  activitySchema,
  decisionLookupSchema,
  exportPreviewSchema,
  imagePairsSchema,
  sampleSchema,
  thumbListSchema,
} from "../../shared/insightsApi";
import { createTestApp, putDecision, type TestApp } from "./testApp";

let t: TestApp;
beforeEach(async () => {
  t = await createTestApp();
});
afterEach(() => t.close());

async function json(response: Response | Promise<Response>): Promise<unknown> {
  const r = await response;
  expect(r.status).toBe(200);
  return r.json();
}

const decide = (id: string, status: "accepted" | "rejected", reviewer: string, baseVersion: number) =>
  putDecision(t.app, id, { status, reviewer, baseVersion, ...(status === "rejected" ? { reasons: ["wrong_target"] } : {}) });

describe("the gallery's reads", () => {
  it("draws a seeded sample that repeats with its seed, with population counts", async () => {
    const sample = sampleSchema.parse(await json(t.app.request("/api/insights/sample?split=tiny&n=3&seed=abc")));
    expect(sample.population).toBe(5);
    // Pinned: shared audit links (`sample=3&seed=abc`) must keep showing these pairs, in this order.
    expect(sample.items.map((p) => p.id)).toEqual(["tiny:1:0", "tiny:1:2", "tiny:2:0"]);
    const other = sampleSchema.parse(await json(t.app.request("/api/insights/sample?split=tiny&n=3&seed=abd")));
    expect(new Set(other.items.map((p) => p.id)).size).toBe(3);
    expect(sample.populationByGranularity.part).toBe(1);
    const again = sampleSchema.parse(await json(t.app.request("/api/insights/sample?split=tiny&n=3&seed=abc")));
    expect(again.items).toEqual(sample.items);
  });

  it("samples within the filter and refuses a missing seed", async () => {
    const sample = sampleSchema.parse(await json(t.app.request("/api/insights/sample?split=tiny&minTargets=2&n=10&seed=x")));
    expect(sample.items.map((p) => p.id)).toEqual(["tiny:1:2"]);
    expect((await t.app.request("/api/insights/sample?split=tiny&n=3")).status).toBe(400);
  });

  it("gives each card its targets' masks in placeholder order", async () => {
    const { items } = thumbListSchema.parse(await json(t.app.request("/api/insights/thumbs?ids=tiny:1:2,tiny:1:0,nope:1:1")));
    expect(items.map((i) => i.id)).toEqual(["tiny:1:0", "tiny:1:2"]);
    const multi = items[1]!;
    expect(multi.targets.map((a) => a.categoryName)).toEqual(["laptop_computer", "chair"]);
    expect(multi.targets[0]!.rle.size).toEqual([6, 8]);
    expect(multi.url).toBe("/api/images/tiny/1");
  });

  it("lists every pair of an image and looks up current decisions", async () => {
    const { items } = imagePairsSchema.parse(await json(t.app.request("/api/insights/image-pairs?split=tiny&imageId=1")));
    expect(items.map((p) => p.id)).toEqual(["tiny:1:0", "tiny:1:1", "tiny:1:2"]);
    expect((await decide("tiny:1:0", "accepted", "ana", 0)).status).toBe(200);
    const lookup = decisionLookupSchema.parse(
      await json(t.app.request("/api/insights/decisions", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ ids: ["tiny:1:0", "tiny:1:1"] }) })),
    );
    expect(lookup.decisions["tiny:1:0"]).toMatchObject({ status: "accepted", version: 1 });
    expect(lookup.decisions["tiny:1:1"]).toBeNull();
  });
});

describe("the dashboard's activity", () => {
  it("counts decisions per reviewer per hour and agreement between reviewers", async () => {
    await decide("tiny:1:0", "accepted", "ana", 0);
    await decide("tiny:1:1", "rejected", "ana", 0);
    await decide("tiny:1:0", "accepted", "bo", 1);
    await decide("tiny:1:1", "accepted", "bo", 1);
    const activity = activitySchema.parse(await json(t.app.request("/api/insights/activity?split=tiny")));
    const perReviewer = Object.fromEntries(["ana", "bo"].map((r) => [r, activity.hours.filter((h) => h.reviewer === r).reduce((s, h) => s + h.decisions, 0)]));
    expect(perReviewer).toEqual({ ana: 2, bo: 2 });
    expect(activity.hours[0]!.hour).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}$/);
    expect(activity.agreement).toEqual([{ a: "ana", b: "bo", pairs: 2, agreed: 1 }]);
  });

  it("lists exactly the pairs two reviewers disagree on (the agreement chart's link)", async () => {
    await decide("tiny:1:0", "accepted", "ana", 0);
    await decide("tiny:1:1", "rejected", "ana", 0);
    await decide("tiny:1:2", "accepted", "ana", 0);
    await decide("tiny:1:0", "accepted", "bo", 1);
    await decide("tiny:1:1", "accepted", "bo", 1);
    await decide("tiny:1:2", "rejected", "cy", 1);
    const ids = async (query: string) =>
      pairListSchema.parse(await json(t.app.request(`/api/pairs?split=tiny&${query}`))).items.map((p) => p.id);
    // ana and bo agree on 1:0 and differ on 1:1; bo never saw 1:2.
    expect(await ids("disagree=ana&disagreeWith=bo")).toEqual(["tiny:1:1"]);
    const list = pairListSchema.parse(await json(t.app.request("/api/pairs?split=tiny&disagree=ana&disagreeWith=bo")));
    expect(list.total).toBe(1);
    // Without a second name: every pair where anyone's last word differs from ana's.
    expect(await ids("disagree=ana")).toEqual(["tiny:1:1", "tiny:1:2"]);
    expect(await ids("disagree=bo")).toEqual(["tiny:1:1"]);
  });

  it("lists the pairs a reviewer decided in an hour (a cell of the reviewer-by-hour grid)", async () => {
    await decide("tiny:1:0", "accepted", "ana", 0);
    await decide("tiny:1:1", "rejected", "ana", 0);
    await decide("tiny:1:1", "accepted", "bo", 1);
    const activity = activitySchema.parse(await json(t.app.request("/api/insights/activity?split=tiny")));
    const hour = activity.hours[0]!.hour;
    const ids = async (query: string) => pairListSchema.parse(await json(t.app.request(`/api/pairs?split=tiny&${query}`))).items.map((p) => p.id);
    // ana's decision on 1:1 was overwritten by bo; it still counts as one of ana's in that hour.
    expect(await ids(`decidedBy=ana&decidedHour=${hour}`)).toEqual(["tiny:1:0", "tiny:1:1"]);
    expect(await ids(`decidedBy=bo&decidedHour=${hour}`)).toEqual(["tiny:1:1"]);
    expect(await ids("decidedBy=bo&decidedHour=2001-01-01T00")).toEqual([]);
    expect((await t.app.request("/api/pairs?split=tiny&decidedHour=yesterday")).status).toBe(400);
  });
});

describe("the export preview", () => {
  it("counts kept and dropped pairs and images, and edited pairs", async () => {
    await decide("tiny:1:0", "accepted", "ana", 0);
    await decide("tiny:2:0", "rejected", "ana", 0);
    const edit = await putDecision(t.app, "tiny:1:1", { status: "accepted", reviewer: "ana", baseVersion: 0, edits: { question: "Which part carries the seat?" } });
    expect(edit.status).toBe(200);

    const strict = exportPreviewSchema.parse(await json(t.app.request("/api/insights/export-preview?split=tiny")));
    expect(strict.pairs).toEqual({ kept: 2, dropped: 3 });
    expect(strict.images).toEqual({ kept: 1, dropped: 2 });
    expect(strict.editedKept).toBe(1);
    expect(strict.decided).toBe(3);
    expect(strict.byStatus.rejected.object + strict.byStatus.rejected.part + strict.byStatus.rejected.mixed).toBe(1);

    const exported = (await (await t.app.request("/api/export?split=tiny")).json()) as { questions: string[] }[];
    expect(exported.length).toBe(strict.images.kept);
    expect(exported.reduce((n, r) => n + r.questions.length, 0)).toBe(strict.pairs.kept);

    const loose = exportPreviewSchema.parse(await json(t.app.request("/api/insights/export-preview?split=tiny&include=pending")));
    expect(loose.pairs).toEqual({ kept: 4, dropped: 1 });
    expect(loose.estimatedBytes).toBeGreaterThan(strict.estimatedBytes);
  });

  it("downloads the decision log, one line per decided pair", async () => {
    await decide("tiny:1:0", "accepted", "ana", 0);
    await decide("tiny:2:0", "rejected", "ana", 0);
    const response = await t.app.request("/api/insights/decision-log?split=tiny");
    expect(response.headers.get("content-disposition")).toContain("tiny.decisions.jsonl");
    const lines = (await response.text()).trim().split("\n").map((l) => JSON.parse(l) as { id: string; status: string });
    expect(lines.map((l) => [l.id, l.status])).toEqual([["tiny:1:0", "accepted"], ["tiny:2:0", "rejected"]]);
    expect((await t.app.request("/api/insights/decision-log?split=nope")).status).toBe(404);
  });
});
