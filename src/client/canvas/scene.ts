import type { AnnotationView, PairDetail } from "../../shared/api";
import { getMask, imageScope, type DecodedMask } from "./maskCache";
import { OTHER_STYLE, targetColor } from "./palette";
import type { Box } from "./viewport";
import type { ImageResult } from "./imageCache";
import { hitTest } from "./hitTest";

/* What the painter draws: plain data rebuilt cheaply from the pair and the cached masks. */

export interface SceneMask {
  index: number;
  mask: DecodedMask;
  kind: "object" | "part";
  color: string;
  /** 0-based placeholder position, or null for a non-target annotation. */
  target: number | null;
  /** The annotation's dataset box [x, y, w, h] (what raw answers quote). */
  bbox: Box;
}

export interface Scene {
  width: number;
  height: number;
  image: ImageResult | undefined;
  /** Targets, largest first so smaller ones (parts) are painted over their objects. */
  targets: SceneMask[];
  /** Non-target annotations, largest first; empty unless shown. */
  others: SceneMask[];
  showBoxes: boolean;
  overlaysHidden: boolean;
  opacity: number;
  /** Current zoom, so strokes keep a constant width on screen. */
  scale: number;
  hovered: number | null;
  /** The hovered annotation's mask, shown even when it is not drawn otherwise (panel hover). */
  hoverMask: SceneMask | undefined;
  /** Outlines without fills. */
  outlineOnly: boolean;
  /** CSS filter for the image pixels (brightness/contrast), "none" when untouched. */
  imageFilter: string;
  /** Boxes written in the raw answer, `[x, y, w, h]`, k-th for the k-th target; drawn with boxes. */
  rawBoxes: RawBox[];
}

export interface RawBox {
  box: Box;
  /** 0-based position in the raw answer. */
  k: number;
  color: string;
}

export function emptyScene(): Scene {
  return {
    width: 0,
    height: 0,
    image: undefined,
    targets: [],
    others: [],
    showBoxes: false,
    overlaysHidden: false,
    opacity: 0.45,
    scale: 1,
    hovered: null,
    hoverMask: undefined,
    outlineOnly: false,
    imageFilter: "none",
    rawBoxes: [],
  };
}

/** How targets are coloured: by placeholder position (default) or one colour per category. */
export type TargetColoring = (k: number, categoryName: string) => string;

export const byTargetPosition: TargetColoring = (k) => targetColor(k);

/** One colour per category name of the pair, in order of first appearance. */
export function byCategory(detail: PairDetail, targets: readonly number[]): TargetColoring {
  const anns = annotationsByIndex(detail);
  const order: string[] = [];
  for (const index of targets) {
    const name = anns.get(index)?.categoryName;
    if (name !== undefined && !order.includes(name)) order.push(name);
  }
  return (_k, categoryName) => targetColor(Math.max(0, order.indexOf(categoryName)));
}

const byIndexCache = new WeakMap<PairDetail, Map<number, AnnotationView>>();

/** Annotations by their `index` (what targets refer to). */
export function annotationsByIndex(detail: PairDetail): Map<number, AnnotationView> {
  let map = byIndexCache.get(detail);
  if (!map) {
    map = new Map(detail.annotations.map((a) => [a.index, a]));
    byIndexCache.set(detail, map);
  }
  return map;
}

export function pairScope(detail: PairDetail): string {
  return imageScope(detail.split, detail.imageId);
}

function toBox(b: readonly number[]): Box {
  return [b[0] ?? 0, b[1] ?? 0, b[2] ?? 0, b[3] ?? 0];
}

const largestFirst = (a: SceneMask, b: SceneMask): number => b.mask.area - a.mask.area;

/** Decodes (or finds) every target's mask; the first occurrence of a repeated target wins. */
export function buildTargets(
  detail: PairDetail,
  targets: readonly number[],
  color: TargetColoring = byTargetPosition,
  hidden: readonly number[] = [],
): SceneMask[] {
  const scope = pairScope(detail);
  const anns = annotationsByIndex(detail);
  const seen = new Set<number>();
  const out: SceneMask[] = [];
  targets.forEach((index, k) => {
    const ann = anns.get(index);
    if (!ann || seen.has(index)) return;
    seen.add(index);
    if (hidden.includes(index)) return;
    out.push({ index, mask: getMask(scope, ann), kind: ann.kind, color: color(k, ann.categoryName), target: k, bbox: toBox(ann.bbox) });
  });
  return out.sort(largestFirst);
}

export function buildOthers(detail: PairDetail, targets: readonly number[]): SceneMask[] {
  const scope = pairScope(detail);
  const isTarget = new Set(targets);
  const out: SceneMask[] = [];
  for (const ann of detail.annotations) {
    if (isTarget.has(ann.index)) continue;
    out.push({ index: ann.index, mask: getMask(scope, ann), kind: ann.kind, color: OTHER_STYLE.fill, target: null, bbox: toBox(ann.bbox) });
  }
  return out.sort(largestFirst);
}

/** The annotation under image point (x, y): smallest visible mask, targets first on ties. */
export function maskAt(scene: Scene, x: number, y: number): number | null {
  if (scene.overlaysHidden) return null;
  const masks = scene.targets.map((m) => m.mask);
  for (const m of scene.others) masks.push(m.mask);
  return hitTest(x, y, masks);
}

export function findSceneMask(scene: Scene, index: number | null): SceneMask | undefined {
  if (index === null) return undefined;
  return scene.targets.find((m) => m.index === index) ?? scene.others.find((m) => m.index === index);
}

/** One annotation as the painter sees it, decoding its mask if needed. */
export function sceneMaskFor(detail: PairDetail, targets: readonly number[], index: number): SceneMask | undefined {
  const ann = annotationsByIndex(detail).get(index);
  if (!ann) return undefined;
  const k = targets.indexOf(index);
  return {
    index,
    mask: getMask(pairScope(detail), ann),
    kind: ann.kind,
    color: k >= 0 ? targetColor(k) : OTHER_STYLE.fill,
    target: k >= 0 ? k : null,
    bbox: toBox(ann.bbox),
  };
}
