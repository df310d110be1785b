import { RleError } from "./rleLimits";

/*
 * Set operations on COCO counts of one size: union, intersection, IoU. Masks whose counts do not
 * cover the same number of pixels are refused with an `RleError` before any work: merging them
 * has no meaning (and the reference's loop never ends on them).
 */

/**
 * Union (or intersection) of masks of one size (reference `rleMerge`). An empty list gives empty
 * counts; a single mask is returned as a copy, unnormalised, as the reference does.
 */
export function rleMerge(list: readonly ArrayLike<number>[], intersect = false): Uint32Array {
  const first = list[0];
  if (!first) return new Uint32Array(0);
  const total = pixelsOf(first, 0);
  for (let r = 1; r < list.length; r++) {
    const t = pixelsOf(list[r]!, r);
    if (t !== total) throw new RleError(`cannot merge masks of ${total} and ${t} pixels`);
  }
  let acc: Uint32Array = Uint32Array.from(first);
  for (let r = 1; r < list.length; r++) acc = mergePair(acc, list[r]!, intersect);
  return acc;
}

function mergePair(A: ArrayLike<number>, B: ArrayLike<number>, intersect: boolean): Uint32Array {
  const out = new Uint32Array(A.length + B.length + 1);
  let m = 0;
  let ca = A[0] ?? 0;
  let cb = B[0] ?? 0;
  let v = 0;
  let va = 0;
  let vb = 0;
  let a = 1;
  let b = 1;
  let cc = 0;
  let ct = 1;
  // Every turn but the last consumes a run of A or of B when both cover the same pixels (checked
  // by the callers), so A.length + B.length + 1 turns always suffice; the guard makes that a fact.
  let turns = A.length + B.length + 2;
  while (ct > 0) {
    if (--turns < 0) throw new RleError("merge of masks of different sizes");
    const c = ca < cb ? ca : cb;
    cc += c;
    ct = 0;
    ca -= c;
    if (!ca && a < A.length) {
      ca = A[a++]!;
      va ^= 1;
    }
    ct += ca;
    cb -= c;
    if (!cb && b < B.length) {
      cb = B[b++]!;
      vb ^= 1;
    }
    ct += cb;
    const vp = v;
    v = intersect ? va & vb : va | vb;
    if (v !== vp || ct === 0) {
      out[m++] = cc;
      cc = 0;
    }
  }
  return out.slice(0, m);
}

/** Intersection over union of two masks of one size; 0 when both are empty. */
export function rleIou(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const ta = pixelsOf(a, 0);
  const tb = pixelsOf(b, 1);
  if (ta !== tb) throw new RleError(`cannot compare masks of ${ta} and ${tb} pixels`);
  const inter = onesIn(mergePair(a, b, true));
  if (inter === 0) return 0;
  return inter / onesIn(mergePair(a, b, false));
}

// rleArea's sum, repeated: importing it from rle.ts, which re-exports this module, makes a cycle.
function onesIn(counts: ArrayLike<number>): number {
  let a = 0;
  // Stryker disable next-line AssignmentOperator: equivalent, rleIou only divides two of these (and tests one for 0), so a negated sum gives the same result
  for (let j = 1; j < counts.length; j += 2) a += counts[j]!;
  return a;
}

/** Pixels the counts cover; throws on a count that is no non-negative integer. */
function pixelsOf(counts: ArrayLike<number>, which: number): number {
  let t = 0;
  for (let j = 0; j < counts.length; j++) {
    const c = counts[j]!;
    if (!Number.isInteger(c) || c < 0) throw new RleError(`mask ${which}: count ${j} (${c}) is not a non-negative integer`);
    t += c;
  }
  return t;
}

/**
 * Pixels two masks share, walking both run lists once without allocating (for masks of one size,
 * what `rleArea(rleMerge([a, b], true))` gives). Not validated — the caller compares sizes and
 * reads counts through the mask reader — but always ends: each turn consumes a run.
 */
export function rleIntersectionArea(a: ArrayLike<number>, b: ArrayLike<number>): number {  // [startA, endA) is the current run of a; runs of odd index are 1s.
  let i = 0;
  let j = 0;
  let startA = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with an empty list the loop below never runs
  let endA = a.length > 0 ? a[0]! : 0;
  let startB = 0;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with an empty list the loop below never runs
  let endB = b.length > 0 ? b[0]! : 0;
  let shared = 0;
  // Each turn moves past the run that ends first: at most a.length + b.length turns.
  while (i < a.length && j < b.length) {
    if (i & 1 && j & 1) {
      const lo = startA > startB ? startA : startB;
      const hi = endA < endB ? endA : endB;
      if (hi > lo) shared += hi - lo;
    }
    if (endA <= endB) {
      i++;
      startA = endA;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, past the last run the loop stops before endA is read
      endA += i < a.length ? a[i]! : 0;
    } else {
      j++;
      startB = endB;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, past the last run the loop stops before endB is read
      endB += j < b.length ? b[j]! : 0;
    }
  }
  return shared;
}
