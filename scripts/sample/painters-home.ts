import { shadow } from "./painters-desk";
import { ellipse, rect, roundRect, shade, stroke, type Polygon, type Rgb } from "./raster";
import type { Scene } from "./scene";

/*
 * Painters for furniture, animals and room objects. (x, y) is the point where the object stands
 * on the floor (bottom centre) unless said otherwise; s scales it.
 */

export function wallAndFloor(scene: Scene, wall: Rgb, floor: Rgb, horizon = 300): void {
  const { width, height } = scene;
  scene.paint(rect(0, 0, width, horizon), wall);
  scene.paint(rect(0, horizon, width, height - horizon), floor);
  scene.paint(rect(0, horizon - 10, width, 10), shade(wall, 0.82));
  for (let x = -200; x < width + 200; x += 90) scene.paint(stroke([x + 60, horizon], [x + 60 + (x - width / 2) * 0.6, height], 2), shade(floor, 0.9));
}

/** Table seen from the front, top slab in slight perspective; (x, y) = floor centre. */
export function table(scene: Scene, x: number, y: number, w: number, h: number, color: Rgb, opts: { objAnnId?: boolean } = {}): string {
  const o = scene.object("table");
  const leg = scene.part(o, "leg", opts);
  const top = scene.part(o, "top", opts);
  shadow(scene, x, y, w * 0.55, 12);
  for (const lx of [x - w / 2 + 14, x + w / 2 - 30]) scene.draw(rect(lx, y - h + 14, 16, h - 14), shade(color, 0.8), [leg]);
  for (const lx of [x - w / 2 + 40, x + w / 2 - 56]) scene.draw(rect(lx, y - h + 14, 14, h - 26), shade(color, 0.6), [leg]);
  scene.draw([[x - w / 2 + 20, y - h - 26], [x + w / 2 - 20, y - h - 26], [x + w / 2, y - h], [x - w / 2, y - h]], shade(color, 1.15), [top]);
  scene.draw(rect(x - w / 2, y - h, w, 16), color, [top]);
  return o;
}

/** Dining chair, front view; (x, y) = floor centre. `hidden` registers a part the scene will cover. */
export function chair(scene: Scene, x: number, y: number, s: number, color: Rgb, opts: { objAnnId?: boolean; stretcher?: boolean } = {}): string {
  const o = scene.object("chair");
  const leg = scene.part(o, "leg", { objAnnId: opts.objAnnId ?? false });
  const seat = scene.part(o, "seat", { objAnnId: opts.objAnnId ?? false });
  const back = scene.part(o, "back", { objAnnId: opts.objAnnId ?? false });
  const stretcher = opts.stretcher ? scene.part(o, "stretcher", { objAnnId: true }) : null;
  shadow(scene, x, y, 50 * s, 8 * s);
  const legW = 9 * s;
  for (const lx of [x - 30 * s, x + 30 * s - legW]) scene.draw(rect(lx, y - 78 * s, legW, 70 * s), shade(color, 0.7), [leg]);
  if (stretcher) scene.draw(rect(x - 30 * s, y - 34 * s, 60 * s, 6 * s), shade(color, 0.75), [stretcher]);
  for (const lx of [x - 44 * s, x + 44 * s - legW]) scene.draw(rect(lx, y - 70 * s, legW, 70 * s), shade(color, 0.85), [leg]);
  // Back: two posts and a top rail with slats, all the `back` part.
  scene.draw(rect(x - 40 * s, y - 170 * s, 9 * s, 96 * s), color, [back]);
  scene.draw(rect(x + 31 * s, y - 170 * s, 9 * s, 96 * s), color, [back]);
  scene.draw(roundRect(x - 44 * s, y - 178 * s, 88 * s, 24 * s, 6 * s), color, [back]);
  for (const sx of [-18, -3, 12]) scene.draw(rect(x + sx * s, y - 154 * s, 6 * s, 70 * s), shade(color, 0.9), [back]);
  scene.draw([[x - 40 * s, y - 92 * s], [x + 40 * s, y - 92 * s], [x + 50 * s, y - 72 * s], [x - 50 * s, y - 72 * s]], shade(color, 1.2), [seat]);
  scene.draw(rect(x - 50 * s, y - 72 * s, 100 * s, 8 * s), shade(color, 0.95), [seat]);
  return o;
}

/** Flat television on a stand; (x, y) = floor/furniture point under the stand. */
export function television(scene: Scene, x: number, y: number, s: number): string {
  const o = scene.object("television_set");
  const base = scene.part(o, "base");
  const top = scene.part(o, "top");
  const bottom = scene.part(o, "bottom");
  const side = scene.part(o, "side");
  const button = scene.part(o, "button", { objAnnId: true });
  const w = 260 * s;
  const h = 150 * s;
  const top0 = y - 26 * s - h;
  shadow(scene, x, y, 70 * s, 6 * s);
  scene.draw([[x - 60 * s, y], [x + 60 * s, y], [x + 14 * s, y - 12 * s], [x - 14 * s, y - 12 * s]], [40, 42, 48], [base]);
  scene.draw(rect(x - 8 * s, y - 30 * s, 16 * s, 20 * s), [40, 42, 48], [base]);
  scene.draw(rect(x - w / 2, top0, w, h), [24, 30, 44], [o]);
  scene.draw([[x - w / 2 + 10 * s, top0 + 10 * s], [x - w / 2 + 120 * s, top0 + 10 * s], [x - w / 2 + 10 * s, top0 + 100 * s]], [44, 58, 84], [o], null);
  scene.draw(rect(x - w / 2, top0, w, 8 * s), [60, 62, 70], [top]);
  scene.draw(rect(x - w / 2, top0 + h - 14 * s, w, 14 * s), [60, 62, 70], [bottom]);
  scene.draw([rect(x - w / 2, top0 + 8 * s, 8 * s, h - 22 * s), rect(x + w / 2 - 8 * s, top0 + 8 * s, 8 * s, h - 22 * s)], [60, 62, 70], [side]);
  scene.draw(ellipse(x + w / 2 - 20 * s, top0 + h - 7 * s, 4 * s, 4 * s), [220, 60, 60], [button], null);
  return o;
}

/** Dog standing, seen from the side, facing right (dir 1) or left (dir -1); (x, y) = floor centre. */
export function dog(scene: Scene, x: number, y: number, s: number, color: Rgb, dir: 1 | -1 = 1): string {
  const o = scene.object("dog");
  const tail = scene.part(o, "tail");
  const leg = scene.part(o, "leg");
  const body = scene.part(o, "body");
  const neck = scene.part(o, "neck");
  const head = scene.part(o, "head");
  const ear = scene.part(o, "ear", { objAnnId: true });
  const nose = scene.part(o, "nose");
  const X = (dx: number): number => x + dir * dx * s;
  shadow(scene, x, y, 80 * s, 8 * s);
  scene.draw(stroke([X(-58), y - 92 * s], [X(-88), y - 132 * s], 13 * s), shade(color, 0.9), [tail]);
  for (const lx of [-46, -26, 28, 48]) {
    scene.draw(roundRect(X(lx) - 8 * s, y - 60 * s, 16 * s, 60 * s, 6 * s), lx === -26 || lx === 28 ? shade(color, 0.8) : color, [leg]);
  }
  scene.draw(ellipse(X(0), y - 80 * s, 70 * s, 36 * s), color, [body]);
  scene.draw(ellipse(X(2), y - 68 * s, 46 * s, 14 * s), shade(color, 1.2), [body], null);
  scene.draw([[X(34), y - 100 * s], [X(58), y - 146 * s], [X(86), y - 134 * s], [X(70), y - 84 * s]], color, [neck]);
  scene.draw(ellipse(X(72), y - 140 * s, 30 * s, 26 * s), color, [head]);
  scene.draw(roundRect(Math.min(X(82), X(118)), y - 140 * s, 36 * s, 24 * s, 10 * s), shade(color, 1.1), [head]);
  scene.draw(ellipse(X(76), y - 146 * s, 4 * s, 4 * s), [30, 24, 20], [head], null);
  scene.draw(ellipse(X(58), y - 136 * s, 11 * s, 22 * s, dir * 0.35), shade(color, 0.65), [ear]);
  scene.draw(ellipse(X(116), y - 134 * s, 7 * s, 6 * s), [30, 24, 20], [nose], null);
  return o;
}

/** Floor or table lamp; (x, y) = bottom centre. */
export function lamp(scene: Scene, x: number, y: number, s: number, shadeColor: Rgb): string {
  const o = scene.object("lamp");
  const base = scene.part(o, "base");
  const pipe = scene.part(o, "pipe");
  const lampShade = scene.part(o, "shade");
  scene.draw(ellipse(x, y - 6 * s, 34 * s, 8 * s), [70, 66, 62], [base]);
  scene.draw(rect(x - 3 * s, y - 150 * s, 6 * s, 146 * s), [150, 140, 120], [pipe]);
  scene.draw([[x - 24 * s, y - 210 * s], [x + 24 * s, y - 210 * s], [x + 46 * s, y - 150 * s], [x - 46 * s, y - 150 * s]], shadeColor, [lampShade]);
  return o;
}

/** Closed book lying flat, seen slightly from above; (x, y) = centre. */
export function book(scene: Scene, x: number, y: number, s: number, color: Rgb): string {
  const o = scene.object("book");
  const page = scene.part(o, "page");
  const cover = scene.part(o, "cover");
  scene.draw(rect(x - 50 * s, y - 4 * s, 100 * s, 12 * s), [246, 242, 228], [page]);
  scene.draw([[x - 46 * s, y - 34 * s], [x + 54 * s, y - 34 * s], [x + 50 * s, y - 4 * s], [x - 50 * s, y - 4 * s]], color, [cover]);
  scene.draw(rect(x - 54 * s, y - 4 * s, 6 * s, 14 * s), shade(color, 0.8), [cover]);
  return o;
}

/** Park bench, front view; (x, y) = floor centre. */
export function bench(scene: Scene, x: number, y: number, s: number): string {
  const o = scene.object("bench");
  const leg = scene.part(o, "leg");
  const seat = scene.part(o, "seat");
  const back = scene.part(o, "back");
  const wood: Rgb = [168, 112, 64];
  shadow(scene, x, y, 130 * s, 10 * s);
  for (const lx of [-110, 96]) scene.draw(rect(x + lx * s, y - 60 * s, 14 * s, 60 * s), [50, 54, 58], [leg]);
  const slats: Polygon[] = [0, 1, 2].map((k) => rect(x - 120 * s, y - 150 * s + k * 24 * s, 240 * s, 16 * s));
  for (const px of [-104, 92]) scene.draw(rect(x + px * s, y - 156 * s, 12 * s, 90 * s), [50, 54, 58], [back]);
  for (const p of slats) scene.draw(p, wood, [back]);
  scene.draw([[x - 120 * s, y - 74 * s], [x + 120 * s, y - 74 * s], [x + 130 * s, y - 56 * s], [x - 130 * s, y - 56 * s]], shade(wood, 1.15), [seat]);
  return o;
}

export function ball(scene: Scene, x: number, y: number, r: number): string {
  const o = scene.object("ball");
  shadow(scene, x, y, r * 0.9, r * 0.2);
  scene.draw(ellipse(x, y - r, r, r), [236, 86, 60], [o]);
  scene.draw([ellipse(x, y - r, r * 0.98, r * 0.3), ellipse(x, y - r, r * 0.98, r * 0.16)], [250, 236, 220], [o], null);
  return o;
}
