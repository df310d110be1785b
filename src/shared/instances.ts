import { isPartCategory, objectCategoryOf, partNameOf } from "./answers";
import { rleIntersectionArea } from "./rle";
import { tryChargeOverlap } from "./rleLimits";

/*
 * Instance naming (SPEC section 3): objects are numbered per category in annotation order, and each
 * part hangs under one object of its object category, which gives it its name (`chair_2's leg`).
 */

export interface InstanceInput {
  categoryName: string;
  /** The annotation's `id`, when it has one. */
  annId: number | null;
  /** The annotation's `obj_ann_id` (parts in PACO), when it has one. */
  objAnnId: number | null;
  /** Mask counts, or null when the segmentation could not be read. */
  counts: Uint32Array | null;
  /** `[height, width]` the counts are laid out in. */
  size: readonly [number, number];
  area: number;
  bbox: readonly number[];
  /** `[x, y, w, h]` around the mask's pixels; skips overlap counting for masks far apart. */
  maskBox?: readonly number[];
}

export interface Instance {
  kind: "object" | "part";
  /** `chair_2`, `chair_2's leg`; `chair's leg` when the part has no object. */
  instanceName: string;
  /** For a part: index of its object (in the same input list), or null when there is none. */
  parent: number | null;
  /**
   * For a part whose object was inferred from masks (no `obj_ann_id`): the other objects of its
   * category whose masks overlap it too. The generator may have named the part after any of them,
   * so answers naming them are not read as naming another instance.
   */
  otherOwners?: number[];
}

export interface InstanceNode {
  /** Index of the object. */
  object: number;
  /** Indices of its parts, in annotation order. */
  parts: number[];
}

export interface InstanceTree {
  objects: InstanceNode[];
  /** Parts without an object of their category in the image. */
  looseParts: number[];
}

/**
 * Names every annotation. Only the first `numbered` entries (the record's `annotations`) are
 * numbered and can be parents; entries after them (targets found in no annotation) are named by
 * category (`chair`) when objects, and get a parent like any part when parts.
 */
export function nameInstances(items: readonly InstanceInput[], numbered = items.length): Instance[] {
  const objectsByCategory = new Map<string, number[]>();
  const number = new Map<number, number>();
  for (let i = 0; i < numbered; i++) {
    const item = items[i]!;
    // Stryker disable next-line ConditionalExpression: equivalent, a part numbered in its own category (`chair:leg`) is never a candidate nor named by number
    if (isPartCategory(item.categoryName)) continue;
    let list = objectsByCategory.get(item.categoryName);
    if (!list) objectsByCategory.set(item.categoryName, (list = []));
    list.push(i);
    number.set(i, list.length);
  }

  return items.map((item, i) => {
    const part = partNameOf(item.categoryName);
    if (part === null) {
      const k = number.get(i);
      return { kind: "object", instanceName: k === undefined ? item.categoryName : `${item.categoryName}_${k}`, parent: null };
    }
    const objectCategory = objectCategoryOf(item.categoryName);
    const candidates = objectsByCategory.get(objectCategory) ?? [];
    const { parent, others } = findParent(item, candidates, items);
    const owner = parent === null ? objectCategory : `${objectCategory}_${number.get(parent)!}`;
    return { kind: "part", instanceName: `${owner}'s ${part}`, parent, ...(others.length > 0 ? { otherOwners: others } : {}) };
  });
}

/**
 * The object a part belongs to: the one its `obj_ann_id` names (when that is an object of the
 * right category), else the one whose mask overlaps the part's most, ties to the smaller object.
 * When no mask overlaps (a sloppy part mask, or masks of a different size), the object whose box
 * centre is nearest the part's box centre is taken, ties to the first: a part always belongs to
 * some object of its category when one exists, and the nearest is the curator's best guess.
 */
function findParent(part: InstanceInput, candidates: readonly number[], items: readonly InstanceInput[]): { parent: number | null; others: number[] } {
  if (candidates.length === 0) return { parent: null, others: [] };
  if (part.objAnnId !== null) {
    const named = candidates.find((i) => items[i]!.annId === part.objAnnId);
    if (named !== undefined) return { parent: named, others: [] };
  }
  // Stryker disable next-line ConditionalExpression: equivalent, the mask and centre rules below both pick a lone candidate, with no other owners
  if (candidates.length === 1) return { parent: candidates[0]!, others: [] };

  let best: number | null = null;
  let bestOverlap = 0;
  const overlapping: number[] = [];
  for (const i of candidates) {
    const overlap = overlapArea(part, items[i]!);
    if (overlap === 0) continue;
    overlapping.push(i);
    // Stryker disable next-line ConditionalExpression: equivalent, the first overlapping object has overlap > 0 = bestOverlap
    if (best === null || overlap > bestOverlap || (overlap === bestOverlap && items[i]!.area < items[best]!.area)) {
      best = i;
      bestOverlap = overlap;
    }
  }
  if (best !== null) return { parent: best, others: overlapping.filter((i) => i !== best) };

  let nearest = candidates[0]!;
  let nearestDistance = Infinity;
  for (const i of candidates) {
    const d = centreDistance(part.bbox, items[i]!.bbox);
    if (d < nearestDistance) {
      nearest = i;
      nearestDistance = d;
    }
  }
  return { parent: nearest, others: [] };
}

/** Pixels two masks share, from the runs alone (no decode); 0 when their sizes differ. */
function overlapArea(a: InstanceInput, b: InstanceInput): number {
  // Stryker disable next-line ConditionalExpression: equivalent, area is the mask's own pixel count (analyze.ts), and an empty mask shares no pixel
  if (!a.counts || !b.counts || a.area === 0 || b.area === 0) return 0;
  if (a.size[0] !== b.size[0] || a.size[1] !== b.size[1]) return 0;
  // Stryker disable next-line ConditionalExpression: equivalent, maskBox is the box of the mask's pixels: masks whose boxes do not meet share none
  if (a.maskBox && b.maskBox && !boxesMeet(a.maskBox, b.maskBox)) return 0;
  // Bounded per record (rleLimits.ts): past the allowance a part is placed by box centre instead.
  if (!tryChargeOverlap(a.counts.length + b.counts.length)) return 0;
  return rleIntersectionArea(a.counts, b.counts);
}

function boxesMeet(a: readonly number[], b: readonly number[]): boolean {
  const [ax = 0, ay = 0, aw = 0, ah = 0] = a;
  const [bx = 0, by = 0, bw = 0, bh = 0] = b;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent where they survive: boxes wrongly taken to meet get their overlap counted, which is 0 (the ones that take meeting boxes apart are killed by the tests, but cannot be kept apart from them on one line)
  return ax < bx + bw && bx < ax + aw && ay < by + bh && by < ay + ah;
}

function centreDistance(a: readonly number[], b: readonly number[]): number {
  const [ax = 0, ay = 0, aw = 0, ah = 0] = a;
  const [bx = 0, by = 0, bw = 0, bh = 0] = b;
  return Math.hypot(ax + aw / 2 - (bx + bw / 2), ay + ah / 2 - (by + bh / 2));
}

/** The object → parts tree the UI lists targets through, objects in annotation order. */
export function instanceTree(instances: readonly Instance[]): InstanceTree {
  const nodes = new Map<number, InstanceNode>();
  const objects: InstanceNode[] = [];
  const looseParts: number[] = [];
  instances.forEach((instance, i) => {
    if (instance.kind === "object") {
      const node = { object: i, parts: [] };
      nodes.set(i, node);
      objects.push(node);
    }
  });
  instances.forEach((instance, i) => {
    if (instance.kind !== "part") return;
    // Stryker disable next-line ConditionalExpression: equivalent, nodes.get(null) is undefined too
    const node = instance.parent === null ? undefined : nodes.get(instance.parent);
    if (node) node.parts.push(i);
    else looseParts.push(i);
  });
  return { objects, looseParts };
}
