import { describe, expect, it } from "vitest";
import { createRandom } from "../sample/random";
import { morph, perturbPair, shift } from "./perturb";

/** A row-major h×w mask from rows of "#" and ".". */
function grid(rows: string[]): Uint8Array {
  return Uint8Array.from(rows.join("").split(""), (c) => (c === "#" ? 1 : 0));
}

describe("prediction perturbations", () => {
  const square = grid([".....", ".###.", ".###.", ".###.", "....."]);

  it("dilates and erodes by a square of radius r", () => {
    expect(morph(square, 5, 5, 1, true)).toEqual(grid(["#####", "#####", "#####", "#####", "#####"]));
    expect(morph(square, 5, 5, 1, false)).toEqual(grid([".....", ".....", "..#..", ".....", "....."]));
  });

  it("shifts, losing what leaves the image", () => {
    expect(shift(square, 5, 5, 2, -1)).toEqual(grid(["...##", "...##", "...##", ".....", "....."]));
  });

  it("keeps every mask at quality 1 and the number of masks unless entries are dropped", () => {
    const masks = [square, square.slice()];
    expect(perturbPair(masks, 5, 5, 1, createRandom(3)).masks).toEqual(masks);
    for (let seed = 1; seed < 20; seed++) expect(perturbPair(masks, 5, 5, 0, createRandom(seed)).masks).toHaveLength(2);
  });
});
