import type { PairDetail } from "../../shared/api";
import { loadImage } from "./imageCache";
import { getMask, peekMask } from "./maskCache";
import { preparePaint } from "./maskPaint";
import { targetColor } from "./palette";
import { annotationsByIndex, pairScope } from "./scene";

/*
 * Warms everything a pair needs to paint at once: the image (fetched and decoded), the target
 * masks (decoded, tinted in their colours, outlines built), then, when the browser is idle, the
 * image's other masks (for `o` and hover). Safe to call repeatedly: every step is cached.
 */

const yieldToMain = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

function whenIdle(): Promise<void> {
  return new Promise((resolve) => {
    if (typeof requestIdleCallback === "function") requestIdleCallback(() => resolve(), { timeout: 500 });
    else setTimeout(resolve, 16);
  });
}

/** Resolves once the image is loaded (or known missing) and the targets are ready to draw. */
export async function prefetchPair(detail: PairDetail): Promise<void> {
  const image = loadImage(detail.image.url);
  const scope = pairScope(detail);
  const anns = annotationsByIndex(detail);
  for (const [k, index] of detail.targets.entries()) {
    const ann = anns.get(index);
    if (!ann) continue;
    if (!peekMask(scope, ann)) await yieldToMain(); // one decode per task: never a long frame
    preparePaint(getMask(scope, ann), targetColor(k));
  }
  await image;
  void decodeOthers(detail);
}

const othersQueued = new Set<string>();

async function decodeOthers(detail: PairDetail): Promise<void> {
  const scope = pairScope(detail);
  if (othersQueued.has(scope)) return;
  othersQueued.add(scope);
  try {
    for (const ann of detail.annotations) {
      if (peekMask(scope, ann)) continue;
      await whenIdle();
      getMask(scope, ann);
    }
  } finally {
    othersQueued.delete(scope);
  }
}
