import { describe, expect, it } from "vitest";
import { MAX_FILE_NAME_CHARS, isSafeFileName, normalizedFileName, unsafePathReason } from "./paths";

/* The one path rule: each refusal with its reason (the table shared with lint, import and the image route is in src/server/pathRule.test.ts). */

describe("unsafePathReason", () => {
  const cases: [string, string | null][] = [
    ["a.png", null],
    ["val2017/000000001.jpg", null],
    ["a..b.png", null],
    ["..a.png", null],
    ["", "it is empty"],
    ["x".repeat(MAX_FILE_NAME_CHARS + 1), "it is longer than 4096 characters"],
    ["a\u0000.png", "it holds a control character"],
    ["a\u007f.png", "it holds a control character"],
    ["a\nb.png", "it holds a control character"],
    ["sub\\b.png", "it holds a backslash"],
    ["/etc/x.png", "it is absolute"],
    ["//server/x.png", "it is absolute"],
    ["C:x.png", "it starts with a drive letter or a scheme"],
    ["file:x.png", "it starts with a drive letter or a scheme"],
    [".", "it names no file"],
    ["./", "it names no file"],
    ["b/../y.png", "it has a '..' segment"],
    ["./../x.jpg", "it has a '..' segment"],
    [".../x.png", "it has a '..' segment"],
    ["a/ ../x.png", "it has a '..' segment"],
    ["%2e%2e/x.png", "it has a '..' segment"],
    ["%252e%252e/x.png", "it has a '..' segment"],
    ["%25252e%25252e/x.png", "it has a '..' segment"],
    ["%5cx.png", "it holds a backslash"],
    ["\uff0e\uff0e/x.png", "it has a '..' segment"],
    ["100%.png", null], // a lone % is a legal character
  ];
  it.each(cases)("%j → %j", (name, reason) => {
    expect(unsafePathReason(name)).toBe(reason);
    expect(isSafeFileName(name)).toBe(reason === null);
  });

  it("accepts a name of exactly the longest length", () => {
    expect(unsafePathReason("x".repeat(MAX_FILE_NAME_CHARS))).toBeNull();
  });

  it("stops decoding after three rounds", () => {
    // Four rounds of encoding hide the dots from the rule; the name is then a literal file name.
    expect(unsafePathReason("%2525252e%2525252e/x.png")).toBeNull();
  });
});

describe("normalizedFileName", () => {
  it("drops '.' and empty segments of a safe name, and refuses an unsafe one", () => {
    expect(normalizedFileName("./sub//a.png")).toBe("sub/a.png");
    expect(normalizedFileName("sub/./a.png/")).toBe("sub/a.png");
    expect(normalizedFileName("a.png")).toBe("a.png");
    expect(normalizedFileName("../a.png")).toBeNull();
  });
});
