import { describe, expect, it } from "vitest";
import { filtersFromSearch, ignoredFilters } from "./filters";

describe("filters from a link", () => {
  it("names each filter it could not apply, and applies the rest", () => {
    const search = "?split=MMR_val&reason=Not-A-Code!&minTargets=-3&flag=braces&disagree=ana";
    expect(ignoredFilters(search)).toEqual(["minTargets=-3", "reason=Not-A-Code!"]);
    expect(filtersFromSearch(search)).toEqual({ split: "MMR_val", flag: "braces", disagree: "ana" });
  });
  it("ignores nothing in a clean link", () => {
    expect(ignoredFilters("?split=MMR_val&status=pending&minTargets=8")).toEqual([]);
  });
});
