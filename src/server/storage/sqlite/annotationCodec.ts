import type { ImportedAnnotation } from "../store";

/*
 * An image's annotations are kept as one JSON value in `images.annotations` (migration 8), not as
 * one row each: they are only ever read together (the pair detail) or as a few categories (a
 * decision's edited targets), and a 154K-pair import wrote 593K annotation rows, the costliest
 * table of the load (27.6 of 74 s spent in inserts, timed per table under load 10).
 *
 * Each annotation is a positional array, in `idx` order:
 *   [idx, annId, categoryId, category, kind, instanceName, parent, bbox, area, maskBox, rle, h, w]
 * `rle` is null when the record's own `annotations[idx].segmentation.counts` is the same string
 * (read back from the raw record then), as the rle column of the annotations table was.
 */

export interface StoredAnnotation {
  idx: number;
  annId: number | null;
  categoryId: number;
  category: string;
  kind: string;
  instanceName: string;
  parent: number | null;
  bbox: number[];
  area: number;
  maskBox: number[];
  rle: string | null;
  h: number;
  w: number;
}

type Packed = [number, number | null, number, string, string, string, number | null, number[], number, number[], string | null, number, number];

export function encodeAnnotations(annotations: readonly ImportedAnnotation[]): string {
  const packed = annotations.map(
    (a): Packed => [
      a.index,
      a.annId,
      a.categoryId,
      a.categoryName,
      a.kind,
      a.instanceName,
      a.parent,
      a.bbox,
      a.area,
      a.maskBox,
      a.rleInRecord ? null : a.rle,
      a.size[0],
      a.size[1],
    ],
  );
  return JSON.stringify(packed);
}

function malformed(what: string): Error {
  return new Error(`store is inconsistent: an image's stored annotations are malformed (${what})`);
}

export function decodeAnnotations(text: string): StoredAnnotation[] {
  const value: unknown = JSON.parse(text);
  if (!Array.isArray(value)) throw malformed("not a list");
  return value.map((entry: unknown): StoredAnnotation => {
    if (!Array.isArray(entry) || entry.length !== 13) throw malformed("an entry is not a 13-item list");
    const [idx, annId, categoryId, category, kind, instanceName, parent, bbox, area, maskBox, rle, h, w] = entry as Packed;
    return { idx, annId, categoryId, category, kind, instanceName, parent, bbox, area, maskBox, rle, h, w };
  });
}

/** Category names of the annotations at `targets` (positions), each once, in target order. */
export function categoriesOf(annotations: readonly StoredAnnotation[], targets: readonly number[]): string[] {
  const byIdx = new Map(annotations.map((a) => [a.idx, a.category]));
  const out = new Set<string>();
  for (const t of targets) {
    const category = byIdx.get(t);
    if (category !== undefined) out.add(category);
  }
  return [...out];
}
