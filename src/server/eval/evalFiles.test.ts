import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { splitText, tempDir, type TempDir } from "../test-fixtures/splitFiles";
import { expected, predictionLines, predictionRecord } from "../test-fixtures/predictionFixture";
import { evalFiles } from "./evalFiles";
import { runEval } from "../cli/eval";
import { rectRle } from "../../shared/testRecord";

let dir: TempDir;
beforeEach(() => {
  dir = tempDir();
});
afterEach(() => dir.remove());

function files(lines: string[]): { split: string; pred: string } {
  return { split: dir.write("val.json", splitText([predictionRecord()])), pred: dir.write("pred.jsonl", `${lines.join("\n")}\n`) };
}

describe("eval over files", () => {
  it("prints the paper's subsets with hand-computed gIoU and cIoU", async () => {
    const { split, pred } = files(predictionLines("val", { extraMask: true }));
    const { report } = await evalFiles(split, pred);
    for (const subset of ["object", "part", "mixed", "all"] as const) {
      expect(report.subsets[subset].gIoU).toBeCloseTo(expected[subset].gIoU, 12);
      expect(report.subsets[subset].cIoU).toBeCloseTo(expected[subset].cIoU, 12);
      expect(report.subsets[subset].pairs).toBe(expected[subset].pairs);
      expect(report.subsets[subset].targets).toBe(expected[subset].targets);
    }
    expect(report.countMismatch).toEqual([{ id: "val:7:3", targets: 1, masks: 2 }]);

    const text = await runEval(split, pred, {});
    expect(text).toMatch(/^object\s+65\.0\s+65\.0\s+2\s+2$/m);
    expect(text).toMatch(/^both\s+50\.0\s+83\.3\s+1\s+2$/m);
    expect(text).toMatch(/1 pair\(s\) with another number of masks than targets.*val:7:3 \(2 masks, 1 targets\)/);
  });

  it("scores a pair without a prediction as no masks, and says so", async () => {
    const { split, pred } = files(predictionLines("val").slice(1));
    const { report } = await evalFiles(split, pred);
    expect(report.missing).toBe(1);
    expect(report.subsets.object.gIoU).toBeCloseTo((0 + 100 / (100 + 1e-5)) / 2, 12);
    expect(report.subsets.object.cIoU).toBeCloseTo(100 / (100 + 1e-10), 12);
  });

  it("refuses predictions of another split, of unknown pairs and of another size, naming the line", async () => {
    const other = files(predictionLines("test"));
    await expect(evalFiles(other.split, other.pred)).rejects.toThrow(/line 1: id names split test, but the split is val/);

    const unknown = files([...predictionLines("val"), JSON.stringify({ id: "val:7:9", masks: [] })]);
    await expect(evalFiles(unknown.split, unknown.pred)).rejects.toThrow(/line 5: no pair val:7:9/);

    const sized = files([JSON.stringify({ id: "val:7:0", masks: [rectRle(0, 0, 1, 1, 60, 40)] })]);
    await expect(evalFiles(sized.split, sized.pred)).rejects.toThrow(/line 1: masks\[0\] is 60x40, but the image is 40x60/);
  });
});
