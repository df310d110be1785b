import { describe, expect, it } from "vitest";
import { decodeRaw, encodeRaw } from "./rawCodec";

describe("raw record codec", () => {
  const text = '{"q":"café — 𝔘nicode ✓","counts":"a\\\\b"}';

  it("keeps plain text byte for byte after a kind byte of 0", () => {
    const stored = encodeRaw(text);
    expect(stored[0]).toBe(0);
    expect(stored.subarray(1).equals(Buffer.from(text, "utf8"))).toBe(true);
    expect(decodeRaw(stored)).toBe(text);
  });

  it("round-trips compressed text and refuses an unknown kind", () => {
    const stored = encodeRaw(text.repeat(50), true);
    expect(stored[0]).toBe(1);
    expect(stored.length).toBeLessThan(text.length * 50);
    expect(decodeRaw(stored)).toBe(text.repeat(50));
    expect(() => decodeRaw(Buffer.of(7, 1, 2))).toThrow(/unknown raw record encoding 7/);
  });
});
