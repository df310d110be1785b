import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { test, expect } from "./fixtures";
import { ReviewPage } from "./pages/reviewPage";

/*
 * MMR_sample:113:4 plants a target copy: the answer's copy of bottle_1's label carries bottle_2's
 * label's mask. Training uses the copy, so the review shows the copy, not the annotation it names.
 */

interface SampleAnnotation {
  id: number;
  category_name: string;
  area: number;
}

test("a target copy that differs from its annotation is drawn and named as the copy", async ({ page }) => {
  const sample = JSON.parse(readFileSync(resolve(import.meta.dirname, "../sample/MMR_sample.json"), "utf8")) as {
    image_id: number;
    annotations: SampleAnnotation[];
  }[];
  const labels = sample.find((r) => r.image_id === 113)!.annotations.filter((a) => a.category_name === "bottle:label");
  const [ownLabel, otherLabel] = labels as [SampleAnnotation, SampleAnnotation];
  expect(ownLabel.area).not.toBe(otherLabel.area);

  const id = "MMR_sample:113:4";
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(id)}?split=MMR_sample`);
  await review.expectOpen(id);
  const chip = page.getByTestId("target-chip");
  await expect(chip).toHaveCount(1);
  await expect(chip).toContainText("bottle_1's label (copy)");
  // The chip measures the copy's mask: bottle_2's label's pixels, not bottle_1's.
  await expect(chip).toHaveAttribute("title", new RegExp(`${otherLabel.area.toLocaleString("en")} px`));
  await expect(review.panel).toContainText("target_copy");
});
