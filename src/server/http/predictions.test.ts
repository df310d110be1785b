import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Hono } from "hono";
import { evalCompareSchema, iouInsightsSchema, modelListSchema, pairPredictionSchema, predictionListSchema } from "../../shared/predictionsApi";
import { exportChunks } from "../export/exportChunks";
import { importPredictions } from "../predictions/importPredictions";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { importRecords } from "../test-fixtures/importFixture";
import { predictionLines, predictionRecord } from "../test-fixtures/predictionFixture";
import { tempDir, type TempDir } from "../test-fixtures/splitFiles";
import { createApp } from "./app";

let dir: TempDir;
let store: ReviewStore;
let app: Hono;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  await importRecords(store, dir, "val", [predictionRecord()]);
  await importPredictions(store, { split: "val", model: "m1", file: dir.write("p.jsonl", predictionLines("val").join("\n")) });
  app = createApp({ store, imagesDirs: [], clientDir: null, streamExport: (split, o) => exportChunks(store, split, o), logError: () => {} });
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const res = await app.request(path, { headers: { Host: "127.0.0.1" } });
  return { status: res.status, body: await res.json() };
}

async function decide(id: string, status: "accepted" | "rejected"): Promise<void> {
  const input = { reviewer: "ann", baseVersion: 0, status, ...(status === "rejected" ? { reasons: ["wrong_target"] } : {}) };
  expect((await store.saveDecision({ id, input, flags: [], granularity: "object", now: "2026-02-03T04:05:06.000Z" })).kind).toBe("saved");
}

describe("GET /api/predictions", () => {
  it("lists the models of a split", async () => {
    const { body } = await get("/api/predictions/models?split=val");
    expect(modelListSchema.parse(body).models.map((m) => [m.model, m.pairs])).toEqual([["m1", 4]]);
  });

  it("sorts pairs by disagreement (lowest IoU first) and filters by an IoU range", async () => {
    const all = predictionListSchema.parse((await get("/api/predictions/pairs?split=val&model=m1")).body);
    // IoUs by hand: pair 0 30/100, pair 2 (1 + 0)/2, pair 1 20/(20+1e-5), pair 3 100/(100+1e-5)
    expect(all.items.map((p) => p.id)).toEqual(["val:7:0", "val:7:2", "val:7:1", "val:7:3"]);
    expect(all.items[0]!.iou).toBeCloseTo(0.3, 6);
    expect(all.total).toBe(4);

    const range = predictionListSchema.parse((await get("/api/predictions/pairs?split=val&model=m1&minIou=0.4&maxIou=0.9")).body);
    expect(range.items.map((p) => p.id)).toEqual(["val:7:2"]);

    const page = predictionListSchema.parse((await get("/api/predictions/pairs?split=val&model=m1&limit=3")).body);
    const rest = predictionListSchema.parse((await get(`/api/predictions/pairs?split=val&model=m1&limit=3&cursor=${page.nextCursor}`)).body);
    expect([...page.items, ...rest.items].map((p) => p.id)).toEqual(all.items.map((p) => p.id));
    expect(rest.nextCursor).toBeNull();

    await decide("val:7:2", "accepted");
    const accepted = predictionListSchema.parse((await get("/api/predictions/pairs?split=val&model=m1&status=accepted")).body);
    expect(accepted.items.map((p) => p.id)).toEqual(["val:7:2"]);
  });

  it("serves the queue in disagreement order, with neighbours in that order", async () => {
    const list = (await get("/api/pairs?split=val&sort=disagreement&model=m1")).body as { items: { id: string }[]; counts: unknown; total: number };
    expect(list.items.map((p) => p.id)).toEqual(["val:7:0", "val:7:2", "val:7:1", "val:7:3"]);
    expect(list.counts).toEqual({ pending: 4, accepted: 0, rejected: 0 });
    const detail = (await get("/api/pairs/val:7:2?split=val&sort=disagreement&model=m1")).body as { prev: string | null; next: string | null };
    expect(detail).toMatchObject({ prev: "val:7:0", next: "val:7:1" });
    const ranged = (await get("/api/pairs/val:7:2?split=val&sort=disagreement&model=m1&maxIou=0.9")).body as { prev: string | null; next: string | null };
    expect(ranged).toMatchObject({ prev: "val:7:0", next: null });
    const dataset = (await get("/api/pairs/val:7:2?split=val")).body as { prev: string | null; next: string | null };
    expect(dataset).toMatchObject({ prev: "val:7:1", next: "val:7:3" });
  });

  it("refuses the disagreement order for a model the split does not have, naming the ones it has", async () => {
    const list = await get("/api/pairs?split=val&sort=disagreement&model=gone");
    expect(list.status).toBe(404);
    expect(list.body).toEqual({ error: { code: "model_not_found", message: 'no model "gone" for split "val" (imported: "m1")' } });
    expect((await get("/api/pairs/val:7:2?split=val&sort=disagreement&model=gone")).status).toBe(404);
    expect((await get("/api/pairs?split=val&sort=disagreement")).status).toBe(400);
  });

  it("gives a pair's masks with per-target IoU", async () => {
    const { status, body } = await get("/api/predictions/pairs/val:7:2?model=m1");
    expect(status).toBe(200);
    const p = pairPredictionSchema.parse(body);
    expect(p.masks).toHaveLength(2);
    expect(p.targetIous[0]).toBeCloseTo(1, 6);
    expect(p.targetIous[1]).toBe(0);
    expect(p.iou).toBeCloseTo(0.5, 6);
  });

  it("relates IoU to decisions for the dashboard", async () => {
    const before = iouInsightsSchema.parse((await get("/api/predictions/insights?split=val&model=m1")).body);
    expect(before.overall.rejected).toBe(0);
    await decide("val:7:0", "rejected");
    await decide("val:7:3", "accepted");
    const insights = iouInsightsSchema.parse((await get("/api/predictions/insights?split=val&model=m1")).body);
    expect(insights.overall).toEqual({ pairs: 4, decided: 2, rejected: 1, rejectShare: 0.5 });
    // The lowest 5 % of four pairs is one pair: pair 0, rejected.
    expect(insights.lowest[0]).toEqual({ fraction: 0.05, pairs: 1, decided: 1, rejected: 1, rejectShare: 1 });
    // 30 / (100 + 1e-5) is just under 0.3: bin [0.2, 0.3).
    expect(insights.histogram[2]).toMatchObject({ from: 0.2, pairs: 1, byStatus: { rejected: 1 } });
    expect(insights.histogram[9]!.pairs).toBe(2);
  });

  it("gives raw vs cleaned scores for the export screen", async () => {
    await decide("val:7:0", "rejected");
    await decide("val:7:3", "accepted");
    const result = evalCompareSchema.parse((await get("/api/predictions/eval?split=val&model=m1")).body);
    expect(result.raw!.subsets.all.pairs).toBe(4);
    expect(result.cleaned.subsets.all.pairs).toBe(1);
    expect(result.cleaned.subsets.object.gIoU).toBeCloseTo(100 / (100 + 1e-5), 12);
  });

  it("answers 404 for an unknown model or prediction and 400 for a bad range", async () => {
    expect((await get("/api/predictions/pairs?split=val&model=ghost")).status).toBe(404);
    expect((await get("/api/predictions/pairs/val:7:9?model=m1")).status).toBe(404);
    expect((await get("/api/predictions/pairs?split=val&model=m1&minIou=0.9&maxIou=0.1")).status).toBe(400);
    expect((await get("/api/predictions/pairs?split=val&model=m1&minIou=2")).status).toBe(400);
  });
});
