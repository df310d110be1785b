import type { PairDetail } from "../../../../shared/api";
import { parseRawAnswer } from "../../../../shared/answers";
import { annotationsByIndex, type RawBox, type SceneMask } from "../../../canvas/scene";
import type { Box } from "../../../canvas/viewport";
import { OTHER_STYLE } from "../../../canvas/palette";

const NO_BOX: Box = [0, 0, 0, 0];

/**
 * Each target's box `[x, y, w, h]` in placeholder order: its mask's box, else its dataset bbox;
 * an empty box for a target that names no annotation (so positions stay aligned).
 */
export function targetBoxes(detail: PairDetail, targets: readonly number[]): Box[] {
  const anns = annotationsByIndex(detail);
  return targets.map((index) => {
    const ann = anns.get(index);
    if (!ann) return NO_BOX;
    const [mx = 0, my = 0, mw = 0, mh = 0] = ann.maskBox;
    if (mw > 0 && mh > 0) return [mx, my, mw, mh] as const;
    const [x = 0, y = 0, w = 0, h = 0] = ann.bbox;
    return [x, y, w, h] as const;
  });
}

/**
 * The raw answer's boxes (written `[x1, y1, x2, y2]`) as `[x, y, w, h]`, each in the colour of
 * the target at its position. Only for the answer as generated: an edited answer or target list
 * gets its raw answer rebuilt on export, so the written boxes no longer apply.
 */
export function rawBoxesOf(detail: PairDetail, targets: readonly number[], drawn: readonly SceneMask[]): RawBox[] {
  if (!detail.rawAnswer) return [];
  const sameTargets = targets.length === detail.original.targets.length && targets.every((t, i) => t === detail.original.targets[i]);
  if (!sameTargets || detail.textAnswer !== detail.original.textAnswer) return [];
  const colorAt = new Map(drawn.map((m) => [m.target, m.color]));
  return parseRawAnswer(detail.rawAnswer).map((mention, k) => {
    const [x1, y1, x2, y2] = mention.box;
    return { box: [x1, y1, x2 - x1, y2 - y1] as const, k, color: colorAt.get(k) ?? OTHER_STYLE.fill };
  });
}
