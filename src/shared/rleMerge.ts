/*
 * Set operations on COCO counts of one size: union, intersection, IoU.
 */

/**
 * Union (or intersection) of masks of one size (reference `rleMerge`). An empty list gives empty
 * counts; a single mask is returned as a copy, unnormalised, as the reference does.
 */
export function rleMerge(list: readonly ArrayLike<number>[], intersect = false): Uint32Array {
  const first = list[0];
  if (!first) return new Uint32Array(0);
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
  while (ct > 0) {
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
  const inter = onesIn(mergePair(a, b, true));
  if (inter === 0) return 0;
  return inter / onesIn(mergePair(a, b, false));
}

// rleArea's sum, repeated: importing it from rle.ts, which re-exports this module, makes a cycle.
function onesIn(counts: ArrayLike<number>): number {
  let a = 0;
  for (let j = 1; j < counts.length; j += 2) a += counts[j]!;
  return a;
}
