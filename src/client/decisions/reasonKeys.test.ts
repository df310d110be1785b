import { describe, expect, it } from "vitest";
import { reasonCodes } from "../../shared/domain";
import { reasonForKey, reasonKeys } from "./reasonKeys";

describe("reason keys", () => {
  it("give every reason its own key", () => {
    expect(reasonCodes.map((_, i) => reasonKeys[i])).not.toContain(undefined);
    expect(new Set(reasonKeys).size).toBe(reasonKeys.length);
    expect(reasonForKey("1")).toBe("wrong_target");
    expect(reasonForKey("0")).toBe("duplicate");
    expect(reasonForKey("-")).toBe("other");
    expect(reasonForKey("a")).toBeUndefined();
  });
});
