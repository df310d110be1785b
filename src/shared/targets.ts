import type { Annotation, Segmentation } from "./mmr";
import { segmentationToRle } from "./rle";
import { checkSegmentation } from "./rleCheck";

/*
 * Answers hold full copies of annotation objects, and the MMR loader decodes those copies, never
 * `annotations` (LOADER.md). Reviewing and editing work on positions in the record's
 * `annotations`, so each copy is mapped to the annotation it names, but only counts as that
 * annotation when it is the same target: same category and a segmentation that decodes to the same
 * mask. Any other copy is its own target (an "orphan"), drawn, checked and exported from itself.
 */

export interface TargetMatch {
  /** Per pair, per target: an index into `annotations`, or `annotations.length + k` for orphan k. */
  targets: number[][];
  /** Targets that are no annotation, each listed once (first copy seen), in order of appearance. */
  orphans: Annotation[];
  /**
   * Per orphan: the annotation it names (same `id`, else same category and box) but differs from
   * (`target_copy`), or null when it names none.
   */
  orphanCopyOf: (number | null)[];
  /** Per orphan: `[pair, target]` of its first copy in `answers`. */
  orphanAt: [number, number][];
}

/** The value with the keys of every object sorted; arrays holding no object are kept as they are. */
function sortedKeys(v: unknown): unknown {
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    let i = 0;
    // Stryker disable next-line all: equivalent, a shortcut: sortedKeys maps an array without objects to the same values
    while (i < v.length && (v[i] === null || typeof v[i] !== "object")) i++;
    // Stryker disable next-line ConditionalExpression: equivalent, see above
    return i === v.length ? v : v.map(sortedKeys);
  }
  const sorted: Record<string, unknown> = {};
  for (const k of Object.keys(v).sort()) sorted[k] = sortedKeys((v as Record<string, unknown>)[k]);
  return sorted;
}

/**
 * JSON with object keys sorted, so two copies with keys in another order still compare equal.
 * (Not a `JSON.stringify` replacer: that is called for each number of a mask's 262,144 counts.)
 */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(sortedKeys(value));
}

function boxKey(ann: Annotation): string {
  return `${ann.category_id}|${ann.bbox.join(",")}`;
}

/** Counts without zero-length runs inside (they change nothing): one canonical form per mask. */
function canonicalCounts(counts: Uint32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (c === 0 && i > 0) {
      // A zero run joins its neighbours: drop it and add the next run to the previous one.
      const next = counts[i + 1];
      if (next !== undefined) {
        out[out.length - 1]! += next;
        i++;
      }
      continue;
    }
    out.push(c);
  }
  return out;
}

/**
 * Whether two segmentations decode to the same mask of an image of height × width. Equal compressed
 * strings of equal size are equal without decoding; a segmentation that is no readable mask equals
 * only a JSON-identical one.
 */
export function sameMask(a: Segmentation, b: Segmentation, height: number, width: number): boolean {
  // A shortcut without decoding; without it the JSON comparison or the size check below answers the same.
  // Stryker disable next-line all: equivalent, see above
  if (!Array.isArray(a) && !Array.isArray(b) && typeof a.counts === "string" && typeof b.counts === "string") {
    // Stryker disable next-line all: equivalent, see above
    if (a.size[0] !== b.size[0] || a.size[1] !== b.size[1]) return false;
    // Stryker disable next-line all: equivalent, see above
    if (a.counts === b.counts) return true;
  }
  if (canonicalJson(a) === canonicalJson(b)) return true;
  if (checkSegmentation(a, height, width).problem !== null || checkSegmentation(b, height, width).problem !== null) return false;
  const ca = canonicalCounts(segmentationToRle(a, height, width));
  const cb = canonicalCounts(segmentationToRle(b, height, width));
  return ca.length === cb.length && ca.every((v, i) => v === cb[i]);
}

/** A copy is the annotation it names when category and decoded mask agree. */
export function sameTarget(copy: Annotation, annotation: Annotation, height: number, width: number): boolean {
  return (
    copy.category_id === annotation.category_id &&
    copy.category_name === annotation.category_name &&
    sameMask(copy.segmentation, annotation.segmentation, height, width)
  );
}

/**
 * Finds each answer target in `annotations`. The annotation a copy names is the one with its `id`
 * (when both carry one), else those with its category and `bbox`; the first of them that is the
 * same target wins. A copy that is none of them becomes an orphan (equal copies share one, keys in
 * any order), remembering the annotation it named.
 */
export function matchTargets(
  annotations: readonly Annotation[],
  answers: readonly (readonly Annotation[] | undefined)[],
  height: number,
  width: number,
): TargetMatch {
  let byId: Map<number, number> | null = null;
  let byBox: Map<string, number[]> | null = null;
  const orphans: Annotation[] = [];
  const orphanCopyOf: (number | null)[] = [];
  const orphanAt: [number, number][] = [];
  const orphanByJson = new Map<string, number>();

  const candidatesOf = (target: Annotation): number[] => {
    const out: number[] = [];
    if (target.id !== undefined) {
      if (!byId) {
        byId = new Map();
        for (let i = 0; i < annotations.length; i++) {
          const id = annotations[i]!.id;
          if (id !== undefined && !byId.has(id)) byId.set(id, i);
        }
      }
      const i = byId.get(target.id);
      if (i !== undefined) out.push(i);
    }
    if (!byBox) {
      byBox = new Map();
      for (let i = 0; i < annotations.length; i++) {
        const key = boxKey(annotations[i]!);
        const list = byBox.get(key);
        if (list) list.push(i);
        else byBox.set(key, [i]);
      }
    }
    for (const i of byBox.get(boxKey(target)) ?? []) if (!out.includes(i)) out.push(i);
    return out;
  };

  const find = (target: Annotation, pair: number, k: number): number => {
    const candidates = candidatesOf(target);
    for (const i of candidates) if (sameTarget(target, annotations[i]!, height, width)) return i;
    const json = canonicalJson(target);
    let o = orphanByJson.get(json);
    if (o === undefined) {
      o = orphans.length;
      orphans.push(target);
      orphanCopyOf.push(candidates[0] ?? null);
      orphanAt.push([pair, k]);
      orphanByJson.set(json, o);
    }
    return annotations.length + o;
  };

  return {
    targets: answers.map((targets, pair) => (targets ?? []).map((t, k) => find(t, pair, k))),
    orphans,
    orphanCopyOf,
    orphanAt,
  };
}
