import { describe, expect, it } from "vitest";
import { checkNameMismatch, mentionNamesOther, placeholderMentions } from "./nameMismatch";

/* `name_mismatch` (SPEC section 3): the name the generator wrote before target k's placeholder or box. */

describe("placeholderMentions", () => {
  it("reads the generator-style name right before each placeholder, or null", () => {
    expect(placeholderMentions("chair_2's leg {seg} and mug_1 {seg} or the lamp {seg}")).toEqual(["chair_2's leg", "mug_1", null]);
    expect(placeholderMentions("chair_1’s back {seg}")).toEqual(["chair_1’s back"]);
    expect(placeholderMentions("{seg}{seg}")).toEqual([null, null]);
    expect(placeholderMentions("mug_1 {seg}, then {seg}")).toEqual(["mug_1", null]);
    expect(placeholderMentions("no placeholder here")).toEqual([]);
  });
});

describe("mentionNamesOther", () => {
  it("compares numbered names, ignoring apostrophe style and spacing", () => {
    expect(mentionNamesOther(null, "chair_1")).toBe(false);
    expect(mentionNamesOther("chair_1", "chair_1")).toBe(false);
    expect(mentionNamesOther("chair_2", "chair_1")).toBe(true);
    expect(mentionNamesOther("chair_1’s  leg", "chair_1's leg")).toBe(false);
    expect(mentionNamesOther("chair_1's leg", "chair_1's back")).toBe(true);
  });

  it("reads a part's object as naming the part, and judges only numbered target names", () => {
    expect(mentionNamesOther("chair_2", "chair_2's leg")).toBe(false);
    expect(mentionNamesOther("chair_3", "chair_2's leg")).toBe(true);
    expect(mentionNamesOther("chair_2", "chair")).toBe(false);
    expect(mentionNamesOther("chair_2", "chair_1a")).toBe(false);
    expect(mentionNamesOther("chair_2", "chair_12")).toBe(true);
  });

  it("accepts any of several names, and is judged if one of them is numbered", () => {
    expect(mentionNamesOther("chair_2", ["chair_1", "chair_2"])).toBe(false);
    expect(mentionNamesOther("chair_2", ["chair_1", "table_1"])).toBe(true);
    expect(mentionNamesOther("chair_2", ["chair", "chair_1"])).toBe(true);
    expect(mentionNamesOther("chair_2", [])).toBe(false);
  });

  it("does not judge a mention of a category the image does not have", () => {
    const chairs = new Set(["chair"]);
    expect(mentionNamesOther("COCO_2017", "chair_1", chairs)).toBe(false);
    expect(mentionNamesOther("chair_2", "chair_1", chairs)).toBe(true);
    expect(mentionNamesOther("chair_2's leg", "chair_1's leg", chairs)).toBe(true);
  });
});

describe("checkNameMismatch", () => {
  it("checks each placeholder against its target, and nothing past either list", () => {
    expect(checkNameMismatch("chair_2 {seg}", null, ["chair_1"])).toBe(true);
    expect(checkNameMismatch("chair_1 {seg} and mug_9 {seg}", null, ["chair_1"])).toBe(false);
    expect(checkNameMismatch("chair_1 {seg}", null, ["chair_1", "mug_1"])).toBe(false);
    expect(checkNameMismatch("chair_1 {seg} and mug_9 {seg}", null, ["chair_1", "mug_1"])).toBe(true);
  });

  it("checks the names before the raw answer's boxes too", () => {
    expect(checkNameMismatch("the chair {seg}", "chair_2 [0, 0, 1, 1]", ["chair_1"])).toBe(true);
    expect(checkNameMismatch("the chair {seg}", "chair_1 [0, 0, 1, 1]", ["chair_1"])).toBe(false);
    expect(checkNameMismatch("the chair {seg}", "chair_1 [0, 0, 1, 1] mug_2 [1, 1, 2, 2]", ["chair_1", "mug_1"])).toBe(true);
    expect(checkNameMismatch("the chair {seg}", "chair_1 [0, 0, 1, 1] mug_2 [1, 1, 2, 2]", ["chair_1"])).toBe(false);
    expect(checkNameMismatch("the chair {seg}", "", ["chair_1"])).toBe(false);
  });
});
