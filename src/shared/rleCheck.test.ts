import { describe, expect, it } from "vitest";
import { rleToString } from "./rle";
import { checkSegmentation, compressedCountsSum } from "./rleCheck";

describe("checkSegmentation", () => {
  it("accepts a compressed RLE covering the image", () => {
    expect(checkSegmentation({ size: [4, 5], counts: rleToString([3, 7, 10]) }, 4, 5)).toEqual({ form: "compressed", problem: null });
    expect(checkSegmentation({ size: [4, 5], counts: rleToString([0, 20]) }, 4, 5).problem).toBeNull();
  });
  it("names the other forms, which pycocotools refuses", () => {
    expect(checkSegmentation([[0, 0, 2, 0, 2, 2]], 4, 5)).toEqual({ form: "polygon", problem: null });
    expect(checkSegmentation({ size: [4, 5], counts: [3, 7, 10] }, 4, 5)).toEqual({ form: "uncompressed", problem: null });
  });
  it("finds counts that do not add up to h*w", () => {
    expect(checkSegmentation({ size: [4, 5], counts: rleToString([3, 7]) }, 4, 5).problem).toBe("counts_sum");
    expect(checkSegmentation({ size: [4, 5], counts: rleToString([3, 7, 11]) }, 4, 5).problem).toBe("counts_sum");
    expect(checkSegmentation({ size: [4, 5], counts: [3, 7, 11] }, 4, 5).problem).toBe("counts_sum");
  });
  it("finds strings that do not decode", () => {
    expect(checkSegmentation({ size: [4, 5], counts: "3~" }, 4, 5).problem).toBe("bad_string"); // '~' is past 'o'
    expect(checkSegmentation({ size: [4, 5], counts: "3 " }, 4, 5).problem).toBe("bad_string");
    expect(checkSegmentation({ size: [4, 5], counts: "3P" }, 4, 5).problem).toBe("bad_string"); // ends on a "more" group
  });
  it("finds a size other than the image's, but only for an otherwise readable mask", () => {
    expect(checkSegmentation({ size: [5, 4], counts: rleToString([20]) }, 4, 5).problem).toBe("size");
    expect(checkSegmentation({ size: [5, 4], counts: rleToString([2]) }, 4, 5).problem).toBe("counts_sum");
  });
  it("stops walking a huge string once the sum passes the size", () => {
    const long = rleToString(new Array(100_000).fill(7));
    expect(compressedCountsSum(long, 100)).toMatchObject({ problem: "counts_sum" });
  });
  it("finds negative counts written as deltas", () => {
    // Counts 3, 7, 3, then 'F' (48 + 22: the 5-bit group -10 with its sign bit) as a delta to 7: -3.
    expect(compressedCountsSum("373F", 100).problem).toBe("negative_count");
  });
});
