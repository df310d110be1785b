import { describe, expect, it } from "vitest";
import { galleryParamsFrom, gallerySearch } from "./galleryParams";

describe("gallery URL", () => {
  it("defaults to the multi-target preset and the current split", () => {
    const p = galleryParamsFrom("", "MMR_val");
    expect(p.filters).toEqual({ split: "MMR_val", minTargets: 2 });
    expect(p.groupByImage).toBe(false);
    expect(p.sample).toBeNull();
    expect(galleryParamsFrom("?minTargets=0", "MMR_val").filters.minTargets).toBe(0);
  });

  it("round-trips filters, grouping and a seeded sample", () => {
    const search = "?split=MMR_val&granularity=part&minTargets=2&group=image&sample=40&seed=audit-1";
    const p = galleryParamsFrom(search, undefined);
    expect(p).toEqual({ filters: { split: "MMR_val", granularity: "part", minTargets: 2 }, groupByImage: true, sample: { n: 40, seed: "audit-1" } });
    expect(galleryParamsFrom(gallerySearch(p), undefined)).toEqual(p);
  });

  it("ignores a sample without a seed or with a bad size", () => {
    expect(galleryParamsFrom("?sample=40", undefined).sample).toBeNull();
    expect(galleryParamsFrom("?sample=-3&seed=x", undefined).sample).toBeNull();
    expect(galleryParamsFrom("?sample=999999&seed=x", undefined).sample?.n).toBe(5000);
  });
});
