import { describe, expect, it } from "vitest";
import { hashSeed, mulberry32, seededSample, wilsonInterval } from "./sampling";

describe("wilsonInterval", () => {
  it("gives the textbook interval for 12 bad out of 100", () => {
    const { estimate, low, high } = wilsonInterval(12, 100);
    expect(estimate).toBe(0.12);
    expect(low).toBeCloseTo(0.07, 3);
    expect(high).toBeCloseTo(0.1981, 3);
  });

  it("stays inside [0, 1] when nothing or everything is bad", () => {
    const none = wilsonInterval(0, 20);
    expect(none.low).toBe(0);
    expect(none.high).toBeCloseTo(0.1611, 3);
    const all = wilsonInterval(20, 20);
    expect(all.high).toBe(1);
    expect(all.low).toBeCloseTo(0.8389, 3);
  });

  it("knows nothing from an empty sample", () => {
    expect(wilsonInterval(0, 0)).toEqual({ estimate: 0, low: 0, high: 1 });
  });
});

describe("seededSample", () => {
  const ids = Array.from({ length: 1000 }, (_, i) => `s:${i}:0`);

  it("draws the same sample for the same seed, another for another seed", () => {
    const a = seededSample(ids, 25, "audit");
    expect(seededSample(ids, 25, "audit")).toEqual(a);
    expect(seededSample(ids, 25, "other")).not.toEqual(a);
  });

  it("draws N distinct items, in their original order", () => {
    const sample = seededSample(ids, 100, "x");
    expect(new Set(sample).size).toBe(100);
    const positions = sample.map((id) => ids.indexOf(id));
    expect(positions).toEqual([...positions].sort((p, q) => p - q));
  });

  it("returns everything when N is at least the population, nothing for N = 0", () => {
    expect(seededSample(ids.slice(0, 5), 10, "x")).toEqual(ids.slice(0, 5));
    expect(seededSample(ids, 0, "x")).toEqual([]);
  });

  it("gives every item about the same chance", () => {
    const hits = new Array<number>(10).fill(0);
    const ten = Array.from({ length: 10 }, (_, i) => i);
    for (let s = 0; s < 2000; s++) for (const i of seededSample(ten, 3, `seed-${s}`)) hits[i]! += 1;
    for (const h of hits) expect(h).toBeGreaterThan(500);
    for (const h of hits) expect(h).toBeLessThan(700);
  });
});

describe("mulberry32", () => {
  it("is deterministic and in [0, 1)", () => {
    const a = mulberry32(hashSeed("seed"));
    const b = mulberry32(hashSeed("seed"));
    for (let i = 0; i < 100; i++) {
      const x = a();
      expect(x).toBe(b());
      expect(x).toBeGreaterThanOrEqual(0);
      expect(x).toBeLessThan(1);
    }
  });
});
