import type { Annotation, ImageRecord } from "./mmr";
import { rleEncode, rleToString } from "./rle";

/* Builders of small MMR records for unit tests (not shipped in any bundle: only tests import it). */

export const H = 40;
export const W = 60;

/** A compressed RLE of an axis-aligned rectangle of pixels. */
export function rectRle(x: number, y: number, w: number, h: number, height = H, width = W): { size: [number, number]; counts: string } {
  const mask = new Uint8Array(height * width);
  for (let r = y; r < y + h; r++) mask.fill(1, r * width + x, r * width + x + w);
  return { size: [height, width], counts: rleToString(rleEncode(mask, height, width)) };
}

let nextId = 1;

/** An annotation whose mask fills its bbox exactly. */
export function ann(
  categoryName: string,
  bbox: [number, number, number, number],
  extra: Partial<Annotation> = {},
): Annotation {
  return {
    bbox,
    segmentation: rectRle(...bbox),
    image_id: 7,
    category_name: categoryName,
    category_id: categoryIds(categoryName),
    id: nextId++,
    ...extra,
  };
}

function categoryIds(name: string): number {
  let h = 0;
  for (const c of name) h = (h * 31 + c.charCodeAt(0)) % 997;
  return h;
}

export interface PairSpec {
  question: string;
  text: string;
  targets: Annotation[];
  raw?: string;
}

/** A record holding `annotations` and one pair per spec; the raw answer defaults to a correct one. */
export function makeRecord(annotations: Annotation[], pairs: PairSpec[], extra: Record<string, unknown> = {}): ImageRecord {
  return {
    file_name: "val2017/000000000007.jpg",
    height: H,
    width: W,
    image_id: 7,
    questions: pairs.map((p) => p.question),
    annotations,
    answers: pairs.map((p) => p.targets),
    text_answers: pairs.map((p) => p.text),
    raw_answers: pairs.map((p) => p.raw ?? correctRaw(p.text, p.targets)),
    ...extra,
  };
}

function correctRaw(text: string, targets: Annotation[]): string {
  let k = 0;
  return text.replace(/\{seg\}/g, () => {
    const b = targets[k++]?.bbox ?? [0, 0, 0, 0];
    return `[${b[0]}, ${b[1]}, ${b[0]! + b[2]!}, ${b[1]! + b[3]!}]`;
  });
}
