import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { test as base, expect } from "@playwright/test";
import { startServer, type RunningServer } from "./server";
import { ReviewPage, openAs } from "./pages/reviewPage";

/* The sample with its demo model imported: overlay, IoU on chips and panel, disagreement order. */

const root = resolve(import.meta.dirname, "..");
const PLANTED = "MMR_sample:104:2";

const test = base.extend<{ server: RunningServer }>({
  server: async ({}, use) => {
    const dir = mkdtempSync(join(tmpdir(), "mmr-e2e-pred-"));
    const db = join(dir, "review.db");
    const cli = (...args: string[]) => execFileSync(process.execPath, [join(root, "bin/mmr-review.mjs"), ...args], { cwd: root, stdio: "pipe" });
    cli("import", "--db", db, "sample/MMR_sample.json");
    cli("predictions", "import", "--db", db, "--split", "MMR_sample", "--model", "demo", "sample/predictions/MMR_sample.demo-model.jsonl");
    const server = await startServer(["--images", "sample/images"], { dbDir: dir });
    await use(server);
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  },
  baseURL: async ({ server }, use) => {
    await use(server.url);
  },
});

/** How many pixels of the prediction layer are painted (alpha > 0). */
async function paintedPixels(review: ReviewPage): Promise<number> {
  return review.page.getByTestId("prediction-layer").evaluate((el) => {
    const canvas = el as HTMLCanvasElement;
    const data = canvas.getContext("2d")!.getImageData(0, 0, canvas.width, canvas.height).data;
    let n = 0;
    for (let i = 3; i < data.length; i += 4) if (data[i]! > 0) n++;
    return n;
  });
}

test("the disagreement order puts the planted bad prediction first", async ({ request }) => {
  const res = await request.get("/api/predictions/pairs?split=MMR_sample&model=demo&limit=3");
  const body = (await res.json()) as { items: { id: string; iou: number }[] };
  expect(body.items[0]).toMatchObject({ id: PLANTED, iou: 0 });
});

test("the overlay draws the model's masks with p, and chips and panel show IoU", async ({ page }) => {
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent(PLANTED)}?split=MMR_sample`);
  await review.expectOpen(PLANTED);
  const layer = page.getByTestId("prediction-layer");
  await expect(layer).toHaveAttribute("data-prediction-state", "off");
  // IoU shows on every target chip and in the panel even with the overlay off.
  await expect(page.getByTestId("target-iou")).toHaveText(["0", "0"]);
  await expect(page.getByTestId("pair-iou")).toContainText("pair IoU 0");
  expect(await paintedPixels(review)).toBe(0);

  await review.press("p");
  await expect(layer).toHaveAttribute("data-prediction-state", "ready");
  await expect(review.canvas).toHaveAttribute("data-render-state", "ready");
  expect(await paintedPixels(review)).toBeGreaterThan(100);
  await page.screenshot({ path: "test-results/prediction-overlay.png" });

  // The next pair paints its predictions before the canvas says ready.
  await review.press("j");
  const next = await review.currentPairId();
  await review.expectOpen(next);
  await expect(layer).toHaveAttribute("data-prediction-state", "ready");
  expect(await paintedPixels(review)).toBeGreaterThan(0);

  // h hides every overlay, predictions included; p again turns them off.
  await review.press("h");
  await expect.poll(() => paintedPixels(review)).toBe(0);
  await review.press("h", "p");
  await expect(layer).toHaveAttribute("data-prediction-state", "off");
});

test("the dashboard relates IoU to decisions and the export screen shows what cleaning changes", async ({ page, request }) => {
  // A curator rejected the pair the model disagrees with most.
  const put = await request.put(`/api/pairs/${encodeURIComponent(PLANTED)}/decision`, {
    data: { status: "rejected", reasons: ["wrong_target"], reviewer: "e2e", baseVersion: 0 },
  });
  expect(put.ok()).toBe(true);
  await openAs(page, "e2e-curator", "/dashboard", page.getByTestId("dashboard"));
  const chart = page.getByTestId("chart-iou");
  await expect(chart).toBeVisible();
  expect(Number(await chart.getAttribute("data-total"))).toBeGreaterThan(50);
  // The lowest 5 % holds the planted pair, the one rejected pair: reject share 100 %.
  await expect(page.locator("[data-testid='iou-reject-share'] tr[data-fraction='0.05'] td").last()).toHaveText("100.0 %");
  await page.getByTestId("iou-reject-share").scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/prediction-dashboard.png", fullPage: true });

  // The lowest column opens the gallery on those pairs, the model's worst first, with the IoU range shown.
  await chart.locator("[data-column='0.0'] a").first().click();
  await expect(page.getByTestId("gallery")).toBeVisible();
  await expect(page.getByTestId("gallery-card").first()).toHaveAttribute("data-pair-id", PLANTED);
  await expect(page.getByTestId("iou-range")).toBeVisible();
  await expect.poll(() => {
    const url = new URL(page.url());
    return [url.searchParams.get("sort"), url.searchParams.get("minIou"), url.searchParams.get("maxIou")];
  }).toEqual(["disagreement", "0", "0.1"]);
  for (const theme of ["dark", "light"] as const) {
    await page.emulateMedia({ colorScheme: theme });
    await page.screenshot({ path: `test-results/prediction-gallery-${theme}.png` });
  }
  await page.setViewportSize({ width: 1024, height: 640 });
  await page.screenshot({ path: "test-results/prediction-gallery-small.png" });
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goBack();

  await page.getByRole("link", { name: "Export" }).click();
  const table = page.getByTestId("model-compare");
  await expect(table).toBeVisible();
  // The sample's 66 pairs, less 113:5, whose ground-truth mask cannot be read at the image's size.
  await expect(table.locator("tr[data-subset='all'] td").nth(3)).toHaveText("65");
  await expect(table.locator("tr[data-subset='all'] td").nth(6)).toHaveText("0");
  await table.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/prediction-export.png" });
});

test("the queue sorts by disagreement: the planted bad prediction comes first, j follows that order", async ({ page, request }) => {
  const order = ((await (await request.get("/api/pairs?split=MMR_sample&sort=disagreement&model=demo&limit=2")).json()) as { items: { id: string }[] }).items;
  const review = await ReviewPage.open(page, `/review/${encodeURIComponent("MMR_sample:101:0")}?split=MMR_sample`);
  await review.expectOpen("MMR_sample:101:0");
  await page.getByRole("combobox", { name: "Sort" }).selectOption("disagreement");
  await expect(page.getByTestId("queue-row").first()).toHaveAttribute("data-pair-id", PLANTED);
  await expect(page.getByTestId("iou-range")).toBeVisible();
  await page.screenshot({ path: "test-results/prediction-queue.png" });
  await expect.poll(() => new URL(page.url()).searchParams.get("sort")).toBe("disagreement");
  await review.queueRow(PLANTED).click();
  await review.expectOpen(PLANTED);
  // The planted pair has the lowest IoU, so nothing comes before it; j opens the next-lowest.
  expect(order[0]!.id).toBe(PLANTED);
  await review.press("j");
  await expect(review.panel).toHaveAttribute("data-pair-id", order[1]!.id);
  await expect(page.getByTestId("pair-iou")).toBeVisible();
});
