import { probeCanvas, type CanvasProbe } from "./canvas/canvasProbe";
import { draftChanged, useEditDraftStore } from "./edit/editDraftStore";
import { useReviewModeStore } from "./reviewModeStore";

/*
 * A typed in-page API for end-to-end tests (as tldraw puts its editor on window): what the canvas
 * shows and what the review screen holds, read from the app's own state instead of pixels.
 * Installed only when the page is opened for tests (localStorage `mmr-review.test-api` = "1",
 * which the e2e page objects set before the app loads); a curator's browser never gets it.
 */
export interface MmrTestApi {
  canvas: () => CanvasProbe | null;
  draft: () => { pairId: string | null; changed: boolean; restored: boolean; targets: number[] | null; saved: string[] };
  mode: () => string;
}

declare global {
  interface Window {
    __mmr?: MmrTestApi;
  }
}

export const TEST_API_FLAG = "mmr-review.test-api";

export function installTestApi(): void {
  try {
    if (globalThis.localStorage?.getItem(TEST_API_FLAG) !== "1") return;
  } catch {
    return;
  }
  window.__mmr = {
    canvas: probeCanvas,
    draft: () => {
      const { draft, saved } = useEditDraftStore.getState();
      return { pairId: draft?.pairId ?? null, changed: draftChanged(draft), restored: draft?.restored ?? false, targets: draft ? [...draft.targets] : null, saved: Object.keys(saved) };
    },
    mode: () => useReviewModeStore.getState().mode,
  };
}
