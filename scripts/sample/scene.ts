import { polygonsToRle, rleDecode } from "../../src/shared/rle";
import type { FlagId } from "../../src/shared/domain";
import { Canvas, polygonMask, type Polygon, type Rgb } from "./raster";

/*
 * A sample image under construction: the drawing, the annotations it defines (in the order the
 * generator numbers instances) and the question/answer pairs asked about it.
 */

export type SegForm = "compressed" | "uncompressed" | "polygon";

export interface SceneItem {
  /** The instance name answers use: `chair_2` or `chair_2's leg`. */
  key: string;
  categoryName: string;
  /** Object key for a part. */
  parent: string | null;
  form: SegForm;
  /** For `polygon` form: the polygons this annotation was drawn with (COCO rasterisation). */
  polygons: Polygon[];
  /** Write `obj_ann_id` on this part. */
  objAnnId: boolean;
  /** Unknown fields written on the annotation, to prove export keeps them. */
  extra: Record<string, unknown>;
}

export interface PairSpec {
  question: string;
  /**
   * The answer, with each target written as `[[instance name]]`; it becomes `name {seg}` in the
   * text answer and `name [x1, y1, x2, y2]` in the raw answer.
   */
  answer: string;
  /** The flaw this pair is planted for; every other pair must be clean. */
  plant?: FlagId;
  /** What is wrong, for the README. */
  note?: string;
  /** Planting: rewrite the text answer after the raw answer was built from it. */
  editText?: (text: string) => string;
  /** Planting: replace target k's box in the raw answer. */
  wrongBox?: { target: number; box: [number, number, number, number] };
  /**
   * Planting: target k's own copy in `answers` gets another segmentation (the annotation keeps
   * its own); `segmentation` receives the record's annotations by instance name.
   */
  copy?: { target: number; segmentation: (annotations: ReadonlyMap<string, Record<string, unknown>>) => unknown };
  /** Flags that necessarily come with the planted one (an empty answer also has no placeholder). */
  alsoFlags?: FlagId[];
}

export interface SceneMeta {
  /** Short scene name used in the README. */
  title: string;
  imageId: number;
  fileName: string;
  /** False for planted records whose image must not exist. */
  writeImage: boolean;
  /** Extra record fields (unknown to the schema). */
  extra?: Record<string, unknown>;
  /** Planting `misaligned`: write one raw answer fewer than there are questions. */
  dropLastRawAnswer?: boolean;
}

export class Scene {
  readonly canvas: Canvas;
  readonly items: SceneItem[] = [];
  readonly pairs: PairSpec[] = [];
  private readonly counters = new Map<string, number>();

  constructor(
    readonly meta: SceneMeta,
    readonly width = 640,
    readonly height = 480,
  ) {
    this.canvas = new Canvas(width, height);
  }

  /** Registers the next instance of an object category; returns its name (`chair_2`). */
  object(category: string, extra: Record<string, unknown> = {}): string {
    const k = (this.counters.get(category) ?? 0) + 1;
    this.counters.set(category, k);
    const key = `${category}_${k}`;
    this.items.push({ key, categoryName: category, parent: null, form: "compressed", polygons: [], objAnnId: false, extra });
    return key;
  }

  /** Registers a part of `object` (`chair_2` + `leg` → `chair_2's leg`). */
  part(object: string, part: string, opts: { objAnnId?: boolean; form?: SegForm } = {}): string {
    const parent = this.items.find((i) => i.key === object);
    if (!parent) throw new Error(`part ${part} of unknown object ${object}`);
    const key = `${object}'s ${part}`;
    this.items.push({
      key,
      categoryName: `${parent.categoryName}:${part}`,
      parent: object,
      form: opts.form ?? "compressed",
      polygons: [],
      objAnnId: opts.objAnnId ?? false,
      extra: {},
    });
    return key;
  }

  item(key: string): SceneItem {
    const item = this.items.find((i) => i.key === key);
    if (!item) throw new Error(`no annotation ${key} in ${this.meta.title}`);
    return item;
  }

  /** Paints polygons for the given annotations (a part's object is implied). */
  draw(polygons: Polygon | readonly Polygon[], color: Rgb, keys: readonly string[] = [], outline?: Rgb | null): void {
    this.canvas.fill(polygons, color, this.withParents(keys), outline);
  }

  /**
   * Paints polygons rasterised exactly as COCO's `rleFrPoly` does and records them on the given
   * items, so those annotations can be written as polygon segmentations that match the pixels.
   */
  drawCoco(polygons: readonly Polygon[], color: Rgb, keys: readonly string[], outline?: Rgb | null): void {
    const flat = polygons.map((p) => p.flatMap(([x, y]) => [round2(x), round2(y)]));
    const mask = rleDecode(polygonsToRle(flat, this.height, this.width), this.height, this.width);
    this.canvas.paintMask(mask, color, this.withParents(keys), outline === undefined ? null : outline);
    for (const key of keys) {
      const item = this.item(key);
      item.polygons.push(...polygons.map((p) => p.map(([x, y]): [number, number] => [round2(x), round2(y)])));
    }
  }

  /** Background or unannotated paint (walls, floors, shadows). */
  paint(polygons: Polygon | readonly Polygon[], color: Rgb, outline: Rgb | null = null): void {
    this.canvas.fill(polygons, color, [], outline);
  }

  /** A polygon mask of this scene's size (helpers for drawing code). */
  mask(polygons: readonly Polygon[]): Uint8Array {
    return polygonMask(polygons, this.width, this.height);
  }

  pair(spec: PairSpec): void {
    this.pairs.push(spec);
  }

  private withParents(keys: readonly string[]): string[] {
    const out = new Set<string>();
    for (const key of keys) {
      out.add(key);
      const parent = this.item(key).parent;
      if (parent) out.add(parent);
    }
    return [...out];
  }
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
