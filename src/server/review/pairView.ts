import { editedRawAnswer } from "../../shared/answers";
import type { PairDetail } from "../../shared/api";
import { imageUrl } from "../../shared/api";
import type { Thumb } from "../../shared/insightsApi";
import type { StoredThumb } from "../storage/insights";
import type { StoredPairDetail } from "../storage/store";

/*
 * What the review screen gets for a pair, from what the store keeps: the store returns data, the
 * domain rules live here — the raw answer of an edited pair is rebuilt with the rule export uses
 * (`editedRawAnswer`), and image URLs are made from split and image id (`imageUrl`).
 */

function sameIndices(a: readonly number[], b: readonly number[]): boolean {
  return a.length === b.length && a.every((v, i) => v === b[i]);
}

export function pairView(stored: StoredPairDetail): PairDetail {
  const { original, targets, annotations } = stored;
  let rawAnswer = stored.rawAnswer;
  if (rawAnswer !== null) {
    const byIndex = (t: number): readonly number[] => annotations.find((a) => a.index === t)?.bbox ?? [0, 0, 0, 0];
    const rebuilt = editedRawAnswer(original.textAnswer, stored.textAnswer, !sameIndices(targets, original.targets), () => targets.map(byIndex));
    if (rebuilt !== null) rawAnswer = rebuilt;
  }
  return { ...stored, rawAnswer, image: { ...stored.image, url: imageUrl(stored.split, stored.imageId) } };
}

export function thumbView(stored: StoredThumb): Thumb {
  return { ...stored, url: imageUrl(stored.split, stored.imageId) };
}
