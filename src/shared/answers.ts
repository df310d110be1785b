import type { Granularity } from "./domain";

/*
 * Answer text handling (SPEC section 2): `{seg}` placeholders in text answers, mentions and
 * `[x1, y1, x2, y2]` boxes in raw answers, and rebuilding a raw answer after an edit.
 */

export const PLACEHOLDER = "{seg}";

export type AnswerSegment =
  | { kind: "text"; text: string }
  /** Placeholder number `target` (from 0), which stands for the pair's target of that index. */
  | { kind: "seg"; target: number };

/** Splits a text answer into text runs and placeholders; placeholder k stands for target k. */
export function splitTextAnswer(text: string): AnswerSegment[] {
  const segments: AnswerSegment[] = [];
  let from = 0;
  let target = 0;
  for (let at = text.indexOf(PLACEHOLDER); at >= 0; at = text.indexOf(PLACEHOLDER, from)) {
    if (at > from) segments.push({ kind: "text", text: text.slice(from, at) });
    segments.push({ kind: "seg", target: target++ });
    from = at + PLACEHOLDER.length;
  }
  if (from < text.length) segments.push({ kind: "text", text: text.slice(from) });
  return segments;
}

/** Number of `{seg}` placeholders, counted like Python's `str.count("{seg}")` (non-overlapping). */
export function countPlaceholders(text: string): number {
  let n = 0;
  for (let at = text.indexOf(PLACEHOLDER); at >= 0; at = text.indexOf(PLACEHOLDER, at + PLACEHOLDER.length)) n++;
  return n;
}

/**
 * Offsets of every `{` or `}` that is not part of a `{seg}` placeholder. Python's
 * `str.format(seg=…)` would raise on (or silently rewrite, for `{{`) each of them, so any is a fault.
 */
export function findStrayBraces(text: string): number[] {
  const stray: number[] = [];
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (c === "{" && text.startsWith(PLACEHOLDER, i)) {
      i += PLACEHOLDER.length - 1;
    } else if (c === "{" || c === "}") {
      stray.push(i);
    }
  }
  return stray;
}

export type Box = [number, number, number, number];

export interface RawMention {
  /**
   * The instance name written right before the box (`laptop_computer_1`,
   * `laptop_computer_1's keyboard`), or null when the text before the box does not end in one.
   */
  mention: string | null;
  /** `[x1, y1, x2, y2]` as written. */
  box: Box;
  /** Offsets of the box text `[…]` in the raw answer. */
  start: number;
  end: number;
}

const NUM = String.raw`([-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)`;
const SEP = String.raw`\s*,\s*`;
// Lenient on purpose: any spacing, ints or floats, exponents.
const BOX_RE = new RegExp(String.raw`\[\s*${NUM}${SEP}${NUM}${SEP}${NUM}${SEP}${NUM}\s*,?\s*\]`, "g");
// `name_3` or `name_3's part`; names are category names (letters, digits, _, parentheses, -).
const MENTION_RE = /([A-Za-z][\w()-]*_\d+(?:['’]s\s+[A-Za-z][\w()-]*)?)\s*$/;

/** The boxes of a raw answer in order, each with the instance name written before it. */
export function parseRawAnswer(raw: string): RawMention[] {
  const out: RawMention[] = [];
  let textFrom = 0;
  for (const match of raw.matchAll(BOX_RE)) {
    const start = match.index;
    const box = [match[1], match[2], match[3], match[4]].map(Number) as Box;
    const before = raw.slice(textFrom, start);
    out.push({ mention: MENTION_RE.exec(before)?.[1] ?? null, box, start, end: start + match[0].length });
    textFrom = start + match[0].length;
  }
  return out;
}

/**
 * Python's `round(v, 2)`: the nearest multiple of 0.01 to the exact binary value of `v`, ties (only
 * possible when `v` is a multiple of 1/8) to the even hundredth.
 */
export function pythonRound2(v: number): number {
  if (!Number.isFinite(v)) return v;
  const scaled = v * 100;
  if (Number.isInteger(v * 8) && Math.abs(scaled - Math.trunc(scaled)) === 0.5) {
    const lo = Math.floor(scaled);
    return (lo % 2 === 0 ? lo : lo + 1) / 100;
  }
  // toFixed rounds the exact binary value, as Python does; beyond 1e21 it would print exponents.
  if (Math.abs(v) >= 1e21) return v;
  const rounded = Number(v.toFixed(2));
  return rounded === 0 && (v < 0 || Object.is(v, -0)) ? -0 : rounded;
}

/**
 * Python's `repr` of a float: the shortest text that reads back to the same value (what JavaScript
 * prints too), with Python's layout: `30.0` for whole numbers, scientific notation from 1e16 up and
 * below 1e-4 (`1e+16`, `1.5e-05`), `-0.0`, `inf`, `nan`.
 */
export function pythonFloatRepr(v: number): string {
  if (Number.isNaN(v)) return "nan";
  if (!Number.isFinite(v)) return v > 0 ? "inf" : "-inf";
  if (v === 0) return Object.is(v, -0) ? "-0.0" : "0.0";
  const abs = Math.abs(v);
  if (abs >= 1e16 || abs < 1e-4) {
    const [mantissa, exponent] = v.toExponential().split("e") as [string, string];
    const exp = Number(exponent);
    const digits = String(Math.abs(exp)).padStart(2, "0");
    return `${mantissa}e${exp < 0 ? "-" : "+"}${digits}`;
  }
  const s = String(v);
  return s.includes(".") ? s : `${s}.0`;
}

/**
 * Formats a coordinate the way the generator's Python did: `repr(round(v, 2))` (`30.0`, `12.5`,
 * `200.13`), Python's rounding and float layout included.
 */
export function formatCoordinate(v: number): string {
  return pythonFloatRepr(pythonRound2(v));
}

/** COCO `[x, y, w, h]` → `[x1, y1, x2, y2]`. */
export function bboxToCorners(bbox: readonly number[]): Box {
  const [x = 0, y = 0, w = 0, h = 0] = bbox;
  return [x, y, x + w, y + h];
}

export function formatBox(box: Box): string {
  return `[${box.map(formatCoordinate).join(", ")}]`;
}

/**
 * The raw answer for a text answer: placeholder k becomes target k's box `[x1, y1, x2, y2]`
 * (from its COCO `bbox`). A placeholder without a target stays `{seg}`, so the mismatch remains
 * visible instead of being papered over.
 */
export function rebuildRawAnswer(textAnswer: string, targetBboxes: readonly (readonly number[])[]): string {
  return splitTextAnswer(textAnswer)
    .map((segment) => {
      if (segment.kind === "text") return segment.text;
      const bbox = targetBboxes[segment.target];
      return bbox ? formatBox(bboxToCorners(bbox)) : PLACEHOLDER;
    })
    .join("");
}

/** PACO part categories are named `object:part`. */
/**
 * The rule export and the review screen share for a pair's raw answer: a pair whose text answer or
 * target list was edited gets its raw answer rebuilt from the new text and the new targets' boxes;
 * otherwise the imported one stands (null: keep it). `targetBboxes` is only called for a rebuild.
 */
export function editedRawAnswer(
  originalText: string | undefined,
  textAnswer: string | undefined,
  targetsChanged: boolean,
  targetBboxes: () => readonly (readonly number[])[],
): string | null {
  if (textAnswer === undefined || (textAnswer === originalText && !targetsChanged)) return null;
  return rebuildRawAnswer(textAnswer, targetBboxes());
}

export function isPartCategory(categoryName: string): boolean {
  return categoryName.includes(":");
}

/** `chair:leg` → `chair`; an object category is its own object category. */
export function objectCategoryOf(categoryName: string): string {
  const colon = categoryName.indexOf(":");
  return colon < 0 ? categoryName : categoryName.slice(0, colon);
}

/** `chair:leg` → `leg`; null for an object category. */
export function partNameOf(categoryName: string): string | null {
  const colon = categoryName.indexOf(":");
  return colon < 0 ? null : categoryName.slice(colon + 1);
}

/**
 * How a target reads in plain words: the part name for a part, else the object name, without the
 * parenthesised qualifier and with `_` as a space (`mouse_(computer_equipment)` → "mouse",
 * `laptop_computer:base_panel` → "base panel").
 */
export function plainName(categoryName: string): string {
  const name = partNameOf(categoryName) ?? categoryName;
  return name
    .replace(/\([^)]*\)/g, " ")
    .replace(/[_\s]+/g, " ")
    .trim()
    .toLowerCase();
}

/**
 * `object` when every target is an object, `part` when every one is a part, else `mixed`.
 * A pair without targets counts as `object` (it is flagged `no_targets` anyway).
 */
export function classifyGranularity(categoryNames: readonly string[]): Granularity {
  let parts = 0;
  for (const name of categoryNames) if (isPartCategory(name)) parts++;
  if (parts === 0) return "object";
  return parts === categoryNames.length ? "part" : "mixed";
}
