import type { Segmentation } from "./mmr";

/*
 * COCO run-length encoding on typed arrays (SPEC section 2).
 *
 * Counts are column-major (down each column, then the next one) and alternate runs of 0s and 1s,
 * starting with a run of 0s. Everything here reproduces pycocotools' maskApi.c bit for bit,
 * quirks included, because the MMR training loader decodes with that library: a mask we show or
 * export must be the mask training will see.
 *
 * Decoded masks are row-major (index y * width + x) with one byte per pixel, 0 or 1, so a canvas
 * can use them without another pass.
 */

// ---------------------------------------------------------------------------------------------
// Compressed string form
// ---------------------------------------------------------------------------------------------

/** Parses a compressed COCO RLE string into counts (reference `rleFrString`). */
export function rleFromString(s: string): Uint32Array {
  // Every count takes at least one character, so s.length bounds the number of counts.
  const out = new Uint32Array(s.length);
  const len = s.length;
  let m = 0;
  let p = 0;
  while (p < len) {
    // Plain arithmetic rather than 32-bit shifts: a count may need 7 groups (35 bits).
    let x = 0;
    let scale = 1;
    let c: number;
    do {
      c = s.charCodeAt(p++) - 48;
      x += (c & 0x1f) * scale;
      scale *= 32;
    } while (c & 0x20 && p < len);
    if (c & 0x10) x -= scale; // sign-extend the last group
    if (m > 2) x += out[m - 2]!;
    out[m++] = x; // stored as uint32, wrapping like the reference's (uint) cast
  }
  return out.slice(0, m);
}

let stringScratch: Uint8Array = new Uint8Array(256);
const asciiDecoder = new TextDecoder();

/** Encodes counts as a compressed COCO RLE string (reference `rleToString`). */
export function rleToString(counts: ArrayLike<number>): string {
  const m = counts.length;
  // 7 characters hold any 35-bit signed delta; a uint32 difference needs at most that.
  if (stringScratch.length < m * 7) stringScratch = new Uint8Array(m * 7);
  const buf = stringScratch;
  let p = 0;
  for (let i = 0; i < m; i++) {
    let x = counts[i]!;
    if (i > 2) x -= counts[i - 2]!;
    if (x >= -0x20000000 && x < 0x20000000) {
      // Fast path: fits comfortably in 32-bit signed arithmetic.
      for (;;) {
        let c = x & 0x1f;
        x >>= 5;
        const more = c & 0x10 ? x !== -1 : x !== 0;
        if (more) c |= 0x20;
        buf[p++] = c + 48;
        if (!more) break;
      }
    } else {
      for (;;) {
        const q = Math.floor(x / 32);
        let c = x - q * 32;
        x = q;
        const more = c & 0x10 ? x !== -1 : x !== 0;
        if (more) c |= 0x20;
        buf[p++] = c + 48;
        if (!more) break;
      }
    }
  }
  return asciiDecoder.decode(buf.subarray(0, p));
}

// ---------------------------------------------------------------------------------------------
// Decoding
// ---------------------------------------------------------------------------------------------

// Scratch buffers reused across calls: decoding happens for every mask on every pair change, and
// JS is single-threaded per realm, so sharing them is safe and saves the allocations.
let spanScratchA: Int32Array = new Int32Array(1024);
let spanScratchB: Int32Array = new Int32Array(1024);
let rowStartScratch: Int32Array = new Int32Array(1024);

function atLeast(buf: Int32Array, n: number): Int32Array {
  return buf.length >= n ? buf : new Int32Array(Math.max(n, buf.length * 2));
}

/**
 * Decodes counts into a new row-major 0/1 mask (pixel (x, y) at y * width + x). Allocating a
 * 300 KB buffer costs more than decoding into it: code that decodes often (the canvas mask cache)
 * should reuse buffers with `rleDecodeInto`.
 */
export function rleDecode(counts: ArrayLike<number>, height: number, width: number): Uint8Array {
  // A new buffer is already zeroed: skip the clearing pass.
  return decodeRows(counts, height, width, new Uint8Array(height * width), false);
}

/**
 * Decodes counts into `out` (row-major, 0/1), which must hold at least height × width bytes;
 * returns `out`. Counts that sum to less than the area leave the rest 0; extra counts are ignored.
 *
 * COCO runs are vertical, so writing them into a row-major buffer pixel by pixel would be strided
 * and slow. Instead the 1-runs are cut into per-column spans, and walking the columns left to right
 * tells, for each row, where a horizontal run of 1s opens and closes: a row changes value between
 * column x-1 and x exactly where the two columns' spans differ. Every horizontal run is then one
 * `fill`, so the cost is one memset of the area plus work proportional to the mask's boundary.
 */
export function rleDecodeInto(
  counts: ArrayLike<number>,
  height: number,
  width: number,
  out: Uint8Array,
): Uint8Array {
  if (out.length < height * width) {
    throw new RangeError(`rleDecodeInto: buffer holds ${out.length} bytes, mask needs ${height * width}`);
  }
  return decodeRows(counts, height, width, out, true);
}

function decodeRows(
  counts: ArrayLike<number>,
  height: number,
  width: number,
  out: Uint8Array,
  clear: boolean,
): Uint8Array {
  const h = height;
  const w = width;
  const area = h * w;
  if (clear) out.fill(0, 0, area);
  if (area === 0) return out;
  const n = counts.length;

  // Spans [y0, y1) of 1s of the previous and the current column, as flat (y0, y1, …) lists. A
  // column holds at most ceil(h / 2) spans.
  spanScratchA = atLeast(spanScratchA, h + 2);
  spanScratchB = atLeast(spanScratchB, h + 2);
  rowStartScratch = atLeast(rowStartScratch, h);
  let prev = spanScratchA;
  let cur = spanScratchB;
  const rowStart = rowStartScratch;
  let prevN = 0;
  let curN = 0;
  let curX = -1;

  // Counts come in (0s, 1s) pairs. The column of a position is tracked incrementally rather than
  // divided out: positions only grow, so this costs O(columns) in total, and a division per run
  // showed up in profiles.
  let pos = 0;
  let x = 0;
  let base = 0;
  for (let i = 1; i < n; i += 2) {
    pos += counts[i - 1]!;
    if (pos >= area) break;
    const c = counts[i]!;
    if (c === 0) continue;
    let s = pos;
    pos += c;
    const e = pos < area ? pos : area;
    while (s >= base + h) {
      base += h;
      x++;
    }
    // Cut the run of 1s [s, e) at column boundaries.
    while (s < e) {
      if (x !== curX) {
        // Column curX is complete: compare it with its left neighbour, then move on. A gap of
        // empty columns closes every row still open.
        if (curX >= 0) {
          transition(out, rowStart, w, prev, prevN, cur, curN, curX);
          if (x > curX + 1) {
            transition(out, rowStart, w, cur, curN, cur, 0, curX + 1);
            curN = 0;
          }
        }
        const t = prev;
        prev = cur;
        prevN = curN;
        cur = t;
        curN = 0;
        curX = x;
      }
      const colEnd = base + h;
      const stop = e < colEnd ? e : colEnd;
      cur[curN++] = s - base;
      cur[curN++] = stop - base;
      s = stop;
      if (stop === colEnd) {
        x++;
        base = colEnd;
      }
    }
  }
  if (curX >= 0) {
    transition(out, rowStart, w, prev, prevN, cur, curN, curX);
    transition(out, rowStart, w, cur, curN, cur, 0, curX + 1);
  }
  return out;
}

/**
 * Applies the change from the previous column's spans to this column's (x): rows that turn on
 * remember x; rows that turn off fill their horizontal run [start, x).
 */
function transition(
  out: Uint8Array,
  rowStart: Int32Array,
  w: number,
  prev: Int32Array,
  pn: number,
  cur: Int32Array,
  cn: number,
  x: number,
): void {
  if (pn === 2 && cn === 2) {
    // Fast path, most columns of a single blob: one span [p0, p1) before, one [c0, c1) now.
    // Rows of the new span not in the old one open; rows of the old one not in the new close.
    const p0 = prev[0]!;
    const p1 = prev[1]!;
    const c0 = cur[0]!;
    const c1 = cur[1]!;
    if (p0 === c0 && p1 === c1) return;
    // Opening segments are a few rows at a blob's top or bottom edge: a loop beats a fill call.
    const o1 = c1 < p0 ? c1 : p0;
    for (let r = c0; r < o1; r++) rowStart[r] = x;
    for (let r = c0 > p1 ? c0 : p1; r < c1; r++) rowStart[r] = x;
    const k1 = p1 < c0 ? p1 : c0;
    if (p0 < k1) closeRows(out, rowStart, w, p0, k1, x);
    const k0 = p0 > c1 ? p0 : c1;
    if (k0 < p1) closeRows(out, rowStart, w, k0, p1, x);
    return;
  }
  // General case: walk both sorted boundary lists; between consecutive boundaries both columns
  // are constant, and the rows change where they differ.
  let i = 0;
  let j = 0;
  let prevOn = 0;
  let curOn = 0;
  let y = 0;
  while (i < pn || j < cn) {
    const a = i < pn ? prev[i]! : 0x7fffffff;
    const b = j < cn ? cur[j]! : 0x7fffffff;
    const next = a < b ? a : b;
    if (prevOn !== curOn && next > y) {
      if (curOn) for (let r = y; r < next; r++) rowStart[r] = x;
      else closeRows(out, rowStart, w, y, next, x);
    }
    y = next;
    if (a === next) {
      prevOn ^= 1;
      i++;
    }
    if (b === next) {
      curOn ^= 1;
      j++;
    }
  }
}

/** Fills, for each row in [y0, y1), the run of 1s from its remembered start up to column x. */
function closeRows(
  out: Uint8Array,
  rowStart: Int32Array,
  w: number,
  y0: number,
  y1: number,
  x: number,
): void {
  let y = y0;
  if (x === w) {
    // Runs that reach the right edge and continue from column 0 on the next row are contiguous in
    // memory: one fill covers them all (a full-width rectangle becomes a single memset).
    while (y < y1) {
      let y2 = y + 1;
      while (y2 < y1 && rowStart[y2] === 0) y2++;
      out.fill(1, y * w + rowStart[y]!, y2 * w);
      y = y2;
    }
    return;
  }
  for (; y < y1; y++) {
    const start = y * w + rowStart[y]!;
    const end = y * w + x;
    // Short runs by hand: a fill call costs about as much as writing a few dozen bytes.
    if (end - start < 24) for (let k = start; k < end; k++) out[k] = 1;
    else out.fill(1, start, end);
  }
}

/** Decodes counts into a new column-major 0/1 mask (index x * height + y), COCO's own order. */
export function rleDecodeColumnMajor(
  counts: ArrayLike<number>,
  height: number,
  width: number,
): Uint8Array {
  const area = height * width;
  const out = new Uint8Array(area);
  let pos = 0;
  for (let i = 0; i < counts.length && pos < area; i++) {
    const c = counts[i]!;
    if (i & 1) out.fill(1, pos, Math.min(pos + c, area));
    pos += c;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// Encoding
// ---------------------------------------------------------------------------------------------

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
  if (area === 0) return Uint32Array.of(0);

  // 1. Horizontal runs: row y's boundaries (start, end, start, end, …) at runs[runStart[y] ..].
  rowRunScratch = atLeast(rowRunScratch, area + h + 1);
  rowRunStartScratch = atLeast(rowRunStartScratch, h + 2);
  const runs = rowRunScratch;
  const runStart = rowRunStartScratch;
  const aligned = (mask.byteOffset & 3) === 0;
  const words = aligned ? new Uint32Array(mask.buffer, mask.byteOffset, area >> 2) : undefined;
  let r = 0;
  for (let y = 0; y < h; y++) {
    runStart[y] = r;
    const base = y * w;
    const end = base + w;
    let on = 0;
    let i = base;
    while (i < end) {
      if (words !== undefined && (i & 3) === 0 && i + 4 <= end) {
        const word = words[i >> 2]!;
        // Four bytes equal to the current state cannot hold a boundary. (Masks of 0/255 miss this
        // shortcut for their 1s and take the byte path, which is still correct.)
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
    let i = y > 0 ? runStart[y - 1]! : 0;
    const pe = y > 0 ? runStart[y]! : 0;
    let j = runStart[y]!;
    const ce = runStart[y + 1]!;
    let prevOn = 0;
    let curOn = 0;
    let x = 0;
    while (i < pe || j < ce) {
      const a = i < pe ? runs[i]! : w;
      const b = j < ce ? runs[j]! : w;
      const next = a < b ? a : b;
      if (prevOn !== curOn) {
        for (let c = x; c < next; c++) {
          ex[e] = c;
          ey[e] = y;
          e++;
        }
      }
      x = next;
      if (a === next && i < pe) {
        prevOn ^= 1;
        i++;
      }
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

// ---------------------------------------------------------------------------------------------
// Measures
// ---------------------------------------------------------------------------------------------

/** Number of 1 pixels (reference `rleArea`). */
export function rleArea(counts: ArrayLike<number>): number {
  let a = 0;
  for (let j = 1; j < counts.length; j += 2) a += counts[j]!;
  return a;
}

/**
 * Bounding box `[x, y, w, h]` exactly as the reference `rleToBbox` computes it from the runs,
 * zeros for an empty mask. Its quirk is kept on purpose: when a run of 1s spans two columns the
 * y range becomes the full height, even if no single column is that tall.
 */
export function rleBbox(
  counts: ArrayLike<number>,
  height: number,
  width: number,
): [number, number, number, number] {
  const h = height >>> 0;
  const w = width >>> 0;
  const m = counts.length - (counts.length % 2);
  if (m === 0 || h === 0) return [0, 0, 0, 0];
  let xs = w;
  let ys = h;
  let xe = 0;
  let ye = 0;
  let cc = 0;
  let xp = 0;
  for (let j = 0; j < m; j++) {
    // uint arithmetic as in C, so a degenerate first pair of zero runs wraps the same way.
    cc = (cc + counts[j]!) >>> 0;
    const t = (cc - (j % 2)) >>> 0;
    const y = t % h;
    const x = (t - y) / h;
    if (j % 2 === 0) xp = x;
    else if (xp < x) {
      ys = 0;
      ye = h - 1;
    }
    if (x < xs) xs = x;
    if (x > xe) xe = x;
    if (y < ys) ys = y;
    if (y > ye) ye = y;
  }
  return [xs, ys, xe - xs + 1, ye - ys + 1];
}

// ---------------------------------------------------------------------------------------------
// Set operations
// ---------------------------------------------------------------------------------------------

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
  const inter = rleArea(mergePair(a, b, true));
  if (inter === 0) return 0;
  return inter / rleArea(mergePair(a, b, false));
}

// ---------------------------------------------------------------------------------------------
// Polygons
// ---------------------------------------------------------------------------------------------

/**
 * Rasterises one polygon `[x1, y1, x2, y2, …]` exactly as the reference `rleFrPoly`: the outline
 * is walked on a 5× upsampled grid, the points where it crosses a pixel-column centre are brought
 * back down, and each column is filled between successive crossings. Coordinates outside the
 * image are clipped by that walk, not before it.
 */
export function polygonToRle(xy: ArrayLike<number>, height: number, width: number): Uint32Array {
  const h = height;
  const w = width;
  const scale = 5;
  const k = Math.floor(xy.length / 2);
  // (int)(v + .5) in C truncates toward zero; Int32Array stores truncate the same way.
  const x = new Int32Array(k + 1);
  const y = new Int32Array(k + 1);
  for (let j = 0; j < k; j++) {
    x[j] = scale * xy[j * 2]! + 0.5;
    y[j] = scale * xy[j * 2 + 1]! + 0.5;
  }
  x[k] = x[0]!;
  y[k] = y[0]!;

  let m = 0;
  for (let j = 0; j < k; j++) {
    m += Math.max(Math.abs(x[j]! - x[j + 1]!), Math.abs(y[j]! - y[j + 1]!)) + 1;
  }
  const u = new Int32Array(m);
  const v = new Int32Array(m);
  m = 0;
  for (let j = 0; j < k; j++) {
    let xs = x[j]!;
    let xe = x[j + 1]!;
    let ys = y[j]!;
    let ye = y[j + 1]!;
    const dx = Math.abs(xe - xs);
    const dy = Math.abs(ys - ye);
    const flip = (dx >= dy && xs > xe) || (dx < dy && ys > ye);
    if (flip) {
      [xs, xe] = [xe, xs];
      [ys, ye] = [ye, ys];
    }
    const s = dx >= dy ? (ye - ys) / dx : (xe - xs) / dy;
    if (dx >= dy) {
      for (let d = 0; d <= dx; d++) {
        const t = flip ? dx - d : d;
        u[m] = t + xs;
        // A repeated vertex gives 0/0; C's (int)NaN is INT_MIN on x86, Int32Array would store 0.
        // The value never reaches the output either way, but keep it identical.
        const vy = ys + s * t + 0.5;
        v[m] = Number.isNaN(vy) ? -2147483648 : vy;
        m++;
      }
    } else {
      for (let d = 0; d <= dy; d++) {
        const t = flip ? dy - d : d;
        v[m] = t + ys;
        u[m] = xs + s * t + 0.5;
        m++;
      }
    }
  }

  // Keep the points where the outline crosses a column centre, downsampled to pixel coordinates.
  const total = m;
  const bx = new Int32Array(total);
  const by = new Int32Array(total);
  m = 0;
  for (let j = 1; j < total; j++) {
    const uj = u[j]!;
    const up = u[j - 1]!;
    if (uj === up) continue;
    let xd = uj < up ? uj : uj - 1;
    xd = (xd + 0.5) / scale - 0.5;
    if (Math.floor(xd) !== xd || xd < 0 || xd > w - 1) continue;
    const vj = v[j]!;
    const vp = v[j - 1]!;
    let yd = vj < vp ? vj : vp;
    yd = (yd + 0.5) / scale - 0.5;
    if (yd < 0) yd = 0;
    else if (yd > h) yd = h;
    yd = Math.ceil(yd);
    bx[m] = xd;
    by[m] = yd;
    m++;
  }

  // Column-major positions of the crossings, sorted, become the run lengths.
  const a = new Uint32Array(m + 1);
  for (let j = 0; j < m; j++) a[j] = bx[j]! * h + by[j]!;
  a[m] = h * w;
  a.sort();
  let prev = 0;
  for (let j = 0; j < a.length; j++) {
    const t = a[j]!;
    a[j] = t - prev;
    prev = t;
  }
  // Two crossings at one position cancel: drop the empty run and join its neighbours.
  const b = new Uint32Array(a.length);
  let n = 0;
  let j = 0;
  b[n++] = a[j++]!;
  while (j < a.length) {
    if (a[j]! > 0) b[n++] = a[j++]!;
    else {
      j++;
      if (j < a.length) b[n - 1] = b[n - 1]! + a[j++]!;
    }
  }
  return b.slice(0, n);
}

/**
 * Rasterises polygons and merges them by union, as pycocotools `frPyObjects` + `merge` do for a
 * COCO polygon segmentation. Like pycocotools, a list whose first entry has exactly 4 numbers is
 * read as boxes `[x, y, w, h]` (entries of another length in such a list stay polygons, where
 * pycocotools would reject the list). An empty list gives an empty mask.
 */
export function polygonsToRle(polygons: readonly (readonly number[])[], height: number, width: number): Uint32Array {
  if (polygons.length === 0) return Uint32Array.of(height * width);
  const asBoxes = polygons[0]!.length === 4;
  const rles = polygons.map((p) => {
    if (asBoxes && p.length === 4) {
      const [bx, by, bw, bh] = p as [number, number, number, number];
      return polygonToRle([bx, by, bx, by + bh, bx + bw, by + bh, bx + bw, by], height, width);
    }
    return polygonToRle(p, height, width);
  });
  return rleMerge(rles);
}

// ---------------------------------------------------------------------------------------------
// Segmentations
// ---------------------------------------------------------------------------------------------

/**
 * Counts of any MMR segmentation: compressed RLE, uncompressed RLE or polygons (rasterised at
 * height × width). For RLE forms the counts are returned as stored and `size` is not checked
 * against height × width: callers that need the sizes to agree (the `empty_mask` check) compare
 * `segmentation.size` themselves.
 */
export function segmentationToRle(segmentation: Segmentation, height: number, width: number): Uint32Array {
  if (Array.isArray(segmentation)) return polygonsToRle(segmentation, height, width);
  const { counts } = segmentation;
  return typeof counts === "string" ? rleFromString(counts) : Uint32Array.from(counts);
}
