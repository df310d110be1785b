import { expect, type Locator, type Page } from "@playwright/test";
import { openAs } from "./reviewPage";

/** The gallery as a lead drives it: cards, keys, bulk bar, sample estimate. */
export class GalleryPage {
  readonly cards: Locator;
  readonly canvases: Locator;
  readonly dialog: Locator;

  constructor(readonly page: Page) {
    this.cards = page.getByTestId("gallery-card");
    this.canvases = page.getByTestId("card-canvas");
    this.dialog = page.getByTestId("gallery-decide-dialog");
  }

  static async open(page: Page, search = "?split=MMR_sample", reviewer = "e2e-lead"): Promise<GalleryPage> {
    const gallery = new GalleryPage(page);
    await openAs(page, reviewer, `/gallery${search}`, gallery.cards.first());
    return gallery;
  }

  card(id: string): Locator {
    return this.page.locator(`[data-testid="gallery-card"][data-pair-id="${id}"]`);
  }

  async cardIds(): Promise<string[]> {
    return this.cards.evaluateAll((els) => els.map((el) => el.getAttribute("data-pair-id") ?? ""));
  }

  /** Every card in the DOM has its picture painted. */
  async expectAllPainted(): Promise<void> {
    await expect.poll(() => this.canvases.count()).toBeGreaterThan(0);
    await expect(this.page.locator('[data-testid="card-canvas"][data-render-state="loading"]')).toHaveCount(0, { timeout: 20_000 });
    await expect(this.page.locator('[data-testid="card-canvas"][data-render-state="error"]')).toHaveCount(0);
  }

  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }
}
