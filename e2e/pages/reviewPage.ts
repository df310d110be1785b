import { expect, type Locator, type Page } from "@playwright/test";
import type { MmrTestApi } from "../../src/client/features/review/testApi";

export type CanvasProbe = NonNullable<ReturnType<MmrTestApi["canvas"]>>;
export type DraftProbe = ReturnType<MmrTestApi["draft"]>;

/** Seeds the reviewer name so the first-use prompt stays closed (unless a test wants it). */
export async function seedReviewer(page: Page, name: string): Promise<void> {
  await page.addInitScript((reviewer) => {
    // The in-page test API (window.__mmr) is installed only for tests.
    localStorage.setItem("mmr-review.test-api", "1");
    if (!localStorage.getItem("mmr-review.reviewer")) {
      localStorage.setItem("mmr-review.reviewer", JSON.stringify({ state: { name: reviewer }, version: 0 }));
    }
  }, name);
}

/** Opens `path` as `reviewer` and waits until the screen's `ready` element shows. */
export async function openAs(page: Page, reviewer: string, path: string, ready: Locator): Promise<void> {
  await seedReviewer(page, reviewer);
  await page.goto(path);
  await expect(ready).toBeVisible();
}

/** The review screen as a curator drives it: keys in, pair panel and canvas hooks out. */
export class ReviewPage {
  readonly panel: Locator;
  readonly canvas: Locator;
  readonly offlineBadge: Locator;
  readonly conflictView: Locator;

  constructor(readonly page: Page) {
    this.panel = page.getByTestId("pair-panel");
    this.canvas = page.getByTestId("pair-canvas");
    this.offlineBadge = page.getByTestId("offline-badge");
    this.conflictView = page.getByTestId("conflict-view");
  }

  static async open(page: Page, path = "/", reviewer = "e2e-curator"): Promise<ReviewPage> {
    const review = new ReviewPage(page);
    await openAs(page, reviewer, path, review.panel);
    return review;
  }

  async currentPairId(): Promise<string> {
    const id = await this.panel.getAttribute("data-pair-id");
    if (!id) throw new Error("the pair panel names no pair");
    return id;
  }

  /** The pair is open: panel and canvas name it and the canvas has painted it. */
  async expectOpen(pairId: string): Promise<void> {
    await expect(this.panel).toHaveAttribute("data-pair-id", pairId);
    await expect(this.canvas).toHaveAttribute("data-pair-id", pairId);
    await expect(this.canvas).toHaveAttribute("data-render-state", "ready");
    // The address bar follows the screen after its paint (lib/router.ts).
    await expect.poll(() => decodeURIComponent(new URL(this.page.url()).pathname)).toBe(`/review/${pairId}`);
  }

  async expectStatus(status: "pending" | "accepted" | "rejected"): Promise<void> {
    await expect(this.panel).toHaveAttribute("data-status", status);
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** `r`, the reason digits, Enter. */
  async rejectWith(...reasonNumbers: number[]): Promise<void> {
    await this.press("r");
    await expect(this.page.getByTestId("reason-picker")).toBeVisible();
    await this.press(...reasonNumbers.map(String), "Enter");
  }

  /** What the canvas shows, from the in-page test API. */
  async probe(): Promise<CanvasProbe> {
    const probe = await this.page.evaluate(() => window.__mmr?.canvas() ?? null);
    if (!probe) throw new Error("no canvas on screen (or no test API)");
    return probe;
  }

  async draft(): Promise<DraftProbe> {
    const draft = await this.page.evaluate(() => window.__mmr?.draft() ?? null);
    if (!draft) throw new Error("no test API");
    return draft;
  }

  /** The canvas area (where the pointer and the canvas keys act). */
  get canvasArea(): Locator {
    return this.canvas.locator(".pc-area");
  }

  /** Page coordinates of an image point on the canvas. */
  async pagePoint(x: number, y: number): Promise<{ x: number; y: number }> {
    const { viewport } = await this.probe();
    const area = await this.canvasArea.boundingBox();
    if (!area) throw new Error("canvas not laid out");
    return { x: area.x + x * viewport.scale + viewport.x, y: area.y + y * viewport.scale + viewport.y };
  }

  queueRow(pairId: string): Locator {
    return this.page.locator(`[data-testid="queue-row"][data-pair-id="${pairId}"]`);
  }
}

/** The queue header's count, "N [status ]pair(s) in this queue", for a count N of any status filter. */
export function queueTotalPattern(n: number): RegExp {
  return new RegExp(`^${n.toLocaleString("en")} (pending |accepted |rejected )?pairs? in this queue$`);
}
