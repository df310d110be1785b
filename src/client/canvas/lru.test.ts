import { describe, expect, it } from "vitest";
import { WeightedLru } from "./lru";

describe("WeightedLru", () => {
  it("evicts the least recently used entries past its weight budget", () => {
    const evicted: string[] = [];
    const lru = new WeightedLru<string, number>(10, (k) => evicted.push(k));
    lru.set("a", 1, 4);
    lru.set("b", 2, 4);
    expect(lru.get("a")).toBe(1); // a is now young
    lru.set("c", 3, 4);
    expect(evicted).toEqual(["b"]);
    expect(lru.peek("a")).toBe(1);
    expect(lru.weight).toBe(8);
  });

  it("keeps an entry heavier than the whole budget until the next one", () => {
    const lru = new WeightedLru<string, number>(10);
    lru.set("big", 1, 50);
    expect(lru.peek("big")).toBe(1);
    lru.set("small", 2, 1);
    expect(lru.peek("big")).toBeUndefined();
    expect(lru.size).toBe(1);
  });
});
