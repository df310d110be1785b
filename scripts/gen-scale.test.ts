import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRecordText, readRecords } from "../src/server/io/records";
import { imageRecordSchema } from "../src/shared/mmr";
import { segmentationToRle, rleArea, rleBbox } from "../src/shared/rle";

const root = resolve(import.meta.dirname, "..");
const dir = mkdtempSync(join(tmpdir(), "gen-scale-"));

function generate(out: string, pairs: number, seed: number): void {
  execFileSync(process.execPath, ["--import", "tsx", join(root, "scripts/gen-scale.ts"), "--pairs", String(pairs), "--out", out, "--seed", String(seed)], {
    cwd: root,
    stdio: "pipe",
  });
}

describe("gen-scale", () => {
  it("streams a valid MMR split with exactly the requested pairs, the same for the same seed", async () => {
    const a = join(dir, "a.json");
    const b = join(dir, "b.json");
    generate(a, 500, 3);
    generate(b, 500, 3);
    expect(readFileSync(a).equals(readFileSync(b))).toBe(true);

    let pairs = 0;
    let images = 0;
    let annotations = 0;
    for await (const { text, index, byteOffset } of readRecords(a)) {
      const record = imageRecordSchema.parse(parseRecordText(text, a, index, byteOffset));
      images++;
      pairs += record.questions.length;
      annotations += record.annotations.length;
      for (const ann of record.annotations) {
        const counts = segmentationToRle(ann.segmentation, record.height, record.width);
        expect(ann.area).toBe(rleArea(counts));
        expect(ann.bbox).toEqual(rleBbox(counts, record.height, record.width));
      }
      record.text_answers.forEach((t, i) => expect(t.split("{seg}").length - 1).toBe(record.answers[i]!.length));
    }
    expect(pairs).toBe(500);
    expect(pairs / images).toBeGreaterThan(2.8);
    expect(pairs / images).toBeLessThan(4);
    expect(annotations / images).toBeGreaterThan(10);
    expect(annotations / images).toBeLessThan(16);
  }, 60_000);
});
