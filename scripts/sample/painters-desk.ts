import { ellipse, rect, roundRect, shade, stroke, type Point, type Polygon, type Rgb } from "./raster";
import type { Scene } from "./scene";

/*
 * Painters for small PACO objects (desk, kitchen, tools). Each registers the object and its parts
 * on the scene in drawing order and returns the object's instance name. Coordinates: (x, y) is
 * the object's centre on the ground line unless said otherwise; s scales it.
 */

const GREY: Rgb = [120, 126, 138];
const DARK: Rgb = [52, 56, 66];
const SCREEN: Rgb = [58, 120, 196];
const STEEL: Rgb = [196, 204, 214];

function move(poly: Polygon, dx: number, dy: number): Polygon {
  return poly.map(([x, y]): Point => [x + dx, y + dy]);
}

function rotate(poly: Polygon, cx: number, cy: number, angle: number): Polygon {
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  return poly.map(([x, y]): Point => [cx + (x - cx) * c - (y - cy) * s, cy + (x - cx) * s + (y - cy) * c]);
}

export function shadow(scene: Scene, x: number, y: number, rx: number, ry = rx * 0.18): void {
  scene.canvas.darken([ellipse(x, y, rx, ry)], 0.8);
}

/** Open laptop seen from the front; (x, y) = front edge centre. */
export function laptop(scene: Scene, x: number, y: number, s: number, color: Rgb = GREY): string {
  const o = scene.object("laptop_computer");
  const screen = scene.part(o, "screen");
  const base = scene.part(o, "base_panel");
  const keyboard = scene.part(o, "keyboard");
  const touchpad = scene.part(o, "touchpad");
  const w = 180 * s;
  shadow(scene, x, y + 2, w * 0.62);
  // Lid: bezel belongs to the laptop only, the display area is the screen part.
  scene.draw(roundRect(x - w / 2, y - 62 * s - 120 * s, w, 124 * s, 8 * s), color, [o]);
  scene.draw(rect(x - w / 2 + 9 * s, y - 62 * s - 111 * s, w - 18 * s, 102 * s), SCREEN, [screen]);
  scene.draw(
    [[x - w / 2 + 20 * s, y - 62 * s - 111 * s], [x - w / 2 + 70 * s, y - 62 * s - 111 * s], [x - w / 2 + 20 * s, y - 62 * s - 40 * s]],
    shade(SCREEN, 1.3),
    [screen],
    null,
  );
  // Deck in perspective: a trapezoid, keyboard and touchpad on it.
  const deck: Polygon = [[x - w / 2 - 6 * s, y - 60 * s], [x + w / 2 + 6 * s, y - 60 * s], [x + w / 2 + 28 * s, y], [x - w / 2 - 28 * s, y]];
  scene.draw(deck, shade(color, 1.25), [base]);
  const kb: Polygon = [[x - w / 2 + 10 * s, y - 54 * s], [x + w / 2 - 10 * s, y - 54 * s], [x + w / 2 + 2 * s, y - 26 * s], [x - w / 2 - 2 * s, y - 26 * s]];
  scene.draw(kb, DARK, [keyboard]);
  for (let row = 0; row < 3; row++) {
    const yy = y - 52 * s + row * 9 * s;
    const inset = (2 - row) * 4 * s;
    for (let k = 0; k < 12; k++) {
      const kx = x - w / 2 + 14 * s - inset + k * ((w - 28 * s + 2 * inset) / 12);
      scene.draw(rect(kx, yy, ((w - 28 * s) / 12) * 0.78, 6 * s), [210, 214, 222], [keyboard], null);
    }
  }
  scene.draw(roundRect(x - 28 * s, y - 22 * s, 56 * s, 18 * s, 3 * s), shade(color, 0.85), [touchpad]);
  return o;
}

/** Computer mouse from above with its cable; (x, y) = centre. */
export function mouse(scene: Scene, x: number, y: number, s: number, color: Rgb = [235, 236, 240]): string {
  const o = scene.object("mouse_(computer_equipment)");
  const wire = scene.part(o, "wire");
  const left = scene.part(o, "left_button");
  const right = scene.part(o, "right_button");
  const wheel = scene.part(o, "scroll_wheel");
  // The cable runs from the front of the mouse sideways across the desk.
  const pts: Point[] = [[x - 10 * s, y - 20 * s], [x - 34 * s, y - 16 * s], [x - 60 * s, y - 6 * s], [x - 84 * s, y - 12 * s], [x - 104 * s, y - 6 * s]];
  for (let i = 0; i + 1 < pts.length; i++) scene.draw(stroke(pts[i]!, pts[i + 1]!, 4 * s), DARK, [wire], null);
  scene.draw(ellipse(x, y, 24 * s, 36 * s), color, [o]);
  scene.draw([[x - 22 * s, y - 4 * s], [x - 1 * s, y - 4 * s], [x - 1 * s, y - 34 * s], [x - 14 * s, y - 28 * s]], shade(color, 0.92), [left]);
  scene.draw([[x + 1 * s, y - 4 * s], [x + 22 * s, y - 4 * s], [x + 14 * s, y - 28 * s], [x + 1 * s, y - 34 * s]], shade(color, 0.92), [right]);
  scene.draw(roundRect(x - 4 * s, y - 27 * s, 8 * s, 14 * s, 3 * s), DARK, [wheel], null);
  return o;
}

/** Mug from the side, handle on the right; (x, y) = bottom centre. */
export function mug(scene: Scene, x: number, y: number, s: number, color: Rgb, opts: { handleForm?: "uncompressed" } = {}): string {
  const o = scene.object("mug");
  const handle = scene.part(o, "handle", { form: opts.handleForm ?? "compressed", objAnnId: true });
  const body = scene.part(o, "body");
  const rim = scene.part(o, "rim");
  shadow(scene, x, y, 40 * s);
  scene.draw([ellipse(x + 34 * s, y - 40 * s, 20 * s, 22 * s), ellipse(x + 34 * s, y - 40 * s, 11 * s, 13 * s)], shade(color, 0.9), [handle]);
  scene.draw(roundRect(x - 34 * s, y - 86 * s, 68 * s, 86 * s, 10 * s), color, [body]);
  scene.draw(rect(x - 24 * s, y - 70 * s, 10 * s, 52 * s), shade(color, 1.25), [body], null);
  scene.draw(ellipse(x, y - 86 * s, 34 * s, 8 * s), shade(color, 1.15), [rim]);
  scene.draw(ellipse(x, y - 85 * s, 28 * s, 5 * s), [92, 60, 40], [o], null);
  return o;
}

/** Bottle standing upright; (x, y) = bottom centre. */
export function bottle(scene: Scene, x: number, y: number, s: number, color: Rgb, labelColor: Rgb): string {
  const o = scene.object("bottle");
  const body = scene.part(o, "body");
  const neck = scene.part(o, "neck");
  const cap = scene.part(o, "cap");
  const label = scene.part(o, "label", { objAnnId: true });
  shadow(scene, x, y, 30 * s);
  scene.draw(
    [[x - 26 * s, y], [x + 26 * s, y], [x + 26 * s, y - 110 * s], [x + 10 * s, y - 140 * s], [x - 10 * s, y - 140 * s], [x - 26 * s, y - 110 * s]],
    color,
    [body],
  );
  scene.draw(rect(x - 18 * s, y - 105 * s, 7 * s, 95 * s), shade(color, 1.35), [body], null);
  scene.draw(rect(x - 10 * s, y - 172 * s, 20 * s, 33 * s), color, [neck]);
  scene.draw(roundRect(x - 12 * s, y - 190 * s, 24 * s, 20 * s, 3 * s), [200, 40, 48], [cap]);
  scene.draw(rect(x - 26 * s, y - 88 * s, 52 * s, 44 * s), labelColor, [label]);
  scene.draw(rect(x - 16 * s, y - 72 * s, 32 * s, 6 * s), shade(labelColor, 0.5), [label], null);
  return o;
}

/**
 * Kitchen knife lying at `angle`; drawn with COCO's polygon rasterisation so the knife and its
 * blade can be written as polygon segmentations. (x, y) = where blade meets handle.
 */
export function knife(scene: Scene, x: number, y: number, s: number, angle: number): string {
  const o = scene.object("knife");
  const blade = scene.part(o, "blade", { form: "polygon" });
  const handle = scene.part(o, "handle", { objAnnId: true });
  scene.item(o).form = "polygon";
  const bladePoly = rotate([[x, y - 12 * s], [x + 120 * s, y - 10 * s], [x + 150 * s, y - 2 * s], [x + 118 * s, y + 9 * s], [x, y + 9 * s]], x, y, angle);
  const handlePoly = rotate([[x - 78 * s, y - 11 * s], [x - 2 * s, y - 11 * s], [x - 2 * s, y + 11 * s], [x - 78 * s, y + 11 * s]], x, y, angle);
  scene.drawCoco([bladePoly], STEEL, [blade, o], shade(STEEL, 0.7));
  scene.drawCoco([handlePoly], [70, 44, 30], [handle, o], [40, 24, 16]);
  for (const d of [-60, -36, -14]) {
    const [px, py] = rotate([[x + d * s, y]], x, y, angle)[0]!;
    scene.draw(ellipse(px, py, 3 * s, 3 * s), STEEL, [handle], null);
  }
  return o;
}

/** Open scissors, blades pointing up-right; (x, y) = the pivot screw. */
export function scissors(scene: Scene, x: number, y: number, s: number, color: Rgb): string {
  const o = scene.object("scissors");
  const handle = scene.part(o, "handle");
  const blade = scene.part(o, "blade");
  const screw = scene.part(o, "screw");
  for (const a of [-0.28, 0.28]) {
    const ring = rotate(move(ellipse(0, 0, 24 * s, 17 * s), x - 66 * s, y), x, y, a);
    const hole = rotate(move(ellipse(0, 0, 14 * s, 9 * s), x - 66 * s, y), x, y, a);
    scene.draw([ring, hole], color, [handle]);
    scene.draw(rotate(rect(x - 46 * s, y - 5 * s, 42 * s, 10 * s), x, y, a), color, [handle]);
  }
  for (const a of [-0.28, 0.28]) {
    scene.draw(rotate([[x - 6 * s, y - 7 * s], [x + 120 * s, y - 2 * s], [x + 120 * s, y + 1 * s], [x - 6 * s, y + 7 * s]], x, y, -a), STEEL, [blade]);
  }
  scene.draw(ellipse(x, y, 6 * s, 6 * s), DARK, [screw], null);
  return o;
}

/** Round plate from above; (x, y) = centre. */
export function plate(scene: Scene, x: number, y: number, s: number): string {
  const o = scene.object("plate");
  const rim = scene.part(o, "rim");
  const inner = scene.part(o, "inner_wall");
  scene.draw([ellipse(x, y, 70 * s, 26 * s), ellipse(x, y, 52 * s, 18 * s)], [244, 244, 240], [rim]);
  scene.draw(ellipse(x, y, 52 * s, 18 * s), [226, 228, 226], [inner]);
  return o;
}

/** Bowl from the side; (x, y) = bottom centre. */
export function bowl(scene: Scene, x: number, y: number, s: number, color: Rgb): string {
  const o = scene.object("bowl");
  const body = scene.part(o, "body");
  const rim = scene.part(o, "rim");
  shadow(scene, x, y, 50 * s);
  const half = ellipse(x, y - 46 * s, 62 * s, 46 * s).filter(([, py]) => py >= y - 46 * s);
  scene.draw(half, color, [body]);
  scene.draw([ellipse(x, y - 46 * s, 62 * s, 12 * s), ellipse(x, y - 45 * s, 52 * s, 8 * s)], shade(color, 1.2), [rim]);
  scene.draw(ellipse(x, y - 45 * s, 52 * s, 8 * s), [236, 206, 120], [o], null);
  return o;
}

/** Spoon lying flat; (x, y) = bowl centre. */
export function spoon(scene: Scene, x: number, y: number, s: number): string {
  const o = scene.object("spoon");
  const bowlPart = scene.part(o, "bowl");
  const handle = scene.part(o, "handle");
  scene.draw(stroke([x + 16 * s, y], [x + 110 * s, y + 8 * s], 8 * s), STEEL, [handle]);
  scene.draw(ellipse(x, y, 20 * s, 12 * s), STEEL, [bowlPart]);
  return o;
}

/** Claw hammer lying flat; (x, y) = head centre. */
export function hammer(scene: Scene, x: number, y: number, s: number): string {
  const o = scene.object("hammer");
  const handle = scene.part(o, "handle");
  const grip = scene.part(o, "grip");
  const head = scene.part(o, "head");
  scene.draw(roundRect(x - 8 * s, y, 16 * s, 150 * s, 5 * s), [196, 150, 96], [handle]);
  scene.draw(roundRect(x - 10 * s, y + 92 * s, 20 * s, 62 * s, 6 * s), [40, 40, 44], [grip]);
  scene.draw(
    [[x - 40 * s, y - 13 * s], [x + 22 * s, y - 13 * s], [x + 22 * s, y - 18 * s], [x + 40 * s, y - 18 * s], [x + 40 * s, y + 18 * s], [x + 22 * s, y + 18 * s], [x + 22 * s, y + 13 * s], [x - 40 * s, y + 13 * s], [x - 70 * s, y + 30 * s], [x - 58 * s, y]],
    [90, 96, 106],
    [head],
  );
  return o;
}

/** Open-ended wrench lying flat; (x, y) = handle centre, at `angle`. */
export function wrench(scene: Scene, x: number, y: number, s: number, angle: number): string {
  const o = scene.object("wrench");
  const handle = scene.part(o, "handle");
  const head = scene.part(o, "head");
  scene.draw(rotate(roundRect(x - 70 * s, y - 8 * s, 140 * s, 16 * s, 8 * s), x, y, angle), STEEL, [handle]);
  scene.draw(rotate(move(ellipse(0, 0, 24 * s, 22 * s), x + 84 * s, y), x, y, angle), shade(STEEL, 0.9), [head]);
  // The open jaw: the pegboard shows through, and those pixels belong to no annotation.
  scene.paint(rotate(rect(x + 84 * s, y - 9 * s, 40 * s, 18 * s), x, y, angle), [214, 178, 128]);
  return o;
}

/** Screwdriver lying flat; (x, y) = handle end, pointing right. */
export function screwdriver(scene: Scene, x: number, y: number, s: number, color: Rgb): string {
  const o = scene.object("screwdriver");
  const handle = scene.part(o, "handle");
  const shank = scene.part(o, "shank");
  const tip = scene.part(o, "tip");
  scene.draw(roundRect(x, y - 13 * s, 70 * s, 26 * s, 10 * s), color, [handle]);
  scene.draw(rect(x + 70 * s, y - 4 * s, 80 * s, 8 * s), STEEL, [shank]);
  scene.draw([[x + 150 * s, y - 4 * s], [x + 166 * s, y - 2 * s], [x + 166 * s, y + 2 * s], [x + 150 * s, y + 4 * s]], shade(STEEL, 0.75), [tip]);
  return o;
}
