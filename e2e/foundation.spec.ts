import { test, expect } from "./fixtures";
import { splits } from "./pages/api";

test("the server and the page show the sample split and its pair count", async ({ page, request }) => {
  const [sample] = await splits(request);
  expect(sample).toBeDefined();
  expect(sample!.pairs).toBeGreaterThanOrEqual(40);

  await page.goto("/");
  // First use: the app asks who is reviewing before anything can be decided.
  const prompt = page.getByRole("dialog", { name: "Who is reviewing?" });
  await expect(prompt).toBeVisible();
  await prompt.getByLabel("Reviewer name").fill("Ada");
  await prompt.getByLabel("Reviewer name").press("Enter");
  await expect(prompt).toBeHidden();

  await expect(page.getByTestId("split-picker")).toContainText(`${sample!.name} · ${sample!.pairs} pairs`);
  await expect(page.getByTestId("total-count")).toHaveText(String(sample!.pairs));
  await expect(page.getByTestId("pair-panel")).toHaveAttribute("data-status", "pending");
  await expect(page.getByRole("button", { name: "Ada" })).toBeVisible();
});
