import { describe, expect, it } from "vitest";
import { arrayItems, arrayText, objectMembers, rootSpan, splice, valueSpan } from "./jsonText";

/* Spans of JSON values in a text (export splices records from them): positions counted by hand. */

const slice = (text: string, span: { start: number; end: number }): string => text.slice(span.start, span.end);

describe("jsonText", () => {
  it("finds each value's exact span across every kind of JSON whitespace", () => {
    const text = ' \t\r\n{ "a" :\t[1 ,\r\n2.50 ] ,\n"b":"x\\"y\\\\" , "c" : {"d":[ ]}, "e":-1e+3 }\n';
    const root = rootSpan(text);
    expect(root).toEqual({ start: 4, end: text.length - 1 });
    const members = objectMembers(text, root);
    expect(members.map((m) => [m.key, slice(text, m.value)])).toEqual([
      ["a", "[1 ,\r\n2.50 ]"],
      ["b", '"x\\"y\\\\"'],
      ["c", '{"d":[ ]}'],
      ["e", "-1e+3"],
    ]);
    expect(arrayItems(text, members[0]!.value).map((s) => slice(text, s))).toEqual(["1", "2.50"]);
    const inner = objectMembers(text, members[2]!.value);
    expect(arrayItems(text, inner[0]!.value)).toEqual([]);
    expect(objectMembers("{ }", { start: 0, end: 3 })).toEqual([]);
  });

  it("decodes keys, skips brackets inside strings, and ends a bare value at a delimiter", () => {
    const text = '{"k\\u00e9y":"]}{[","n":[true,null,7]}';
    const members = objectMembers(text, rootSpan(text));
    expect(members.map((m) => m.key)).toEqual(["kéy", "n"]);
    expect(slice(text, members[0]!.value)).toBe('"]}{["');
    expect(arrayItems(text, members[1]!.value).map((s) => slice(text, s))).toEqual(["true", "null", "7"]);
    expect(valueSpan("12345", 0)).toEqual({ start: 0, end: 5 });
    expect(valueSpan("[1] ", 0)).toEqual({ start: 0, end: 3 });
  });

  it("throws one SyntaxError line naming what and where on text that is no JSON", () => {
    expect(() => valueSpan('"abc', 0)).toThrow(new SyntaxError("JSON text: unterminated string at 0"));
    expect(() => valueSpan("[1, 2", 0)).toThrow(new SyntaxError("JSON text: unterminated value at 0"));
    expect(() => valueSpan("  ,", 0)).toThrow(new SyntaxError("JSON text: value expected at 2"));
    expect(() => objectMembers("[1]", { start: 0, end: 3 })).toThrow(new SyntaxError("JSON text: object expected at 0"));
    expect(() => objectMembers("{1:2}", { start: 0, end: 5 })).toThrow(new SyntaxError("JSON text: key expected at 1"));
    expect(() => objectMembers('{"a" 2}', { start: 0, end: 7 })).toThrow(new SyntaxError("JSON text: ':' expected at 5"));
    expect(() => objectMembers('{"a":1 "b":2}', { start: 0, end: 13 })).toThrow(new SyntaxError("JSON text: ',' or '}' expected at 7"));
    expect(() => arrayItems("{}", { start: 0, end: 2 })).toThrow(new SyntaxError("JSON text: array expected at 0"));
    expect(() => arrayItems("[1 2]", { start: 0, end: 5 })).toThrow(new SyntaxError("JSON text: ',' or ']' expected at 3"));
  });

  it("splices replacements in any order and writes arrays as Python's json.dump does", () => {
    const text = '{"a":1,"b":2}';
    const [a, b] = objectMembers(text, rootSpan(text));
    expect(splice(text, [{ span: b!.value, text: "[2]" }, { span: a!.value, text: '"one"' }])).toBe('{"a":"one","b":[2]}');
    expect(splice(text, [])).toBe(text);
    expect(arrayText(["1", '"x"'])).toBe('[1, "x"]');
    expect(arrayText([])).toBe("[]");
  });
});
