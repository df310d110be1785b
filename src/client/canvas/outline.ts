/*
 * Traces the boundary of a binary mask into closed polygons along pixel edges, once per mask.
 * A vector outline (rather than a ring of boundary pixels) stays one screen pixel crisp at every
 * zoom and can be dashed, which is how parts are told from objects.
 */

const RIGHT = 0;
const DOWN = 1;
const LEFT = 2;
const UP = 3;

/**
 * `bits`: row-major 0/1 of a `w`×`h` crop whose top-left pixel is (`ox`, `oy`) in the image.
 * Returns closed loops as flat [x0, y0, x1, y1, …] lists of pixel-corner coordinates in image
 * space; only corners are kept, collinear points are dropped. Outer boundaries run one way,
 * holes the other, so the loops can be filled with the non-zero rule too.
 */
export function traceOutline(bits: Uint8Array, w: number, h: number, ox = 0, oy = 0): Int32Array[] {
  if (w === 0 || h === 0) return [];
  const vw = w + 1;
  // out[v]: bit d set when an unvisited boundary edge leaves corner v in direction d. Edges are
  // directed so that the mask lies on their right-hand side (y grows downwards).
  const out = new Uint8Array(vw * (h + 1));
  const touched: number[] = [];
  const mark = (v: number, d: number): void => {
    if (out[v] === 0) touched.push(v);
    out[v]! |= 1 << d;
  };
  // Work on runs of 1s per row (found with native indexOf), not on pixels: the cost follows the
  // boundary's length, not the box's area.
  let prev: number[] = [];
  for (let y = 0; y <= h; y++) {
    const cur = y < h ? rowRuns(bits, y * w, w) : [];
    for (let k = 0; k < cur.length; k += 2) {
      mark((y + 1) * vw + cur[k]!, UP); // left side of the run
      mark(y * vw + cur[k + 1]!, DOWN); // right side
    }
    const line = y * vw;
    // On the line between rows y-1 and y: pixels set below only have a top edge, set above only
    // a bottom edge.
    subtractRuns(cur, prev, (x0, x1) => {
      for (let x = x0; x < x1; x++) mark(line + x, RIGHT);
    });
    subtractRuns(prev, cur, (x0, x1) => {
      for (let x = x0; x < x1; x++) mark(line + x + 1, LEFT);
    });
    prev = cur;
  }

  return walk(out, touched, vw, ox, oy);
}

/**
 * `traceOutline` of a column-major crop: `bits[x * h + y]` is pixel (x, y) of the `w`×`h` crop
 * (what the mask cache keeps, COCO's order). The same loops as `traceOutline` of the same pixels
 * row-major, point for point: same starts, same directions, same order (a dashed outline starts
 * its dashes where its loop starts). The edge grid is built from the column runs, and the corners
 * are visited in the order the row-major scan would first mark them: by row line, then by the kind
 * of edge that marks them first (a run's sides, then top edges, then bottom edges), then by x.
 */
export function traceOutlineColumns(bits: Uint8Array, w: number, h: number, ox = 0, oy = 0): Int32Array[] {
  if (w === 0 || h === 0) return [];
  const vw = w + 1;
  const out = new Uint8Array(vw * (h + 1));
  const found: number[] = [];
  const mark = (v: number, d: number): void => {
    if (out[v] === 0) found.push(v);
    out[v]! |= 1 << d;
  };
  // Column by column (one vertex column x per step): the edges on vertex column x come from pixel
  // columns x-1 and x only.
  let prev: number[] = [];
  for (let x = 0; x <= w; x++) {
    const cur = x < w ? rowRuns(bits, x * h, h) : [];
    // Rows set in column x but not x-1: a left side, upwards; set in x-1 only: a right side, downwards.
    subtractRuns(cur, prev, (y0, y1) => {
      for (let y = y0; y < y1; y++) mark((y + 1) * vw + x, UP);
    });
    subtractRuns(prev, cur, (y0, y1) => {
      for (let y = y0; y < y1; y++) mark(y * vw + x, DOWN);
    });
    // The top edge of each run of column x starts at its top-left corner; the bottom edge of each
    // run of column x-1 starts at its bottom-right corner.
    for (let k = 0; k < cur.length; k += 2) mark(cur[k]! * vw + x, RIGHT);
    for (let k = 1; k < prev.length; k += 2) mark(prev[k]! * vw + x, LEFT);
    prev = cur;
  }
  // The row-major scan marks, on its pass over row y, first the sides of row y's runs (an up edge
  // at a corner of line y+1, a down edge at one of line y) in x order, then the top edges on line
  // y, then the bottom edges on line y. A corner's rank is the first of these that reaches it;
  // `found` is in x order, so a stable counting sort by rank gives the scan's order.
  const ranks = 3 * (h + 1);
  const rank = new Int32Array(found.length);
  const starts = new Int32Array(ranks + 1);
  for (let i = 0; i < found.length; i++) {
    const v = found[i]!;
    const o = out[v]!;
    const line = Math.floor(v / vw);
    const r = o & (1 << UP) ? 3 * (line - 1) : o & (1 << DOWN) ? 3 * line : o & (1 << RIGHT) ? 3 * line + 1 : 3 * line + 2;
    rank[i] = r;
    starts[r + 1]!++;
  }
  for (let r = 0; r < ranks; r++) starts[r + 1]! += starts[r]!;
  const touched = new Array<number>(found.length);
  for (let i = 0; i < found.length; i++) touched[starts[rank[i]!]!++] = found[i]!;
  return walk(out, touched, vw, ox, oy);
}

/**
 * Follows the marked edges of `out` into closed loops, starting from the corners in `touched`
 * order, and returns them in image coordinates.
 */
function walk(out: Uint8Array, touched: readonly number[], vw: number, ox: number, oy: number): Int32Array[] {
  const step = [1, vw, -1, -vw] as const;
  const loops: Int32Array[] = [];
  const pts: number[] = [];
  for (const start of touched) {
    while (out[start] !== 0) {
      pts.length = 0;
      let v = start;
      let d = lowestBit(out[v]!);
      let prevDir = -1;
      for (;;) {
        out[v]! &= ~(1 << d);
        if (d !== prevDir) pts.push((v % vw) + ox, Math.floor(v / vw) + oy);
        prevDir = d;
        v += step[d]!;
        const o = out[v]!;
        if (o === 0) break; // every corner has as many edges in as out: only the start can end a walk
        // At a saddle (two diagonal pixels) turn right, which keeps 4-connected regions apart.
        const r = (d + 1) & 3;
        const l = (d + 3) & 3;
        d = o & (1 << r) ? r : o & (1 << d) ? d : l;
        if (!(o & (1 << d))) d = lowestBit(o);
      }
      // Drop the start point when the walk ran straight through it.
      if (prevDir === firstDir(pts) && pts.length > 4) pts.splice(0, 2);
      loops.push(Int32Array.from(pts));
    }
  }
  return loops;
}

/** Runs of 1s in one row (or, column-major, one column) as flat [start, end) pairs. */
function rowRuns(bits: Uint8Array, offset: number, w: number): number[] {
  const row = bits.subarray(offset, offset + w);
  const runs: number[] = [];
  let x = row.indexOf(1);
  while (x !== -1) {
    let e = row.indexOf(0, x);
    if (e === -1) e = w;
    runs.push(x, e);
    x = e < w ? row.indexOf(1, e) : -1;
  }
  return runs;
}

/** Calls `emit` with each piece of the runs `a` not covered by the runs `b` (both sorted). */
function subtractRuns(a: number[], b: number[], emit: (x0: number, x1: number) => void): void {
  let j = 0;
  for (let i = 0; i < a.length; i += 2) {
    let s = a[i]!;
    const e = a[i + 1]!;
    while (j < b.length && b[j + 1]! <= s) j += 2;
    for (let k = j; s < e; k += 2) {
      if (k >= b.length || b[k]! >= e) {
        emit(s, e);
        break;
      }
      if (b[k]! > s) emit(s, b[k]!);
      s = Math.max(s, b[k + 1]!);
    }
  }
}

function lowestBit(o: number): number {
  return o & 1 ? RIGHT : o & 2 ? DOWN : o & 4 ? LEFT : UP;
}

/** Direction of the first segment of a corner list. */
function firstDir(pts: number[]): number {
  const dx = (pts[2] ?? 0) - (pts[0] ?? 0);
  const dy = (pts[3] ?? 0) - (pts[1] ?? 0);
  if (dx > 0) return RIGHT;
  if (dx < 0) return LEFT;
  return dy > 0 ? DOWN : UP;
}
