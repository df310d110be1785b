import type { Page } from "@playwright/test";

/*
 * The in-page probe, as plain JavaScript text: tsx would wrap named functions in a `__name` helper
 * that does not exist in the page. It starts at the next keydown (its event time) and resolves
 * once the canvas shows the expected pair as ready.
 */
const probeSource = `(pairId) => {
  window.__benchResult = new Promise((done, fail) => {
    let start = -1;
    const isReady = () => {
      const canvas = document.querySelector('[data-testid="pair-canvas"]');
      return !!canvas && canvas.dataset.pairId === pairId && canvas.dataset.renderState === "ready";
    };
    const observer = new MutationObserver(() => {
      if (start >= 0 && isReady()) { observer.disconnect(); done(performance.now() - start); }
    });
    window.addEventListener("keydown", (event) => {
      start = event.timeStamp;
      if (isReady()) { done(0); return; }
      observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-render-state", "data-pair-id"] });
    }, { capture: true, once: true });
    setTimeout(() => fail(new Error("pair " + pairId + " not ready within 10 s")), 10000);
  });
}`;

/** Arms the probe for the next keydown; read the result with `page.evaluate("window.__benchResult")`. */
export async function armRenderProbe(page: Page, expected: string): Promise<void> {
  await page.evaluate(`(${probeSource})(${JSON.stringify(expected)})`);
}
