import { describe, expect, it } from "vitest";
import { appendPlaceholder, removePlaceholder } from "./placeholders";

describe("removePlaceholder", () => {
  it("removes a later target with the word that joined it", () => {
    expect(removePlaceholder("Use {seg} and {seg}.", 1)).toBe("Use {seg}.");
    expect(removePlaceholder("Use {seg}, {seg} and {seg}.", 1)).toBe("Use {seg} and {seg}.");
  });
  it("removes the first target with the joiner after it", () => {
    expect(removePlaceholder("Use {seg} and {seg}.", 0)).toBe("Use {seg}.");
  });
  it("removes a lone placeholder without leaving a space before the full stop", () => {
    expect(removePlaceholder("The chair {seg}.", 0)).toBe("The chair.");
  });
  it("leaves the answer alone when the slot does not exist", () => {
    expect(removePlaceholder("The chair {seg}.", 3)).toBe("The chair {seg}.");
  });
});

describe("appendPlaceholder", () => {
  it("adds an 'and {seg}' before the final punctuation", () => {
    expect(appendPlaceholder("Use {seg}.")).toBe("Use {seg} and {seg}.");
  });
  it("adds only the placeholder when asked for a bare one", () => {
    expect(appendPlaceholder("Use the keyboard {seg} and the touchpad.", true)).toBe("Use the keyboard {seg} and the touchpad {seg}.");
  });
  it("adds a bare placeholder when there was none", () => {
    expect(appendPlaceholder("Nothing here")).toBe("Nothing here {seg}");
  });
});
