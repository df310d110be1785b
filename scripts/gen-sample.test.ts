import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { analyzeRecord } from "../src/shared/analyze";
import { sortFlags } from "../src/shared/checks";
import { flagIds } from "../src/shared/domain";
import { imageRecordSchema } from "../src/shared/mmr";
import type { ImageRecord } from "../src/shared/mmr";
import { buildSample, sampleJson } from "./sample/sample";

/*
 * The committed sample must hold exactly its planted flaws: each planted pair carries its one
 * flag, every other pair none (a flag there is a false alarm of the checks or bad sample data).
 */

const root = resolve(import.meta.dirname, "..");
const sampleFile = join(root, "sample", "MMR_sample.json");
const imagesDir = join(root, "sample", "images");
const built = buildSample();
const committed = JSON.parse(readFileSync(sampleFile, "utf8")) as unknown[];

describe("sample dataset", () => {
  it("is what the generator writes (run `npm run gen:sample` after changing it)", () => {
    expect(readFileSync(sampleFile, "utf8")).toBe(sampleJson(built));
  });

  it("has every record valid against the MMR schema", () => {
    for (const record of committed) expect(imageRecordSchema.safeParse(record).success).toBe(true);
  });

  it("flags exactly the planted pairs, each with its own flag (and those it brings along)", () => {
    const expected: Record<string, string[]> = {};
    const actual: Record<string, string[]> = {};
    built.forEach((b, k) => {
      const record = committed[k] as ImageRecord;
      expect(imageRecordSchema.safeParse(record).success).toBe(true);
      const analysis = analyzeRecord(record, { imageExists: (name) => existsSync(join(imagesDir, name)) });
      for (const pair of b.pairs) {
        expected[pair.id] = pair.plant ? sortFlags([pair.plant, ...pair.alsoFlags]) : [];
        actual[pair.id] = analysis.pairs[pair.index]!.flags;
      }
    });
    expect(actual).toEqual(expected);
  });

  it("names every annotation the way the answers do (instance numbering, part owners)", () => {
    built.forEach((b, k) => {
      const analysis = analyzeRecord(committed[k] as ImageRecord);
      const own = analysis.annotations.filter((a) => !a.orphan);
      expect(own.map((a) => a.instanceName)).toEqual(b.scene.items.map((i) => i.key));
      for (const pair of b.pairs) {
        // A planted target copy is its own target, named after the annotation it copies.
        expect(analysis.pairs[pair.index]!.targets.map((t) => analysis.annotations[t]!.generatorName)).toEqual(pair.targets);
      }
    });
  });

  it("plants every check of SPEC section 4 and keeps the mix the README promises", () => {
    const pairs = built.flatMap((b) => b.pairs);
    const plants = new Set(pairs.map((p) => p.plant).filter(Boolean));
    // Every flag of SPEC section 4, the loader checks included.
    expect([...plants].sort()).toEqual([...flagIds].sort());
    expect(pairs.length).toBeGreaterThanOrEqual(40);
    expect(Math.max(...pairs.map((p) => p.targets.length))).toBeGreaterThanOrEqual(8);
    for (const g of ["object", "part", "mixed"]) expect(pairs.some((p) => p.granularity === g && !p.plant)).toBe(true);
    expect(built.filter((b) => b.scene.meta.writeImage).length).toBeGreaterThanOrEqual(10);
  });

  it("uses all three segmentation forms", () => {
    const segs = committed.flatMap((r) => (r as { annotations: { segmentation: unknown }[] }).annotations.map((a) => a.segmentation));
    const forms = new Set(
      segs.map((s) => (Array.isArray(s) ? "polygon" : typeof (s as { counts: unknown }).counts === "string" ? "compressed" : "uncompressed")),
    );
    expect([...forms].sort()).toEqual(["compressed", "polygon", "uncompressed"]);
  });

  it("has an image file for every record except the planted ones", () => {
    for (const b of built) {
      expect(existsSync(join(imagesDir, b.scene.meta.fileName))).toBe(b.scene.meta.writeImage);
    }
  });
});
