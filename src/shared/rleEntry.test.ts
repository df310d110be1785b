import { describe, expect, it } from "vitest";
import { RleError, rleBbox, rleDecode, rleDecodeBox, rleDecodeBoxColumnMajor, rleDecodeColumnMajor, rleDecodeInto, rleFromString, rleToString, segmentationToRle } from "./rle";

/* The codec's entry points (rle.ts): sides checked before decoding, counts read from every form. */

describe("the codec's entry points", () => {
  it("refuse sides that are no non-negative integers or beyond the limit, in every decoder", () => {
    const decoders = [
      (h: number, w: number) => rleDecode([0], h, w),
      (h: number, w: number) => rleDecodeInto([0], h, w, new Uint8Array(4)),
      (h: number, w: number) => rleDecodeBox([0], h, w, [0, 0, 0, 0], new Uint8Array(0)),
      (h: number, w: number) => rleDecodeBoxColumnMajor([0], h, w, [0, 0, 0, 0], new Uint8Array(0)),
      (h: number, w: number) => rleDecodeColumnMajor([0], h, w),
      (h: number, w: number) => segmentationToRle({ size: [h, w], counts: [0] }, h, w),
    ];
    for (const decode of decoders) {
      expect(() => decode(-1, 2)).toThrow(new RleError("mask height -1 is not a non-negative integer"));
      expect(() => decode(2, 1.5)).toThrow(new RleError("mask width 1.5 is not a non-negative integer"));
      expect(() => decode(40_000, 1)).toThrow(RleError);
    }
    expect(Array.from(rleDecode([1, 3], 2, 2))).toEqual([0, 1, 1, 1]);
  });

  it("read uncompressed counts only when each is an integer in [0, 2³² − 1]", () => {
    expect(Array.from(segmentationToRle({ size: [2, 2], counts: [1, 3] }, 2, 2))).toEqual([1, 3]);
    expect(Array.from(segmentationToRle({ size: [2, 2], counts: [0, 4_294_967_295] }, 2, 2))).toEqual([0, 4_294_967_295]);
    expect(() => segmentationToRle({ size: [2, 2], counts: [1, -3] }, 2, 2)).toThrow(new RleError("count 1 (-3) is not a non-negative integer"));
    expect(() => segmentationToRle({ size: [2, 2], counts: [1.5, 3] }, 2, 2)).toThrow(new RleError("count 0 (1.5) is not a non-negative integer"));
    expect(() => segmentationToRle({ size: [2, 2], counts: [0, 4_294_967_296] }, 2, 2)).toThrow(RleError);
    expect(() => segmentationToRle({ size: [2, 2], counts: [0, Number.NaN] }, 2, 2)).toThrow(RleError);
  });

  it("give the bbox from whole (0s, 1s) pairs, zeros for a zero height", () => {
    // 3×2: [1 zero, 2 ones, 3 zeros] → column 0 rows 1–2; a trailing odd count changes nothing.
    expect(rleBbox([1, 2, 3], 3, 2)).toEqual([0, 1, 1, 2]);
    expect(rleBbox([1, 2], 3, 2)).toEqual([0, 1, 1, 2]);
    expect(rleBbox([0, 0], 0, 5)).toEqual([0, 0, 0, 0]);
    // Column 1 only, rows 0–1.
    expect(rleBbox([3, 2, 1], 3, 2)).toEqual([1, 0, 1, 2]);
  });

  it("read and write the compressed form of deltas of every size", () => {
    // Counts from the fourth on are written as the difference to the count two before.
    for (const counts of [[0], [5], [0, 1, 2, 3, 4], [100, 3, 100, 4, 99, 2], [31, 32, 33, 1023, 1024, 0, 1 << 29, (1 << 29) - 1, 7]]) {
      expect(Array.from(rleFromString(rleToString(counts))), counts.join(",")).toEqual(counts);
    }
    expect(rleToString([0, 1])).toBe("01");
    // Deltas of 2^29 and more take maskApi.c's 64-bit path (strings worked out with its rleToString
    // on 64-bit longs): a delta of 2^31, a count of 4·10^9 then a delta of −4·10^9, 2^29 and 2^29 − 1.
    expect(rleToString(Uint32Array.of(0, 0, 0, 2 ** 31))).toBe("000PPPPPP2");
    expect(rleToString(Uint32Array.of(0, 4_000_000_000, 0, 0))).toBe("0PPZfVg30PPfYiXL");
    expect(rleToString(Uint32Array.of(0, 0, 0, 2 ** 29))).toBe("000PPPPP`0");
    expect(rleToString(Uint32Array.of(0, 2 ** 29, 0, 0))).toBe("0PPPPP`00PPPPP@");
    expect(rleToString(Uint32Array.of(0, 0, 0, 2 ** 29 - 1))).toBe("000ooooo?");
    expect(rleToString(Uint32Array.of(0, 2 ** 29 + 1, 0, 1))).toBe("0QPPPP`00PPPPP@");
    expect(rleToString([32])).toBe("P1"); // 32 = 0 + 1·32: a low group 0 with the "more" bit (0x20 + 48 = "P"), then 1 ("1")
    expect(Array.from(rleFromString("P1"))).toEqual([32]);
  });
});
