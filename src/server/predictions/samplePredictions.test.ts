import { fileURLToPath } from "node:url";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { importSplit } from "../import/importSplit";
import { openStore } from "../storage/open";
import type { ReviewStore } from "../storage/store";
import { tempDir, type TempDir } from "../test-fixtures/splitFiles";
import { importPredictions } from "./importPredictions";

const sampleSplit = fileURLToPath(new URL("../../../sample/MMR_sample.json", import.meta.url));
const samplePredictions = fileURLToPath(new URL("../../../sample/predictions/MMR_sample.demo-model.jsonl", import.meta.url));

let dir: TempDir;
let store: ReviewStore;
beforeEach(async () => {
  dir = tempDir();
  store = await openStore(dir.file("review.db"));
});
afterEach(async () => {
  await store.close();
  dir.remove();
});

describe("the sample's demo model", () => {
  it("imports whole, and sorting by disagreement puts the planted bad prediction first", async () => {
    await importSplit(store, sampleSplit, { workers: 0 });
    expect(await importPredictions(store, { split: "MMR_sample", model: "demo", file: samplePredictions })).toEqual({ pairs: 58 });
    const list = (await store.predictions().listByIou({ split: "MMR_sample", model: "demo", limit: 3 }));
    expect(list.items[0]).toMatchObject({ id: "MMR_sample:104:2", iou: 0 });
    expect(list.items[1]!.iou).toBeGreaterThan(0);
  });
});
