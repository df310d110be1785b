import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { pairView } from "../../review/pairView";
import { pairDetailSchema } from "../../../shared/api";
import { rectRle } from "../../../shared/testRecord";
import { openStore } from "../open";
import type { ReviewStore } from "../store";
import { importRecords } from "../../test-fixtures/importFixture";
import { fixtureRecords, tempDir } from "../../test-fixtures/splitFiles";
import type { TempDir } from "../../test-fixtures/splitFiles";

/* The review screen gets the target copy the loader decodes, not the annotation the copy names. */

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

describe("pair detail of a target copy", () => {
  it("points the target at the copy's own mask and names the annotation it copies", async () => {
    const records = fixtureRecords(1);
    const chair = records[0]!.annotations[0]!;
    // Pair 0's chair keeps the chair's id but carries another mask: a 5 × 5 square.
    records[0]!.answers[0] = [{ ...chair, segmentation: rectRle(2, 3, 5, 5, 40, 60) }];
    await importRecords(store, dir, "val", records);
    const detail = pairDetailSchema.parse(pairView((await store.getPair("val:1000:0", {}))!));
    expect(detail.flags).toContain("target_copy");
    const target = detail.annotations[detail.targets[0]!]!;
    expect(target).toMatchObject({ copyOf: 0, area: 25, instanceName: "chair_1 (copy)", generatorName: "chair_1", form: "compressed", problem: null });
    expect(target.rle).toEqual(rectRle(2, 3, 5, 5, 40, 60));
    // The annotation itself is still there to compare with.
    expect(detail.annotations[0]).toMatchObject({ area: 600, instanceName: "chair_1" });
    // The pair of the other chair copy (pair 1), equal to the annotation, is not a copy.
    const other = pairDetailSchema.parse(pairView((await store.getPair("val:1000:1", {}))!));
    expect(other.flags).not.toContain("target_copy");
    expect(other.targets).toEqual([1, 0]);
  });

  it("reports the forms of a pair's own copies", async () => {
    await importRecords(store, dir, "val", fixtureRecords(1));
    const detail = pairDetailSchema.parse(pairView((await store.getPair("val:1000:2", {}))!));
    expect(detail.flags).toEqual(["mask_form"]);
    expect(detail.copyForms).toEqual(["polygon"]);
  });
});
