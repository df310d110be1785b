import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { statsSchema } from "../../shared/api";
import { importSplit } from "../import/importSplit";
import { createTestApp, putDecision, type TestApp } from "./testApp";
import { writeManyImagesFixture } from "./testFixture";

/* `/api/stats?split=…`: the dashboard's counts for the split picked in the top bar. */

let t: TestApp;
let otherDir: string;
beforeEach(async () => {
  t = await createTestApp();
  // A second split, "load": two images of three pairs each, next to the five pairs of "tiny".
  otherDir = mkdtempSync(join(tmpdir(), "mmr-stats-"));
  const other = writeManyImagesFixture(otherDir, 2, "load");
  await importSplit(t.store, other.splitFile, { imagesDir: other.imagesDir });
  expect((await putDecision(t.app, "tiny:1:0", { status: "rejected", reasons: ["bad_mask"], reviewer: "ann", baseVersion: 0 })).status).toBe(200);
  expect((await putDecision(t.app, "load:1000:0", { status: "accepted", reviewer: "bob", baseVersion: 0 })).status).toBe(200);
  expect((await putDecision(t.app, "load:1000:1", { status: "rejected", reasons: ["wrong_target"], reviewer: "bob", baseVersion: 0 })).status).toBe(200);
});
afterEach(() => {
  t.close();
  rmSync(otherDir, { recursive: true, force: true });
});

async function stats(query = "") {
  const response = await t.app.request(`/api/stats${query}`);
  expect(response.status).toBe(200);
  return statsSchema.parse(await response.json());
}

const sum = (record: Record<string, number>) => Object.values(record).reduce((a, b) => a + b, 0);

describe("GET /api/stats", () => {
  it("counts every split without a split", async () => {
    const all = await stats();
    expect(all.total).toBe(11);
    expect(all.byStatus).toEqual({ pending: 8, accepted: 1, rejected: 2 });
    expect(all.splits.map((s) => s.name)).toEqual(["load", "tiny"]);
    expect(all.byReviewer).toEqual({ bob: 2, ann: 1 });
  });

  it("counts only the named split", async () => {
    const tiny = await stats("?split=tiny");
    expect(tiny.total).toBe(5);
    expect(tiny.byStatus).toEqual({ pending: 4, accepted: 0, rejected: 1 });
    expect(tiny.splits.map((s) => s.name)).toEqual(["tiny"]);
    expect(tiny.byReason).toEqual({ bad_mask: 1 });
    expect(tiny.byReviewer).toEqual({ ann: 1 });
    expect(sum(tiny.targetHistogram)).toBe(5);
    const granularityTotal = Object.values(tiny.byGranularity).reduce((n, c) => n + c.pending + c.accepted + c.rejected, 0);
    expect(granularityTotal).toBe(5);

    const load = await stats("?split=load");
    expect(load.total).toBe(6);
    expect(load.byStatus).toEqual({ pending: 4, accepted: 1, rejected: 1 });
    expect(load.byReason).toEqual({ wrong_target: 1 });
    expect(load.byReviewer).toEqual({ bob: 2 });
    expect(sum(load.targetHistogram)).toBe(6);
  });

  it("answers 404 JSON for an unknown split and 400 for an invalid name", async () => {
    const missing = await t.app.request("/api/stats?split=nope");
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: "split_not_found" } });
    const invalid = await t.app.request(`/api/stats?split=${encodeURIComponent("../x")}`);
    expect(invalid.status).toBe(400);
  });
});
