import { atLeast } from "./rleScratch";

/*
 * Encoding a row-major 0/1 mask into COCO counts (column-major runs, see rle.ts).
 */

let rowRunScratch: Int32Array = new Int32Array(1024);
let rowRunStartScratch: Int32Array = new Int32Array(1024);
let eventXScratch: Int32Array = new Int32Array(1024);
let eventYScratch: Int32Array = new Int32Array(1024);
let togglePosScratch: Int32Array = new Int32Array(1024);
let columnCountScratch: Int32Array = new Int32Array(1024);

/**
 * Encodes a row-major mask (nonzero = 1) into counts, exactly as the reference `rleEncode` does on
 * the column-major mask: canonical runs, the first (of 0s) possibly empty; area 0 gives [0].
 *
 * Reading a row-major mask in column order is a strided, cache-hostile walk over every pixel. So
 * this mirrors the decoder: find the horizontal runs of each row with a sequential scan (skipping
 * uniform 4-byte words), compare each row with the one above to find where columns change value,
 * bucket those changes by column, and turn their column-major positions into counts.
 */
export function rleEncode(mask: Uint8Array, height: number, width: number): Uint32Array {
  const h = height;
  const w = width;
  const area = h * w;
  if (mask.length < area) {
    throw new RangeError(`rleEncode: mask holds ${mask.length} bytes, ${height}x${width} needs ${area}`);
  }
  // Stryker disable next-line ConditionalExpression: equivalent, with area 0 no row has runs and no column changes: the counts below are [area - 0] = [0]
  if (area === 0) return Uint32Array.of(0);

  // 1. Horizontal runs: row y's boundaries (start, end, start, end, …) at runs[runStart[y] ..].
  rowRunScratch = atLeast(rowRunScratch, area + h + 1);
  rowRunStartScratch = atLeast(rowRunStartScratch, h + 2);
  const runs = rowRunScratch;
  const runStart = rowRunStartScratch;
  // Stryker disable next-line ConditionalExpression: equivalent, without words every byte takes the byte path (the word skip is a shortcut)
  const aligned = (mask.byteOffset & 3) === 0;
  const words = aligned ? new Uint32Array(mask.buffer, mask.byteOffset, area >> 2) : undefined;
  let r = 0;
  for (let y = 0; y < h; y++) {
    runStart[y] = r;
    const base = y * w;
    const end = base + w;
    let on = 0;
    let i = base;
    // Stryker disable next-line EqualityOperator: equivalent, reading the next row's first byte adds at most an empty run [w, w), which changes no column
    while (i < end) {
      // Skipping a uniform word that runs past the row end skips bytes the next row reads again
      // (and equal to the state the row ends in), so the skip's bounds are a shortcut only.
      // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: equivalent, see above; without the skip every byte takes the byte path
      if (words !== undefined && (i & 3) === 0 && i + 4 <= end) {
        const word = words[i >> 2]!;
        // Four bytes equal to the current state cannot hold a boundary. (Masks of 0/255 miss this
        // shortcut for their 1s and take the byte path, which is still correct.)
        // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, a word not skipped takes the byte path
        if (on === 0 ? word === 0 : word === 0x01010101) {
          i += 4;
          continue;
        }
      }
      const v = mask[i] !== 0 ? 1 : 0;
      if (v !== on) {
        runs[r++] = i - base;
        on = v;
      }
      i++;
    }
    // Stryker disable next-line ConditionalExpression: equivalent, an extra boundary at w (a row ending in 0) toggles the state only at the right edge, past every column
    if (on) runs[r++] = w;
  }
  runStart[h] = r;
  runStart[h + 1] = r; // row h: an empty sentinel, closes every column

  // 2. Column changes: column x changes value at row y where rows y-1 and y differ at x.
  eventXScratch = atLeast(eventXScratch, area + w + 1);
  eventYScratch = atLeast(eventYScratch, area + w + 1);
  const ex = eventXScratch;
  const ey = eventYScratch;
  let e = 0;
  for (let y = 0; y <= h; y++) {
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, at y = 0 runStart[-1] is undefined and undefined < pe is false: no row above either way
    let i = y > 0 ? runStart[y - 1]! : 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, runStart[0] is 0
    const pe = y > 0 ? runStart[y]! : 0;
    let j = runStart[y]!;
    const ce = runStart[y + 1]!;
    let prevOn = 0;
    let curOn = 0;
    let x = 0;
    while (i < pe || j < ce) {
      const a = i < pe ? runs[i]! : w;
      const b = j < ce ? runs[j]! : w;
      // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at a = b
      const next = a < b ? a : b;
      if (prevOn !== curOn) {
        for (let c = x; c < next; c++) {
          ex[e] = c;
          ey[e] = y;
          e++;
        }
      }
      x = next;
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, past the list a is the sentinel w: a toggle there is at the right edge, past every column
      if (a === next && i < pe) {
        prevOn ^= 1;
        i++;
      }
      // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, see above
      if (b === next && j < ce) {
        curOn ^= 1;
        j++;
      }
    }
  }

  // 3. Bucket by column (counting sort, stable so rows stay ascending): column-major order.
  columnCountScratch = atLeast(columnCountScratch, w + 1);
  togglePosScratch = atLeast(togglePosScratch, e + 1);
  const colCount = columnCountScratch;
  const pos = togglePosScratch;
  colCount.fill(0, 0, w + 1);
  for (let k = 0; k < e; k++) colCount[ex[k]! + 1]!++;
  // Stryker disable next-line EqualityOperator: equivalent, colCount[w] is never read
  for (let c = 1; c <= w; c++) colCount[c]! += colCount[c - 1]!;
  for (let k = 0; k < e; k++) {
    const c = ex[k]!;
    pos[colCount[c]!++] = c * h + ey[k]!;
  }

  // 4. Counts are the gaps between changes. A column ending in 1 followed by one starting in 1
  // gives two changes at one position; they cancel, as one run crosses the column boundary.
  const out = new Uint32Array(e + 2);
  let n = 0;
  let prev = 0;
  for (let k = 0; k < e; k++) {
    const p = pos[k]!;
    if (k + 1 < e && pos[k + 1] === p) {
      k++;
      continue;
    }
    out[n++] = p - prev;
    prev = p;
  }
  if (n === 0 || prev < area) out[n++] = area - prev;
  return out.slice(0, n);
}
