import { describe, expect, it } from "vitest";
import {
  classifyGranularity,
  countPlaceholders,
  findStrayBraces,
  formatCoordinate,
  parseRawAnswer,
  plainName,
  rebuildRawAnswer,
  splitTextAnswer,
} from "./answers";

describe("text answers", () => {
  it("splits into text and placeholders, placeholder k standing for target k", () => {
    expect(splitTextAnswer("The laptop_computer_1 {seg} and its keyboard {seg}.")).toEqual([
      { kind: "text", text: "The laptop_computer_1 " },
      { kind: "seg", target: 0 },
      { kind: "text", text: " and its keyboard " },
      { kind: "seg", target: 1 },
      { kind: "text", text: "." },
    ]);
    expect(splitTextAnswer("{seg}{seg}")).toEqual([
      { kind: "seg", target: 0 },
      { kind: "seg", target: 1 },
    ]);
    expect(splitTextAnswer("")).toEqual([]);
  });

  it("counts placeholders like Python's str.count", () => {
    expect(countPlaceholders("a {seg} b {seg}")).toBe(2);
    expect(countPlaceholders("{seg")).toBe(0);
    expect(countPlaceholders("{{seg}}")).toBe(1);
  });

  it("finds braces outside placeholders", () => {
    expect(findStrayBraces("The mug_1 {seg} holds tea.")).toEqual([]);
    expect(findStrayBraces("The mug_1 {seg} {x}")).toEqual([16, 18]);
    expect(findStrayBraces("{{seg}}")).toEqual([0, 6]);
    expect(findStrayBraces("a {seg")).toEqual([2]);
    expect(findStrayBraces("a {Seg}")).toEqual([2, 6]);
  });
});

describe("raw answers", () => {
  it("parses mentions and boxes in order, leniently", () => {
    const raw =
      "The laptop_computer_1 [12.5, 30.0, 200.1, 180.2] and laptop_computer_1's keyboard [40,100 ,180,  170] help; so does mouse_(computer_equipment)_2 [1e1, 2, 3.5, .5].";
    const parsed = parseRawAnswer(raw);
    expect(parsed.map((m) => m.mention)).toEqual([
      "laptop_computer_1",
      "laptop_computer_1's keyboard",
      "mouse_(computer_equipment)_2",
    ]);
    expect(parsed.map((m) => m.box)).toEqual([
      [12.5, 30, 200.1, 180.2],
      [40, 100, 180, 170],
      [10, 2, 3.5, 0.5],
    ]);
    expect(raw.slice(parsed[0]!.start, parsed[0]!.end)).toBe("[12.5, 30.0, 200.1, 180.2]");
  });

  it("gives a null mention when no instance name precedes the box, and ignores non-boxes", () => {
    expect(parseRawAnswer("the thing [1, 2, 3, 4] and [1, 2] and [a, b, c, d]")).toEqual([
      { mention: null, box: [1, 2, 3, 4], start: 10, end: 22 },
    ]);
  });

  it("rebuilds a raw answer with each target's box in place of its placeholder", () => {
    const raw = rebuildRawAnswer("The chair_1 {seg} and chair_1's leg {seg}.", [
      [10, 20, 30, 40],
      [12.345, 0, 1.5, 7.999],
    ]);
    expect(raw).toBe("The chair_1 [10.0, 20.0, 40.0, 60.0] and chair_1's leg [12.35, 0.0, 13.85, 8.0].");
    expect(parseRawAnswer(raw).map((m) => m.mention)).toEqual(["chair_1", "chair_1's leg"]);
  });

  it("leaves a placeholder without a target as it is", () => {
    expect(rebuildRawAnswer("a {seg} b {seg}", [[0, 0, 1, 1]])).toBe("a [0.0, 0.0, 1.0, 1.0] b {seg}");
  });

  it("formats numbers like Python's round(v, 2)", () => {
    // Expected values printed by CPython 3: repr(round(v, 2)).
    expect([30, 12.5, 200.125, 0.004, -0, -3.1].map(formatCoordinate)).toEqual(["30.0", "12.5", "200.12", "0.0", "-0.0", "-3.1"]);
    expect([2.675, 1.005, 0.125, 0.375, 1e16, 12345678901234568, 0.285, 1.115, 99.995, 0.00001, -0.004].map(formatCoordinate)).toEqual(
      ["2.67", "1.0", "0.12", "0.38", "1e+16", "1.2345678901234568e+16", "0.28", "1.11", "100.0", "0.0", "-0.0"],
    );
  });
});

describe("names and granularity", () => {
  it("reads category names in plain words", () => {
    expect(plainName("mouse_(computer_equipment)")).toBe("mouse");
    expect(plainName("laptop_computer:base_panel")).toBe("base panel");
    expect(plainName("chair")).toBe("chair");
    expect(plainName("glass_(drink_container):rim")).toBe("rim");
  });

  it("classifies pairs as object, part or mixed", () => {
    expect(classifyGranularity(["chair", "mug"])).toBe("object");
    expect(classifyGranularity(["chair:leg", "mug:handle"])).toBe("part");
    expect(classifyGranularity(["chair", "chair:leg"])).toBe("mixed");
    expect(classifyGranularity([])).toBe("object");
  });
});
