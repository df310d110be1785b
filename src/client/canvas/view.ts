import type Konva from "konva";
import { drawImageLayer, drawMaskLayer, drawOverlayLayer } from "./draw";
import { emptyScene, type Scene } from "./scene";
import { clampViewport, type Size, type Viewport } from "./viewport";

/*
 * The imperative side of the canvas: owns the scene and the viewport, applies the viewport to
 * the Konva stage and redraws only the layers a change touches. React creates one per canvas
 * and hands it the stage; pointer moves and hovers never go through React.
 */

type Layers = { stage: Konva.Stage; image: Konva.Layer; masks: Konva.Layer; overlay: Konva.Layer };
type Native = { image: CanvasRenderingContext2D | null; masks: CanvasRenderingContext2D | null; overlay: CanvasRenderingContext2D | null };

/** The 2D context of a layer's own <canvas> (public Konva API; Konva has set its transform on it). */
const nativeOf = (layer: Konva.Layer): CanvasRenderingContext2D | null => layer.getNativeCanvasElement().getContext("2d");

export class CanvasView {
  readonly scene: Scene = emptyScene();
  vp: Viewport = { scale: 1, x: 0, y: 0 };
  view: Size = { width: 0, height: 0 };
  private layers: Layers | null = null;
  private native: Native = { image: null, masks: null, overlay: null };

  /** Stable scene functions for the three Konva shapes: they read the current scene. */
  readonly drawImage = (): void => {
    if (this.native.image) drawImageLayer(this.native.image, this.scene);
  };
  readonly drawMasks = (): void => {
    if (this.native.masks) drawMaskLayer(this.native.masks, this.scene);
  };
  readonly drawOverlay = (): void => {
    if (this.native.overlay) drawOverlayLayer(this.native.overlay, this.scene);
  };

  attach(layers: Layers | null): void {
    this.layers = layers;
    this.native = layers
      ? { image: nativeOf(layers.image), masks: nativeOf(layers.masks), overlay: nativeOf(layers.overlay) }
      : { image: null, masks: null, overlay: null };
    if (layers) this.applyTransform();
  }

  imageSize(): Size {
    return { width: this.scene.width, height: this.scene.height };
  }

  /** Sets the viewport (clamped); `draw`: "sync" paints now, "frame" on the next frame. */
  setViewport(vp: Viewport, draw: "sync" | "frame" | "none" = "frame"): Viewport {
    this.vp = clampViewport(vp, this.imageSize(), this.view);
    this.applyTransform();
    if (draw === "sync") this.drawAll();
    else if (draw === "frame") this.layers?.stage.batchDraw();
    return this.vp;
  }

  private applyTransform(): void {
    this.scene.scale = this.vp.scale;
    const stage = this.layers?.stage;
    if (!stage) return;
    stage.scale({ x: this.vp.scale, y: this.vp.scale });
    stage.position({ x: this.vp.x, y: this.vp.y });
  }

  /** Paints every layer synchronously (a pair change: the render state follows right after). */
  drawAll(): void {
    const l = this.layers;
    if (!l) return;
    // A painting bug must not break the React commit that called this (and leave the pair
    // "loading" forever): report it and carry on with the other layers.
    for (const layer of [l.image, l.masks, l.overlay]) {
      try {
        layer.draw();
      } catch (err) {
        console.error("canvas: drawing a layer failed", err);
      }
    }
  }

  /** Hover changes touch the overlay layer only. */
  redrawOverlay(): void {
    this.layers?.overlay.batchDraw();
  }

  /** Screen point (relative to the stage) to image point. */
  toImage(x: number, y: number): { x: number; y: number } {
    return { x: (x - this.vp.x) / this.vp.scale, y: (y - this.vp.y) / this.vp.scale };
  }
}
