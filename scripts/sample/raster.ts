/*
 * A tiny raster for the sample illustrations. Shapes are polygons filled by the pixel-centre rule;
 * every pixel remembers which "owner" (a set of annotation keys) painted it last, so annotation
 * masks come from the very same drawing, occlusion included.
 */

export type Point = readonly [number, number];
export type Polygon = readonly Point[];
export type Rgb = readonly [number, number, number];

/** A 0/1 row-major mask of the canvas size. */
export type Mask = Uint8Array;

export function polygonMask(polygons: readonly Polygon[], width: number, height: number): Mask {
  const mask = new Uint8Array(width * height);
  // Even-odd scanline fill at pixel centres, over the union of edges of all polygons.
  const edges: [number, number, number, number][] = [];
  let ymin = Infinity;
  let ymax = -Infinity;
  for (const poly of polygons) {
    for (let i = 0; i < poly.length; i++) {
      const a = poly[i]!;
      const b = poly[(i + 1) % poly.length]!;
      if (a[1] === b[1]) continue;
      edges.push([a[0], a[1], b[0], b[1]]);
      ymin = Math.min(ymin, a[1], b[1]);
      ymax = Math.max(ymax, a[1], b[1]);
    }
  }
  const xs: number[] = [];
  for (let y = Math.max(0, Math.floor(ymin)); y <= Math.min(height - 1, Math.ceil(ymax)); y++) {
    const cy = y + 0.5;
    xs.length = 0;
    for (const [x0, y0, x1, y1] of edges) {
      if ((cy >= y0 && cy < y1) || (cy >= y1 && cy < y0)) xs.push(x0 + ((cy - y0) / (y1 - y0)) * (x1 - x0));
    }
    xs.sort((a, b) => a - b);
    for (let k = 0; k + 1 < xs.length; k += 2) {
      const from = Math.max(0, Math.ceil(xs[k]! - 0.5));
      const to = Math.min(width - 1, Math.floor(xs[k + 1]! - 0.5));
      if (to >= from) mask.fill(1, y * width + from, y * width + to + 1);
    }
  }
  return mask;
}

export function ellipse(cx: number, cy: number, rx: number, ry: number, rotation = 0, steps = 72): Polygon {
  const cos = Math.cos(rotation);
  const sin = Math.sin(rotation);
  return Array.from({ length: steps }, (_, i): Point => {
    const t = (i / steps) * 2 * Math.PI;
    const x = rx * Math.cos(t);
    const y = ry * Math.sin(t);
    return [cx + x * cos - y * sin, cy + x * sin + y * cos];
  });
}

export function rect(x: number, y: number, w: number, h: number): Polygon {
  return [
    [x, y],
    [x + w, y],
    [x + w, y + h],
    [x, y + h],
  ];
}

/** A rectangle with rounded corners of radius r. */
export function roundRect(x: number, y: number, w: number, h: number, r: number): Polygon {
  const out: Point[] = [];
  const rr = Math.min(r, w / 2, h / 2);
  const corners: [number, number, number][] = [
    [x + w - rr, y + rr, -Math.PI / 2],
    [x + w - rr, y + h - rr, 0],
    [x + rr, y + h - rr, Math.PI / 2],
    [x + rr, y + rr, Math.PI],
  ];
  for (const [cx, cy, start] of corners) {
    for (let i = 0; i <= 6; i++) {
      const t = start + (i / 6) * (Math.PI / 2);
      out.push([cx + rr * Math.cos(t), cy + rr * Math.sin(t)]);
    }
  }
  return out;
}

/** A thick straight stroke from a to b, as a quad. */
export function stroke(a: Point, b: Point, thickness: number): Polygon {
  const dx = b[0] - a[0];
  const dy = b[1] - a[1];
  const len = Math.hypot(dx, dy) || 1;
  const nx = (-dy / len) * (thickness / 2);
  const ny = (dx / len) * (thickness / 2);
  return [
    [a[0] + nx, a[1] + ny],
    [b[0] + nx, b[1] + ny],
    [b[0] - nx, b[1] - ny],
    [a[0] - nx, a[1] - ny],
  ];
}

export function shade(color: Rgb, factor: number): Rgb {
  const f = (c: number): number => Math.max(0, Math.min(255, Math.round(factor >= 1 ? c + (255 - c) * (factor - 1) : c * factor)));
  return [f(color[0]), f(color[1]), f(color[2])];
}

export class Canvas {
  readonly rgb: Uint8Array;
  /** Per pixel: index into `owners` of the shape painted last (0: background, no annotation). */
  readonly owner: Uint16Array;
  private readonly owners: ReadonlySet<string>[] = [new Set()];
  private readonly ownerIndex = new Map<string, number>([["", 0]]);

  constructor(
    readonly width: number,
    readonly height: number,
  ) {
    this.rgb = new Uint8Array(width * height * 3);
    this.owner = new Uint16Array(width * height);
  }

  private ownerOf(keys: readonly string[]): number {
    const id = [...keys].sort().join("|");
    let index = this.ownerIndex.get(id);
    if (index === undefined) {
      index = this.owners.length;
      this.owners.push(new Set(keys));
      this.ownerIndex.set(id, index);
    }
    return index;
  }

  /**
   * Paints the mask's pixels with `fill`, its boundary pixels with `outline` (a cartoon outline
   * that stays inside the shape, so masks and pixels agree), and gives them to `keys`.
   */
  paintMask(mask: Mask, fill: Rgb, keys: readonly string[], outline: Rgb | null = shade(fill, 0.6)): void {
    const { width, height, rgb, owner } = this;
    const who = this.ownerOf(keys);
    for (let y = 0; y < height; y++) {
      const row = y * width;
      for (let x = 0; x < width; x++) {
        const p = row + x;
        if (!mask[p]) continue;
        const edge =
          outline !== null &&
          (x === 0 || y === 0 || x === width - 1 || y === height - 1 || !mask[p - 1] || !mask[p + 1] || !mask[p - width] || !mask[p + width]);
        const c = edge ? outline : fill;
        rgb[p * 3] = c[0];
        rgb[p * 3 + 1] = c[1];
        rgb[p * 3 + 2] = c[2];
        owner[p] = who;
      }
    }
  }

  fill(polygons: Polygon | readonly Polygon[], color: Rgb, keys: readonly string[] = [], outline?: Rgb | null): void {
    const list = (isPolygonList(polygons) ? polygons : [polygons]) as readonly Polygon[];
    this.paintMask(polygonMask(list, this.width, this.height), color, keys, outline === undefined ? shade(color, 0.6) : outline);
  }

  /** Darkens what is already there (shadows); ownership does not change. */
  darken(polygons: readonly Polygon[], factor: number): void {
    const mask = polygonMask(polygons, this.width, this.height);
    for (let p = 0; p < mask.length; p++) {
      if (!mask[p]) continue;
      for (let c = 0; c < 3; c++) this.rgb[p * 3 + c] = Math.round(this.rgb[p * 3 + c]! * factor);
    }
  }

  /** The pixels whose last painter carried `key`. */
  maskOf(key: string): Mask {
    const hits = this.owners.map((keys) => (keys.has(key) ? 1 : 0));
    const mask = new Uint8Array(this.width * this.height);
    for (let p = 0; p < mask.length; p++) mask[p] = hits[this.owner[p]!]!;
    return mask;
  }
}

function isPolygonList(value: Polygon | readonly Polygon[]): value is readonly Polygon[] {
  const first = value[0];
  return first !== undefined && Array.isArray(first[0]);
}
