import { describe, expect, it } from "vitest";
import { applyTheme } from "./themeStore";

describe("applyTheme", () => {
  it("pins light or dark on the root and removes the pin to follow the system", () => {
    const root = { dataset: {} as Record<string, string> } as unknown as HTMLElement;
    applyTheme("light", root);
    expect(root.dataset.theme).toBe("light");
    applyTheme("dark", root);
    expect(root.dataset.theme).toBe("dark");
    applyTheme("system", root);
    expect(root.dataset.theme).toBeUndefined();
  });
});
