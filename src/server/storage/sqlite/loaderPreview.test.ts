import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { exportPreviewSchema } from "../../../shared/insightsApi";
import { createTestApp } from "../../http/testApp";
import type { TestApp } from "../../http/testApp";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";
import { openStore } from "../open";
import type { ReviewStore } from "../store";

let dir: TempDir;
let store: ReviewStore;

beforeEach(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
  // Each record: a polygon laptop pair (mask_form); odd records add a fourth pair with stray braces.
  await importRecords(store, dir, "val", fixtureRecords(4));
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

describe("loaderPreview", () => {
  it("counts kept pairs that break the loader, masks to convert, and records over three pairs", async () => {
    expect(await store.loaderPreview!("val", true)).toEqual({ breaking: 2, breakingByFlag: { braces: 2 }, maskForm: 4, recordsOverThreePairs: 2 });
    expect(await store.loaderPreview!("val", false)).toEqual({ breaking: 0, breakingByFlag: {}, maskForm: 0, recordsOverThreePairs: 0 });
  });
});

describe("GET /api/insights/export-preview", () => {
  let t: TestApp;
  afterEach(() => t.close());
  it("includes the loader counts", async () => {
    t = await createTestApp();
    const response = await t.app.request("/api/insights/export-preview?split=tiny&include=pending");
    const preview = exportPreviewSchema.parse(await response.json());
    expect(preview.loader).toMatchObject({ breaking: expect.any(Number), maskForm: expect.any(Number), recordsOverThreePairs: 0 });
  });
});
