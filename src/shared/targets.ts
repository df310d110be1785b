import type { Annotation } from "./mmr";

/*
 * Answers hold full copies of annotation objects; reviewing and editing works on positions in the
 * record's `annotations`. This maps one to the other.
 */

export interface TargetMatch {
  /** Per pair, per target: an index into `annotations`, or `annotations.length + k` for orphan k. */
  targets: number[][];
  /** Targets found in no annotation, each listed once (first copy seen), in order of appearance. */
  orphans: Annotation[];
}

/** JSON with object keys sorted, so two copies with keys in another order still compare equal. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return v;
    const sorted: Record<string, unknown> = {};
    for (const k of Object.keys(v).sort()) sorted[k] = (v as Record<string, unknown>)[k];
    return sorted;
  });
}

function boxKey(ann: Annotation): string {
  return `${ann.category_id}|${ann.bbox.join(",")}`;
}

/**
 * Finds each answer target in `annotations`: by `id` when both carry one, else by equal JSON,
 * else by equal `category_id` and `bbox`; the first annotation wins among equals.
 *
 * Equal JSON implies equal category and box, so the JSON comparison only runs among annotations
 * sharing the target's category and box, and usually there is exactly one: no stringify at all
 * on the import path, where this runs for every target of every record.
 */
export function matchTargets(annotations: readonly Annotation[], answers: readonly (readonly Annotation[])[]): TargetMatch {
  let byId: Map<number, number> | null = null;
  let byBox: Map<string, number[]> | null = null;
  const orphans: Annotation[] = [];
  const orphanByJson = new Map<string, number>();

  const find = (target: Annotation): number => {
    if (target.id !== undefined) {
      if (!byId) {
        byId = new Map();
        for (let i = 0; i < annotations.length; i++) {
          const id = annotations[i]!.id;
          if (id !== undefined && !byId.has(id)) byId.set(id, i);
        }
      }
      const i = byId.get(target.id);
      if (i !== undefined) return i;
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
    const candidates = byBox.get(boxKey(target));
    if (candidates && candidates.length === 1) return candidates[0]!;
    const json = canonicalJson(target);
    if (candidates) return candidates.find((i) => canonicalJson(annotations[i]) === json) ?? candidates[0]!;
    let k = orphanByJson.get(json);
    if (k === undefined) {
      k = orphans.length;
      orphans.push(target);
      orphanByJson.set(json, k);
    }
    return annotations.length + k;
  };

  return { targets: answers.map((targets) => targets.map(find)), orphans };
}
