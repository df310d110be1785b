import { ellipse, rect, roundRect, shade, stroke, type Rgb } from "./raster";
import type { Scene } from "./scene";

/* Unannotated scenery: windows, frames, counters, tiles, parks, pegboards, rugs, cabinets. */

export function windowPane(scene: Scene, x: number, y: number, w: number, h: number): void {
  scene.paint(rect(x - 8, y - 8, w + 16, h + 16), [236, 232, 224]);
  scene.paint(rect(x, y, w, h), [168, 212, 240]);
  scene.paint(ellipse(x + w * 0.7, y + h * 0.35, w * 0.22, h * 0.12), [240, 248, 252]);
  scene.paint(rect(x + w / 2 - 4, y, 8, h), [236, 232, 224]);
  scene.paint(rect(x, y + h / 2 - 4, w, 8), [236, 232, 224]);
}

export function pictureFrame(scene: Scene, x: number, y: number, w: number, h: number, art: Rgb): void {
  scene.paint(rect(x, y, w, h), [120, 84, 52]);
  scene.paint(rect(x + 8, y + 8, w - 16, h - 16), art);
  scene.paint([[x + 8, y + h - 8], [x + w * 0.45, y + h * 0.35], [x + w - 8, y + h - 8]], shade(art, 0.7));
  scene.paint(ellipse(x + w * 0.72, y + h * 0.3, 10, 10), [250, 220, 120]);
}

export function tiledWall(scene: Scene, bottom: number, color: Rgb, size = 40): void {
  scene.paint(rect(0, 0, scene.width, bottom), shade(color, 0.85));
  for (let y = 0; y < bottom; y += size) {
    for (let x = 0; x < scene.width; x += size) scene.paint(rect(x + 2, y + 2, size - 4, Math.min(size - 4, bottom - y - 2)), color);
  }
}

export function counter(scene: Scene, top: number, color: Rgb): void {
  scene.paint(rect(0, top, scene.width, 26), shade(color, 1.15));
  scene.paint(rect(0, top + 26, scene.width, scene.height - top - 26), shade(color, 0.75));
  for (let x = 40; x < scene.width; x += 160) scene.paint(roundRect(x, top + 50, 120, scene.height - top - 70, 6), shade(color, 0.85), shade(color, 0.6));
}

export function park(scene: Scene, horizon: number): void {
  scene.paint(rect(0, 0, scene.width, horizon), [178, 220, 244]);
  scene.paint(ellipse(90, 70, 60, 22), [250, 252, 255]);
  scene.paint(ellipse(130, 60, 40, 20), [250, 252, 255]);
  scene.paint(ellipse(470, 90, 70, 20), [250, 252, 255]);
  scene.paint(ellipse(320, horizon + 10, 420, 60), [120, 178, 96]);
  scene.paint(rect(0, horizon, scene.width, scene.height - horizon), [132, 190, 104]);
  scene.paint(rect(560, horizon - 150, 22, 160), [120, 84, 52]);
  scene.paint(ellipse(571, horizon - 190, 70, 80), [84, 150, 80]);
  scene.paint(stroke([0, scene.height - 40], [scene.width, scene.height - 90], 40), [222, 204, 160]);
}

export function pegboard(scene: Scene): void {
  scene.paint(rect(0, 0, scene.width, scene.height), [214, 178, 128]);
  for (let y = 20; y < scene.height; y += 40) {
    for (let x = 20; x < scene.width; x += 40) scene.paint(ellipse(x, y, 3, 3), [150, 112, 70]);
  }
}

export function rug(scene: Scene, x: number, y: number, rx: number, ry: number, color: Rgb): void {
  scene.paint(ellipse(x, y, rx, ry), color);
  scene.paint([ellipse(x, y, rx - 14, ry - 8), ellipse(x, y, rx - 22, ry - 13)], shade(color, 1.3));
}

export function cabinet(scene: Scene, x: number, y: number, w: number, h: number, color: Rgb): void {
  scene.paint(rect(x - w / 2, y - h, w, h), color, shade(color, 0.6));
  scene.paint(rect(x - w / 2 + 8, y - h + 10, w / 2 - 12, h - 20), shade(color, 0.9), shade(color, 0.6));
  scene.paint(rect(x + 4, y - h + 10, w / 2 - 12, h - 20), shade(color, 0.9), shade(color, 0.6));
}
