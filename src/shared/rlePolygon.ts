import { rleMerge } from "./rleMerge";

/*
 * Polygon rasterisation into COCO counts, reproducing pycocotools' rleFrPoly.
 */

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
