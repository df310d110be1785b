import { readFileSync } from "node:fs";
import { test, expect } from "./fixtures";
import { pairIds, sampleSplit, type ExportedRecord } from "./pages/api";
import { seedReviewer } from "./pages/reviewPage";
import { pickedFileText, withoutSavePicker, withPickedFile } from "./pages/savePicker";
import type { APIRequestContext } from "@playwright/test";

async function decide(request: APIRequestContext, id: string, body: Record<string, unknown>) {
  const response = await request.put(`/api/pairs/${encodeURIComponent(id)}/decision`, { data: { reviewer: "ana", baseVersion: 0, ...body } });
  expect(response.status()).toBe(200);
}

/** A gate the export route waits on: opened by the test once it has done what needs a running download. */
function holdExport(): { held: Promise<void>; release: () => void } {
  let release: () => void = () => undefined;
  const held = new Promise<void>((resolve) => (release = resolve));
  return { held, release };
}

test("the export screen's preview matches the files it downloads (in-memory fallback: no File System Access API)", async ({ page, request }) => {
  await withoutSavePicker(page);
  const ids = await pairIds(request);
  // Pair 5 (MMR_sample:101:5, seg_count) would break the loader: the server refuses to accept it.
  for (const id of [...ids.slice(0, 5), ids[9]!]) await decide(request, id, { status: "accepted" });
  for (const id of ids.slice(6, 9)) await decide(request, id, { status: "rejected", reasons: ["wrong_target"] });
  await decide(request, ids[10]!, { status: "accepted", edits: { question: "Edited: which object would you sit on?" } });

  await seedReviewer(page, "e2e-lead");
  await page.goto(`/export?split=${sampleSplit}`);
  const preview = page.getByTestId("export-preview");
  await expect(preview).toHaveAttribute("data-pairs-kept", "7");
  await expect(preview).toHaveAttribute("data-pairs-dropped", String(ids.length - 7));
  await expect(preview).toHaveAttribute("data-edited", "1");

  const check = async (mode: "loader-safe" | "lossless" = "loader-safe") => {
    const keptPairs = Number(await preview.getAttribute("data-pairs-kept"));
    const keptImages = Number(await preview.getAttribute("data-images-kept"));
    // Loader-safe leaves out the kept pairs that would break the official loader (the screen counts them).
    const breaking = mode === "lossless" ? 0 : Number(await page.getByTestId("export-loader").getAttribute("data-breaking"));
    const downloaded = page.waitForEvent("download");
    await page.getByTestId("download-cleaned").getByRole("button", { name: "Download cleaned split" }).click();
    const file = await (await downloaded).path();
    const records = JSON.parse(readFileSync(file, "utf8")) as ExportedRecord[];
    if (mode === "lossless") expect(records).toHaveLength(keptImages);
    else expect(records.length).toBeLessThanOrEqual(keptImages);
    expect(records.reduce((n, r) => n + r.questions.length, 0)).toBe(keptPairs - breaking);
    await expect(page.getByTestId("download-cleaned")).toHaveAttribute("data-phase", "done");
    return records;
  };
  const strict = await check();
  expect(strict.flatMap((r) => r.questions)).toContain("Edited: which object would you sit on?");

  // Keeping pending pairs: the preview changes and so does the file; loader-safe leaves out the
  // nine planted pairs that would break the loader, lossless writes them as read.
  await page.getByLabel("Keep pending pairs").check();
  await expect(preview).toHaveAttribute("data-pairs-kept", String(ids.length - 3));
  await expect(page.getByTestId("export-loader")).toHaveAttribute("data-breaking", "9");
  await check();
  await page.getByLabel("Lossless").check();
  await check("lossless");

  // The decision log: one line per decided pair.
  await expect(preview).toHaveAttribute("data-decided", "10");
  const logDownload = page.waitForEvent("download");
  await page.getByRole("button", { name: "Download decision log" }).click();
  const lines = readFileSync(await (await logDownload).path(), "utf8").trim().split("\n");
  expect(lines).toHaveLength(10);
  expect((JSON.parse(lines[0]!) as { id: string }).id).toBe(ids[0]);
});

test("a long export shows its progress and can be cancelled (in-memory fallback)", async ({ page }) => {
  await withoutSavePicker(page);
  await seedReviewer(page, "e2e-lead");
  // Hold the response back until Cancel was pressed, so the download is surely still running.
  const hold = holdExport();
  await page.route("**/api/export?**", async (route) => {
    await hold.held;
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
  hold.release();
});

test("with the File System Access API the export streams into the picked file, matching the preview", async ({ page, request }) => {
  const ids = await pairIds(request);
  for (const id of ids.slice(0, 4)) await decide(request, id, { status: "accepted" });
  await decide(request, ids[4]!, { status: "rejected", reasons: ["wrong_target"] });
  await withPickedFile(page);
  await seedReviewer(page, "e2e-lead");
  await page.goto(`/export?split=${sampleSplit}`);
  const preview = page.getByTestId("export-preview");
  await expect(preview).toHaveAttribute("data-pairs-kept", "4");
  let blobDownloads = 0;
  page.on("download", () => blobDownloads++);

  const box = page.getByTestId("download-cleaned");
  await box.getByRole("button", { name: "Download cleaned split" }).click();
  await expect(box).toHaveAttribute("data-phase", "done");
  const text = await pickedFileText(page, `${sampleSplit}.cleaned.json`);
  expect(text).not.toBeNull();
  const records = JSON.parse(text!) as ExportedRecord[];
  expect(records).toHaveLength(Number(await preview.getAttribute("data-images-kept")));
  expect(records.reduce((n, r) => n + r.questions.length, 0)).toBe(4);
  await expect(box).toContainText(`Saved ${sampleSplit}.cleaned.json`);
  expect(blobDownloads).toBe(0);
});

test("cancelling a streamed export leaves no half file", async ({ page }) => {
  await withPickedFile(page);
  await seedReviewer(page, "e2e-lead");
  const hold = holdExport();
  await page.route("**/api/export?**", async (route) => {
    await hold.held;
    await route.continue().catch(() => undefined);
  });
  await page.goto(`/export?split=${sampleSplit}`);
  const box = page.getByTestId("download-cleaned");
  await box.getByRole("button", { name: "Download cleaned split" }).click();
  await expect(box).toHaveAttribute("data-phase", "running");
  await box.getByRole("button", { name: "Cancel" }).click();
  await expect(box).toHaveAttribute("data-phase", "cancelled");
  hold.release();
  // The writable was aborted: its swap file is dropped and the picked file keeps no bytes.
  expect(await pickedFileText(page, `${sampleSplit}.cleaned.json`)).toBe("");
});

test("without the API, a large export is offered as a plain link the browser streams", async ({ page }) => {
  await withoutSavePicker(page);
  await seedReviewer(page, "e2e-lead");
  // Pretend the split is a ~480 MB train split; the file itself is the small sample.
  await page.route("**/api/insights/export-preview?**", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as Record<string, unknown>;
    await route.fulfill({ response, json: { ...body, estimatedBytes: 480 * 1024 * 1024 } });
  });
  await page.goto(`/export?split=${sampleSplit}`);
  const preview = page.getByTestId("export-preview");
  await expect(preview).toHaveAttribute("data-pairs-kept", /\d+/);
  const link = page.getByTestId("download-cleaned-link").getByRole("link");
  await expect(link).toHaveAttribute("href", `/api/export?split=${sampleSplit}`);
  // The button refuses to gather it in memory and points at the link.
  await page.getByRole("button", { name: "Download cleaned split" }).click();
  await expect(page.getByTestId("download-cleaned")).toHaveAttribute("data-phase", "needs-link");
  const downloaded = page.waitForEvent("download");
  await link.click();
  const records = JSON.parse(readFileSync(await (await downloaded).path(), "utf8")) as ExportedRecord[];
  expect(records.reduce((n, r) => n + r.questions.length, 0)).toBe(Number(await preview.getAttribute("data-pairs-kept")));
});
