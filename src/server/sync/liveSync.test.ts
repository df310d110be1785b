import { afterEach, describe, expect, it, vi } from "vitest";
import { createLiveSync } from "./liveSync";

describe("live sync scheduling", () => {
  afterEach(() => vi.useRealTimers());

  it("writes once, debounce after the last of a burst of decisions", async () => {
    vi.useFakeTimers();
    const writes: number[] = [];
    const sync = createLiveSync({ debounceMs: 2_000, maxWaitMs: 10_000, write: async () => void writes.push(Date.now()) });
    const start = Date.now();
    for (let i = 0; i < 5; i++) {
      sync.notify("val");
      await vi.advanceTimersByTimeAsync(500);
    }
    expect(writes).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(writes).toHaveLength(1);
    expect(writes[0]! - start).toBe(4_000); // 2 s after the fifth decision at 2 s
  });

  it("still writes every max wait under a steady stream of decisions", async () => {
    vi.useFakeTimers();
    let writes = 0;
    const sync = createLiveSync({ debounceMs: 2_000, maxWaitMs: 5_000, write: async () => void writes++ });
    for (let i = 0; i < 12; i++) {
      sync.notify("val");
      await vi.advanceTimersByTimeAsync(1_000);
    }
    expect(writes).toBe(2); // at 5 s and 10 s, although no 2 s pause ever came
  });

  it("never runs two writes of a split at once and coalesces what arrives meanwhile", async () => {
    vi.useFakeTimers();
    let active = 0;
    let maxActive = 0;
    let writes = 0;
    const sync = createLiveSync({
      debounceMs: 100,
      maxWaitMs: 1_000,
      write: async () => {
        active++;
        maxActive = Math.max(maxActive, active);
        await new Promise((done) => setTimeout(done, 1_000));
        active--;
        writes++;
      },
    });
    sync.notify("val");
    await vi.advanceTimersByTimeAsync(150); // write 1 runs until 1,100 ms
    for (let i = 0; i < 5; i++) {
      sync.notify("val");
      await vi.advanceTimersByTimeAsync(100);
    }
    await vi.advanceTimersByTimeAsync(5_000);
    expect(maxActive).toBe(1);
    expect(writes).toBe(2);
  });

  it("flush writes waiting splits at once; errors are reported, not thrown", async () => {
    const written: string[] = [];
    const errors: string[] = [];
    const sync = createLiveSync({
      debounceMs: 60_000,
      write: async (split) => {
        if (split === "bad") throw new Error("disk full");
        written.push(split);
      },
      onError: (split) => errors.push(split),
    });
    sync.notify("a");
    sync.notify("bad");
    await sync.close();
    expect(written).toEqual(["a"]);
    expect(errors).toEqual(["bad"]);
  });
});
