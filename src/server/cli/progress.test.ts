import { describe, expect, it } from "vitest";
import { createProgress, formatDuration } from "./progress";

function sink(isTTY: boolean) {
  const writes: string[] = [];
  return { out: { isTTY, columns: 120, write: (text: string) => writes.push(text) }, writes };
}

describe("progress reporter", () => {
  it("redraws one line with a bar, MB/s and ETA on a terminal", () => {
    let now = 0;
    const { out, writes } = sink(true);
    const progress = createProgress("MMR_val.json", out, () => now);
    now = 2000;
    progress.update({ fraction: 0.5, bytes: 100e6, detail: "10 records · 30 pairs" });
    now = 2050; // throttled: less than 100 ms later
    progress.update({ fraction: 0.51, bytes: 101e6, detail: "11 records" });
    expect(writes).toHaveLength(1);
    expect(writes[0]).toMatch(/^\rMMR_val\.json \[#{10}-{10}\] {2}50% 10 records · 30 pairs · 50\.0 MB\/s · ETA 0:02/);
    progress.finish();
    expect(writes.at(-1)).toBe("\r\x1b[K");
  });

  it("prints plain lines every few seconds elsewhere", () => {
    let now = 0;
    const { out, writes } = sink(false);
    const progress = createProgress("export val", out, () => now);
    for (now = 0; now <= 12_000; now += 1000) progress.update({ fraction: now / 12_000, bytes: now, detail: "x" });
    expect(writes.length).toBe(3);
    expect(writes.every((w) => w.endsWith("\n") && !w.includes("\r"))).toBe(true);
    progress.finish();
    // The last line states where it ended, not where the last periodic line happened to be.
    expect(writes.length).toBe(4);
    expect(writes.at(-1)).toMatch(/100% x/);
  });

  it("ends a quick job with a line of its final counts", () => {
    let now = 0;
    const { out, writes } = sink(false);
    const progress = createProgress("sample.json", out, () => now);
    now = 10;
    progress.update({ fraction: 1, bytes: 100, detail: "1 records · 6 pairs" });
    now = 20;
    progress.update({ fraction: 1, bytes: 100, detail: "12 records · 58 pairs" });
    progress.finish();
    expect(writes).toHaveLength(2);
    expect(writes.at(-1)).toMatch(/^sample\.json 100% 12 records · 58 pairs/);
  });

  it("formats durations", () => {
    expect(formatDuration(75)).toBe("1:15");
    expect(formatDuration(Number.NaN)).toBe("--:--");
  });
});
