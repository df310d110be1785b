import type { PairDetail } from "../../../../shared/api";
import { pairIou, scorePair } from "../../../../shared/metric";
import type { PairPrediction } from "../../../../shared/predictionsApi";
import { rleFromString } from "../../../../shared/rle";

/*
 * IoU of the model's masks against the pair's current targets (edits applied), computed in the
 * browser on the runs (no decoding), exactly as the server and `eval` do: a saved edit shows the
 * new agreement without refetching the prediction.
 */
export function withCurrentIous(prediction: PairPrediction, detail: PairDetail): PairPrediction {
  const { height, width } = detail.image;
  const truth = detail.targets.map((t) => {
    const rle = detail.annotations[t]?.rle;
    return rle && rle.size[0] === height && rle.size[1] === width ? rleFromString(rle.counts) : null;
  });
  const sized = prediction.masks.every((m) => m.size[0] === height && m.size[1] === width);
  if (!sized || truth.some((t) => t === null)) return { ...prediction, targetIous: truth.map(() => null), iou: null };
  const score = scorePair(truth as Uint32Array[], prediction.masks.map((m) => rleFromString(m.counts)));
  return { ...prediction, targetIous: score.targets.map((t) => t.iou), iou: pairIou(score) };
}
