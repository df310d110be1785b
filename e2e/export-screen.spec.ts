import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures";
import { pairIds, sampleSplit, type ExportedRecord } from "./pages/api";
import { seedReviewer } from "./pages/reviewPage";
import type { APIRequestContext } from "@playwright/test";

async function decide(request: APIRequestContext, id: string, body: Record<string, unknown>) {
  const response = await request.put(`/api/pairs/${encodeURIComponent(id)}/decision`, { data: { reviewer: "ana", baseVersion: 0, ...body } });
  expect(response.status()).toBe(200);
}

test("the export screen's preview matches the files it downloads", async ({ page, request }) => {
  const ids = await pairIds(request);
  for (const id of ids.slice(0, 6)) await decide(request, id, { status: "accepted" });
  for (const id of ids.slice(6, 9)) await decide(request, id, { status: "rejected", reasons: ["wrong_target"] });
  await decide(request, ids[10]!, { status: "accepted", edits: { question: "Edited: which object would you sit on?" } });

  await seedReviewer(page, "e2e-lead");
  await page.goto(`/export?split=${sampleSplit}`);
  const preview = page.getByTestId("export-preview");
  await expect(preview).toHaveAttribute("data-pairs-kept", "7");
  await expect(preview).toHaveAttribute("data-pairs-dropped", String(ids.length - 7));
  await expect(preview).toHaveAttribute("data-edited", "1");

  const check = async () => {
    const keptPairs = Number(await preview.getAttribute("data-pairs-kept"));
    const keptImages = Number(await preview.getAttribute("data-images-kept"));
    const downloaded = page.waitForEvent("download");
    await page.getByTestId("download-cleaned").getByRole("button", { name: "Download cleaned split" }).click();
    const file = await (await downloaded).path();
    const records = JSON.parse(readFileSync(file, "utf8")) as ExportedRecord[];
    expect(records).toHaveLength(keptImages);
    expect(records.reduce((n, r) => n + r.questions.length, 0)).toBe(keptPairs);
    await expect(page.getByTestId("download-cleaned")).toHaveAttribute("data-phase", "done");
    return records;
  };
  const strict = await check();
  expect(strict.flatMap((r) => r.questions)).toContain("Edited: which object would you sit on?");

  // Keeping pending pairs: the preview changes and so does the file.
  await page.getByLabel("Keep pending pairs").check();
  await expect(preview).toHaveAttribute("data-pairs-kept", String(ids.length - 3));
  await check();

  // The decision log: one line per decided pair.
  await expect(preview).toHaveAttribute("data-decided", "10");
  const logDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download decision log" }).click();
  const lines = readFileSync(await (await logDownload).path(), "utf8").trim().split("\n");
  expect(lines).toHaveLength(10);
  expect((JSON.parse(lines[0]!) as { id: string }).id).toBe(ids[0]);
});

test("a long export shows its progress and can be cancelled", async ({ page }) => {
  await seedReviewer(page, "e2e-lead");
  // Hold the response body back so the download is still running when Cancel is pressed.
  await page.route("**/api/export?**", async (route) => {
    await new Promise((r) => setTimeout(r, 3000));
    await route.continue().catch(() => undefined);
  });
  await page.goto(`/export?split=${sampleSplit}`);
  await page.getByLabel("Keep pending pairs").check();
  await page.getByRole("button", { name: "Download cleaned split" }).click();
  const box = page.getByTestId("download-cleaned");
  await expect(box).toHaveAttribute("data-phase", "running");
  await expect(box.getByRole("progressbar")).toBeVisible();
  await box.getByRole("button", { name: "Cancel" }).click();
  await expect(box).toHaveAttribute("data-phase", "cancelled");
});
