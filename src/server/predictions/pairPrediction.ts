import { pairIou, scorePair } from "../../shared/metric";
import type { PairPrediction } from "../../shared/predictionsApi";
import { rleFromString } from "../../shared/rle";
import type { ReviewStore } from "../storage/store";

/*
 * A pair's predicted masks for the review screen, with IoU against its current targets (edits
 * applied, masks as the review screen shows them), so an edit that fixes a wrong target shows the
 * model agreeing at once. Null when the pair or the model's prediction for it does not exist.
 */
export async function pairPrediction(store: ReviewStore, model: string, pairId: string): Promise<PairPrediction | null> {
  const pair = await store.getPair(pairId, {});
  if (!pair) return null;
  const stored = await store.predictions().get(pair.split, model, pairId);
  if (!stored) return null;
  const { height, width } = pair.image;
  const truth = pair.targets.map((t) => {
    const rle = pair.annotations[t]?.rle;
    return rle && rle.size[0] === height && rle.size[1] === width ? rleFromString(rle.counts) : null;
  });
  const masks = stored.masks.map((counts) => ({ size: [stored.height, stored.width] as [number, number], counts }));
  let targetIous: (number | null)[];
  let iou: number | null;
  const sameSize = stored.height === height && stored.width === width;
  if (truth.every((t) => t !== null) && sameSize) {
    const score = scorePair(truth as Uint32Array[], stored.masks.map((m) => rleFromString(m)));
    targetIous = score.targets.map((t) => t.iou);
    iou = pairIou(score);
  } else {
    targetIous = truth.map(() => null);
    iou = null;
  }
  return { pairId, model, masks, scores: stored.scores, targetIous, iou, importedIou: stored.iou };
}
