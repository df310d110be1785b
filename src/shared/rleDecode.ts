import { atLeast } from "./rleScratch";

/*
 * Decoding COCO counts (column-major runs, see rle.ts) into row-major or column-major 0/1 masks.
 */

// Scratch buffers reused across calls: decoding happens for every mask on every pair change, and
// JS is single-threaded per realm, so sharing them is safe and saves the allocations.
let spanScratchA: Int32Array = new Int32Array(1024);
let spanScratchB: Int32Array = new Int32Array(1024);
let rowStartScratch: Int32Array = new Int32Array(1024);


/**
 * Decodes counts into a new row-major 0/1 mask (pixel (x, y) at y * width + x). Allocating a
 * 300 KB buffer costs more than decoding into it: code that decodes often (the canvas mask cache)
 * should reuse buffers with `rleDecodeInto`.
 */
export function rleDecode(counts: ArrayLike<number>, height: number, width: number): Uint8Array {
  // A new buffer is already zeroed: skip the clearing pass.
  // Stryker disable next-line BooleanLiteral: equivalent, clearing a new (zeroed) buffer changes no byte
  return decodeRows(counts, height, width, new Uint8Array(height * width), false, 0, 0, width, height);
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
  return decodeRows(counts, height, width, out, true, 0, 0, width, height);
}

/** Pixels the last decode wrote as 1 (inside its box). */
let written = 0;

/**
 * Decodes only the pixels inside `box` ([x, y, w, h] of the image) into `out`, row-major over the
 * box (pixel (x, y) at (y - box y) * box w + (x - box x)); returns how many 1s it wrote there.
 * The canvas keeps each mask cropped to its pixels' box, and the box is known before decoding
 * (the server's `maskBox`): decoding straight into it skips clearing and scanning a full frame.
 * The box must be whole pixels inside the image and `out` hold box w × box h bytes, else nothing is
 * written and the result is -1. The box's bytes of `out` are cleared first. 1s outside the box are not written (compare the
 * count with the mask's area to notice a box that does not hold the mask).
 */
export function rleDecodeBox(
  counts: ArrayLike<number>,
  height: number,
  width: number,
  [bx, by, bw, bh]: readonly [number, number, number, number],
  out: Uint8Array,
): number {
  if (!usableBox(width, height, bx, by, bw, bh, out)) return -1;
  decodeRows(counts, height, width, out, true, bx, by, bw, bh);
  return written;
}

/** Whether (bx, by, bw, bh) is whole pixels inside a width × height image and `out` holds its bytes. */
function usableBox(width: number, height: number, bx: number, by: number, bw: number, bh: number, out: Uint8Array): boolean {
  const inside = bx >= 0 && by >= 0 && bw >= 0 && bh >= 0 && bx + bw <= width && by + bh <= height;
  const whole = Number.isInteger(bx) && Number.isInteger(by) && Number.isInteger(bw) && Number.isInteger(bh);
  return inside && whole && out.length >= bw * bh;
}

/**
 * Decodes into `out`, a row-major view of the box (bx, by, bw, bh) of the image; the full frame is
 * the box (0, 0, width, height).
 */
function decodeRows(
  counts: ArrayLike<number>,
  height: number,
  width: number,
  out: Uint8Array,
  clear: boolean,
  bx: number,
  by: number,
  bw: number,
  bh: number,
): Uint8Array {
  const h = height;
  const area = h * width;
  written = 0;
  // Stryker disable next-line ConditionalExpression: equivalent, only rleDecode passes false, with a new (zeroed) buffer
  if (clear) out.fill(0, 0, bw * bh);
  // Stryker disable next-line ConditionalExpression: equivalent, with area 0 the first count reaches the area and the loop below writes nothing
  if (area === 0) return out;
  boxX = bx;
  boxY = by;
  boxW = bw;
  boxY1 = by + bh;
  boxX1 = bx + bw;
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent, the one-fill path of closeRows is right whenever bx is 0 (and bw = width implies it), and fullRows false only skips it
  fullRows = bx === 0 && bw === width;
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
  // Stryker disable next-line UnaryOperator: equivalent, transitions from an empty column to an empty one write nothing, so no column before the first changes the output
  let curX = -1;

  // Counts come in (0s, 1s) pairs. The column of a position is tracked incrementally rather than
  // divided out: positions only grow, so this costs O(columns) in total, and a division per run
  // showed up in profiles.
  let pos = 0;
  let x = 0;
  let base = 0;
  for (let i = 1; i < n; i += 2) {
    pos += counts[i - 1]!;
    // Stryker disable next-line EqualityOperator: equivalent, a run starting at the area is clipped to nothing
    if (pos >= area) break;
    const c = counts[i]!;
    // Stryker disable next-line ConditionalExpression: equivalent, an empty run of 1s cuts no span (s = e)
    if (c === 0) continue;
    let s = pos;
    pos += c;
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at pos = area
    const e = pos < area ? pos : area;
    // Stryker disable next-line EqualityOperator: equivalent, a run at the top of the next column then leaves an empty span [h, h) in the column before (room for it is the "+ 2" of the scratch), which changes no row
    while (s >= base + h) {
      base += h;
      x++;
    }
    // Cut the run of 1s [s, e) at column boundaries.
    while (s < e) {
      if (x !== curX) {
        // Column curX is complete: compare it with its left neighbour, then move on. A gap of
        // empty columns closes every row still open.
        // Stryker disable next-line ConditionalExpression: equivalent, before the first column both span lists are empty: the transitions write nothing
        if (curX >= 0) {
          transition(out, rowStart, prev, prevN, cur, curN, curX);
          // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent, closing every row at curX + 1 when the next column is curX + 1 only splits the same fills in two
          if (x > curX + 1) {
            transition(out, rowStart, cur, curN, cur, 0, curX + 1);
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
      // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at e = colEnd
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
  // Stryker disable next-line ConditionalExpression: equivalent, with no 1s both span lists are empty and the transitions write nothing
  if (curX >= 0) {
    transition(out, rowStart, prev, prevN, cur, curN, curX);
    transition(out, rowStart, cur, curN, cur, 0, curX + 1);
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
  prev: Int32Array,
  pn: number,
  cur: Int32Array,
  cn: number,
  x: number,
): void {
  // The fast paths below give what the general walk gives, sooner (the Stryker comments mark their
  // equivalent mutants). rowStart entries of rows that are 0 in both columns are never read before
  // the row opens again, so writing extra ones is harmless.
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, the general walk below gives the same rows
  if (pn === 2 && cn === 2) {
    // Fast path, most columns of a single blob: one span [p0, p1) before, one [c0, c1) now.
    // Rows of the new span not in the old one open; rows of the old one not in the new close.
    const p0 = prev[0]!;
    const p1 = prev[1]!;
    const c0 = cur[0]!;
    const c1 = cur[1]!;
    // Stryker disable next-line ConditionalExpression: equivalent, for equal spans the code below opens and closes no row
    if (p0 === c0 && p1 === c1) return;
    // Opening segments are a few rows at a blob's top or bottom edge: a loop beats a fill call.
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, equal at c1 = p0, and o1 = p0 past c1 only marks rows that are 0 in both columns
    const o1 = c1 < p0 ? c1 : p0;
    for (let r = c0; r < o1; r++) rowStart[r] = x;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, equal at c0 = p1, and o0 = p1 below c0 only marks rows that are 0 in both columns
    const o0 = c0 > p1 ? c0 : p1;
    // Stryker disable next-line EqualityOperator: equivalent, row c1 is 0 in this column, and when it is 1 in the previous one o0 >= p1 > c1 (no turn)
    for (let r = o0; r < c1; r++) rowStart[r] = x;
    // Stryker disable next-line EqualityOperator: equivalent, equal at p1 = c0
    const k1 = p1 < c0 ? p1 : c0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, closeRows over an empty range writes nothing
    if (p0 < k1) closeRows(out, rowStart, p0, k1, x);
    // Stryker disable next-line EqualityOperator: equivalent, equal at p0 = c1
    const k0 = p0 > c1 ? p0 : c1;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, closeRows over an empty range writes nothing
    if (k0 < p1) closeRows(out, rowStart, k0, p1, x);
    return;
  }
  // Columns identical to their left neighbour (common inside multi-part masks) change no row.
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, the general walk finds no change in identical columns
  if (pn === cn) {
    let k = 0;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, stopping early only leaves the answer to the general walk
    while (k < pn && prev[k] === cur[k]) k++;
    // Stryker disable next-line ConditionalExpression: equivalent, see above
    if (k === pn) return;
  }
  // General case: walk both sorted boundary lists; between consecutive boundaries both columns
  // are constant, and the rows change where they differ.
  let i = 0;
  let j = 0;
  let prevOn = 0;
  let curOn = 0;
  let y = 0;
  // Stryker disable next-line EqualityOperator: equivalent, one more turn with both lists read as the sentinel, when both columns are off again, writes nothing
  while (i < pn || j < cn) {
    const a = i < pn ? prev[i]! : 0x7fffffff;
    const b = j < cn ? cur[j]! : 0x7fffffff;
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at a = b
    const next = a < b ? a : b;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, for next <= y the loops below cover no row
    if (prevOn !== curOn && next > y) {
      if (curOn) for (let r = y; r < next; r++) rowStart[r] = x;
      else closeRows(out, rowStart, y, next, x);
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

// The box being decoded into (module state, like the scratch buffers: one decode at a time).
let boxX = 0;
let boxY = 0;
let boxW = 0;
let boxX1 = 0;
let boxY1 = 0;
let fullRows = true;

/**
 * Fills, for each row in [y0, y1), the run of 1s from its remembered start up to column x, the
 * parts inside the box.
 */
function closeRows(out: Uint8Array, rowStart: Int32Array, y0: number, y1: number, x: number): void {
  // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at y0 = boxY
  let y = y0 > boxY ? y0 : boxY;
  // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at y1 = boxY1
  const yEnd = y1 < boxY1 ? y1 : boxY1;
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, the one-fill path writes what the row loop below writes
  if (fullRows && x === boxX1) {
    // Runs that reach the right edge and continue from column 0 on the next row are contiguous in
    // memory: one fill covers them all (a full-width rectangle becomes a single memset).
    while (y < yEnd) {
      let y2 = y + 1;
      // Stryker disable next-line ConditionalExpression: equivalent, not joining rows fills them one at a time
      while (y2 < yEnd && rowStart[y2] === 0) y2++;
      const start = (y - boxY) * boxW + rowStart[y]!;
      const end = (y2 - boxY) * boxW;
      out.fill(1, start, end);
      written += end - start;
      y = y2;
    }
    return;
  }
  // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at x = boxX1
  const xe = x < boxX1 ? x : boxX1;
  for (; y < yEnd; y++) {
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at rowStart[y] = boxX
    const xs = rowStart[y]! > boxX ? rowStart[y]! : boxX;
    // Stryker disable next-line EqualityOperator: equivalent, an empty run [xs, xs) writes nothing and adds 0
    if (xs >= xe) continue;
    const row = (y - boxY) * boxW - boxX;
    const start = row + xs;
    const end = row + xe;
    written += end - start;
    // Short runs by hand: a fill call costs about as much as writing a few dozen bytes.
    // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator: equivalent, the loop and fill write the same bytes
    if (end - start < 24) {
      for (let k = start; k < end; k++) out[k] = 1;
    } else out.fill(1, start, end);
  }
}

/**
 * Decodes only the pixels inside `box` ([x, y, w, h] of the image) into `out`, column-major over
 * the box (pixel (x, y) at (x - box x) * box h + (y - box y)), COCO's own order; returns how many
 * 1s it wrote there. This is what the canvas keeps: every 1-run of the counts, cut at column ends
 * and clipped to the box's rows, is one contiguous write (`fillOnes`), so the cost is one clear of
 * the box plus one write per run (a row-major box needs one per horizontal run, several times more).
 * The box must be whole pixels inside the image and `out` hold box w × box h bytes, else nothing is
 * written and the result is -1. The box's bytes of `out` are cleared first; 1s outside the box are
 * not written (compare the count with the mask's area to notice a box that does not hold the mask).
 */
export function rleDecodeBoxColumnMajor(
  counts: ArrayLike<number>,
  height: number,
  width: number,
  [bx, by, bw, bh]: readonly [number, number, number, number],
  out: Uint8Array,
): number {
  if (!usableBox(width, height, bx, by, bw, bh, out)) return -1;
  const size = bw * bh;
  out.fill(0, 0, size);
  useWords(out);
  // Stryker disable next-line ConditionalExpression: equivalent, an empty box has first = last and every run is clipped to nothing
  if (size === 0) return 0;
  const h = height;
  // The box's columns are the image positions [first, last) of the column-major frame.
  const first = bx * h;
  const last = first + bw * h;
  const n = counts.length;
  let ones = 0;
  let pos = 0;
  // Stryker disable next-line ConditionalExpression,BlockStatement: equivalent, the general path below decodes full-height boxes too (this one only keeps runs crossing columns one write)
  if (bh === h) {
    // Full-height box: it is one contiguous stretch of the frame, so a run crossing columns stays
    // one fill.
    // Stryker disable next-line EqualityOperator: equivalent, one more turn reads past the counts: pos becomes NaN and nothing is written
    for (let i = 1; i < n; i += 2) {
      pos += counts[i - 1]!;
      // Stryker disable next-line EqualityOperator: equivalent, a run starting at the end of the box is clipped to nothing
      if (pos >= last) break;
      const e = pos + counts[i]!;
      // Stryker disable next-line EqualityOperator: equivalent, a run ending at the start of the box is clipped to nothing
      if (e > first) {
        // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at pos = first
        const s = (pos > first ? pos : first) - first;
        // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at e = last
        const t = (e < last ? e : last) - first;
        ones += t - s;
        fillOnes(out, s, t);
      }
      pos = e;
    }
    return ones;
  }
  const y1 = by + bh;
  // The column of pos is tracked incrementally (positions only grow: a division per run costs
  // more): colTop is the image position of its row 0, and a position p of it that lies in the box's
  // rows is at p - shift in `out`.
  const step = h - bh;
  let colTop = 0;
  let shift = by + bx * bh;
  // Stryker disable next-line EqualityOperator: equivalent, one more turn reads past the counts: pos becomes NaN and nothing is written
  for (let i = 1; i < n; i += 2) {
    pos += counts[i - 1]!;
    if (pos >= last) break;
    const c = counts[i]!;
    let s = pos;
    let e = pos + c;
    pos = e;
    if (e <= first) continue;
    // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, with colTop behind s the fast path's test fails (e - colTop > h) and the cutting loop advances the column itself
    while (s >= colTop + h) {
      colTop += h;
      shift += step;
    }
    // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator,ArithmeticOperator,BlockStatement: equivalent, the cutting loop below writes the same run (the test only passes for runs inside one column and the box's rows)
    if (s - colTop >= by && e - colTop <= y1) {
      // Within one column and the box's rows: every run of a box that holds the mask.
      ones += c;
      fillOnes(out, s - shift, e - shift);
      continue;
    }
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at s = first
    if (s < first) s = first;
    // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at e = last
    if (e > last) e = last;
    // Stryker disable next-line EqualityOperator: equivalent, at s = colTop + h the cutting loop below writes nothing and moves to the next column
    while (s >= colTop + h) {
      colTop += h;
      shift += step;
    }
    // Cut the run [s, e) at column ends; each piece clipped to the box's rows.
    while (s < e) {
      const colEnd = colTop + h;
      // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at e = colEnd
      const stop = e < colEnd ? e : colEnd;
      // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at s = colTop + by
      const a = s - colTop > by ? s : colTop + by;
      // Stryker disable next-line EqualityOperator: equivalent, both sides are equal at stop = colTop + y1
      const b = stop - colTop < y1 ? stop : colTop + y1;
      // Stryker disable next-line EqualityOperator: equivalent, an empty piece adds 0 and writes nothing
      if (a < b) {
        ones += b - a;
        fillOnes(out, a - shift, b - shift);
      }
      s = stop;
      if (stop === colEnd) {
        colTop = colEnd;
        shift += step;
      }
    }
  }
  return ones;
}

// 8-byte views of the buffer being decoded into, for fillOnes (kept for the next call on the same
// buffer, as the benchmark and a reused scratch do).
let wordsBuffer: ArrayBufferLike | null = null;
let words: Float64Array<ArrayBufferLike> = new Float64Array(0);
let wordsView: DataView<ArrayBufferLike> = new DataView(new ArrayBuffer(0));
let wordsOffset = 0;
/** The double whose 8 bytes are all 1 (bit pattern 0x0101010101010101, a normal number). */
const EIGHT_ONES = new Float64Array(new Uint8Array(8).fill(1).buffer)[0]!;

function useWords(out: Uint8Array): void {
  const buffer = out.buffer;
  // Stryker disable next-line ConditionalExpression: equivalent, new views of the same buffer write the same bytes
  if (buffer !== wordsBuffer) {
    wordsBuffer = buffer;
    words = new Float64Array(buffer, 0, buffer.byteLength >> 3);
    wordsView = new DataView(buffer);
  }
  wordsOffset = out.byteOffset;
}

/**
 * Writes 1s to out[start, end) (a buffer `useWords` was called with). `Uint8Array.fill` costs
 * ~50 ns a call in V8 (a C++ builtin), as much as writing 2–3 KB: with hundreds of runs per mask
 * the calls, not the bytes, were the decode's time. Runs shorter than that are written as 8-byte
 * stores instead (aligned ones through a Float64Array, the unaligned ends through a DataView; the
 * stores overlap inside the run), 2–3× slower per byte than fill but with no call.
 */
function fillOnes(out: Uint8Array, start: number, end: number): void {
  const n = end - start;
  // Stryker disable next-line ConditionalExpression,EqualityOperator: equivalent, the byte loop writes the same bytes as the 8-byte stores
  if (n < 8) {
    for (let k = start; k < end; k++) out[k] = 1;
    return;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,BlockStatement: equivalent, both ways write the same bytes
  if (n >= 2048) {
    out.fill(1, start, end);
    return;
  }
  const s = start + wordsOffset;
  const e = end + wordsOffset;
  wordsView.setFloat64(s, EIGHT_ONES);
  wordsView.setFloat64(e - 8, EIGHT_ONES);
  const last = e >> 3;
  let w = (s + 7) >> 3;
  // Unrolled: one store per iteration runs at half the speed.
  // Stryker disable next-line ConditionalExpression: equivalent, the loops below write the same words
  for (; w + 7 < last; w += 8) {
    words[w] = EIGHT_ONES;
    words[w + 1] = EIGHT_ONES;
    words[w + 2] = EIGHT_ONES;
    words[w + 3] = EIGHT_ONES;
    words[w + 4] = EIGHT_ONES;
    words[w + 5] = EIGHT_ONES;
    words[w + 6] = EIGHT_ONES;
    words[w + 7] = EIGHT_ONES;
  }
  // Stryker disable next-line ConditionalExpression,EqualityOperator,ArithmeticOperator,BlockStatement: equivalent, the loop below writes the same words
  if (w + 3 < last) {
    words[w] = EIGHT_ONES;
    words[w + 1] = EIGHT_ONES;
    words[w + 2] = EIGHT_ONES;
    words[w + 3] = EIGHT_ONES;
    w += 4;
  }
  for (; w < last; w++) words[w] = EIGHT_ONES;
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
  // Stryker disable next-line ConditionalExpression,LogicalOperator,EqualityOperator: equivalent, past the counts pos becomes NaN (the loop ends, fill(…, NaN) writes nothing), and runs past the area are clipped by fill
  for (let i = 0; i < counts.length && pos < area; i++) {
    const c = counts[i]!;
    if (i & 1) out.fill(1, pos, Math.min(pos + c, area));
    pos += c;
  }
  return out;
}
