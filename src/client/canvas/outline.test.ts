import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../shared/sampling";
import { noise, toColumns } from "../../shared/testMasks";
import { traceOutline, traceOutlineColumns } from "./outline";

function grid(rows: string[]): { bits: Uint8Array; w: number; h: number } {
  const h = rows.length;
  const w = rows[0]?.length ?? 0;
  const bits = new Uint8Array(w * h);
  rows.forEach((r, y) => [...r].forEach((c, x) => (bits[y * w + x] = c === "#" ? 1 : 0)));
  return { bits, w, h };
}

/** The loop's corners starting from its top-left one, so tests do not depend on the start. */
function normal(loop: Int32Array): number[] {
  let best = 0;
  for (let i = 2; i < loop.length; i += 2) {
    if (loop[i + 1]! < loop[best + 1]! || (loop[i + 1] === loop[best + 1] && loop[i]! < loop[best]!)) best = i;
  }
  return [...loop.slice(best), ...loop.slice(0, best)];
}

/** Signed shoelace area; outer loops count positive, holes negative. */
function signedArea(loops: Int32Array[]): number {
  let a = 0;
  for (const l of loops) {
    for (let i = 0; i < l.length; i += 2) {
      const j = (i + 2) % l.length;
      a += l[i]! * l[j + 1]! - l[j]! * l[i + 1]!;
    }
  }
  return a / 2;
}

describe("traceOutline", () => {
  it("outlines a square with its four corners only", () => {
    const { bits, w, h } = grid(["....", ".##.", ".##.", "...."]);
    const loops = traceOutline(bits, w, h);
    expect(loops).toHaveLength(1);
    expect(normal(loops[0]!)).toEqual([1, 1, 3, 1, 3, 3, 1, 3]);
  });

  it("places loops in image coordinates with the crop's offset", () => {
    const { bits, w, h } = grid(["#"]);
    expect(normal(traceOutline(bits, w, h, 10, 20)[0]!)).toEqual([10, 20, 11, 20, 11, 21, 10, 21]);
  });

  it("gives a ring an outer loop and a hole", () => {
    const { bits, w, h } = grid(["###", "#.#", "###"]);
    const loops = traceOutline(bits, w, h);
    expect(loops).toHaveLength(2);
    expect(signedArea(loops)).toBe(8);
  });

  it("keeps diagonal neighbours as separate loops", () => {
    const { bits, w, h } = grid(["#.", ".#"]);
    const loops = traceOutline(bits, w, h);
    expect(loops).toHaveLength(2);
    expect(signedArea(loops)).toBe(2);
  });

  it("encloses exactly the mask's area on random masks", () => {
    let seed = 7;
    const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    for (let t = 0; t < 50; t++) {
      const w = 1 + Math.floor(rnd() * 20);
      const h = 1 + Math.floor(rnd() * 20);
      const bits = new Uint8Array(w * h).map(() => (rnd() < 0.5 ? 1 : 0));
      const area = bits.reduce((a, b) => a + b, 0);
      expect(signedArea(traceOutline(bits, w, h))).toBe(area);
    }
  });

  it("keeps only corners: a 200-pixel-wide band has four", () => {
    const w = 200;
    const bits = new Uint8Array(w * 3).fill(1);
    expect(normal(traceOutline(bits, w, 3)[0]!)).toEqual([0, 0, 200, 0, 200, 3, 0, 3]);
  });

  it("returns nothing for an empty mask", () => {
    expect(traceOutline(new Uint8Array(0), 0, 0)).toEqual([]);
    expect(traceOutline(new Uint8Array(4), 2, 2)).toEqual([]);
  });
});

describe("traceOutlineColumns", () => {
  /** Loops as plain arrays, in order: starts, directions and loop order all count. */
  const plain = (loops: Int32Array[]): number[][] => loops.map((l) => Array.from(l));

  it("outlines a square, a ring and diagonal neighbours like the row-major tracer, point for point", () => {
    const shapes = [
      ["....", ".##.", ".##.", "...."],
      ["###", "#.#", "###"],
      ["#.", ".#"],
      [".#", "#."],
      ["#"],
      // Saddles inside one component, holes touching the border at a corner, an L and a comb.
      ["##.##", "#.#.#", "##.##"],
      ["#####", "#.#.#", "##.##", "#.#.#", "#####"],
      [".#.", "#.#", ".#."],
      ["#..", "#..", "###"],
      ["#.#.#", "#####", "....#"],
      ["..#..", ".#.#.", "#...#", ".#.#.", "..#.."],
    ];
    for (const rows of shapes) {
      const { bits, w, h } = grid(rows);
      expect(plain(traceOutlineColumns(toColumns(bits, w, h), w, h, 3, 7)), rows.join("/")).toEqual(plain(traceOutline(bits, w, h, 3, 7)));
    }
  });

  it("gives the hand-traced loops of an L (starting at the corner the row scan meets first)", () => {
    // "#." / "##": the row scan first marks the left side of row 0's run, at corner (0, 1), going
    // up; the walk runs straight back through (0, 1), which is dropped, so the loop starts at (0, 0)
    // and runs clockwise on screen (y down).
    const { bits, w, h } = grid(["#.", "##"]);
    expect(plain(traceOutlineColumns(toColumns(bits, w, h), w, h))).toEqual([[0, 0, 1, 0, 1, 1, 2, 1, 2, 2, 0, 2]]);
  });

  it("matches the row-major tracer on random masks of every density", () => {
    const rnd = mulberry32(11);
    for (let t = 0; t < 300; t++) {
      const w = 1 + Math.floor(rnd() * 24);
      const h = 1 + Math.floor(rnd() * 24);
      const bits = noise(h, w, rnd, [0.1, 0.5, 0.8][t % 3]!);
      expect(plain(traceOutlineColumns(toColumns(bits, w, h), w, h, t, 2 * t)), `#${t} ${w}x${h}`).toEqual(plain(traceOutline(bits, w, h, t, 2 * t)));
    }
  });

  it("returns nothing for an empty mask", () => {
    expect(traceOutlineColumns(new Uint8Array(0), 0, 0)).toEqual([]);
    expect(traceOutlineColumns(new Uint8Array(6), 2, 3)).toEqual([]);
  });
});
