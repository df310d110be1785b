import { describe, expect, it } from "vitest";
import { pythonFormat } from "./pyFormat";

/* Expected results are what CPython 3 does with `text.format(seg="[SEG]")`. */

const fmt = (text: string) => pythonFormat(text, { seg: "[SEG]" });

describe("pythonFormat", () => {
  it("replaces {seg} and keeps other text", () => {
    expect(fmt("a {seg} b {seg}.")).toMatchObject({ ok: true, output: "a [SEG] b [SEG]." });
    expect(fmt("no placeholder")).toMatchObject({ ok: true, output: "no placeholder" });
  });
  it("reads doubled braces as one literal brace", () => {
    expect(fmt("{{seg}} {seg}")).toMatchObject({ ok: true, output: "{seg} [SEG]" });
  });
  it("raises on a lone brace", () => {
    expect(fmt("a } b")).toMatchObject({ ok: false, error: "Single '}' encountered in format string" });
    expect(fmt("a { b")).toMatchObject({ ok: false, error: "expected '}' before end of string" });
    expect(fmt("{seg")).toMatchObject({ ok: false });
  });
  it("raises on positional and unknown fields", () => {
    expect(fmt("{}")).toMatchObject({ ok: false, error: expect.stringMatching(/^IndexError/) });
    expect(fmt("{0}")).toMatchObject({ ok: false, error: expect.stringMatching(/^IndexError/) });
    expect(fmt("{cold}")).toMatchObject({ ok: false, error: "KeyError: 'cold'" });
    expect(fmt("{ seg}")).toMatchObject({ ok: false });
  });
  it("applies conversions and str format specs as Python does", () => {
    expect(fmt("{seg!r}")).toMatchObject({ ok: true, output: "'[SEG]'" });
    expect(fmt("{seg:>7}")).toMatchObject({ ok: true, output: "  [SEG]" });
    expect(fmt("{seg:.2}")).toMatchObject({ ok: true, output: "[S" });
    expect(fmt("{seg!x}")).toMatchObject({ ok: false, error: "Unknown conversion specifier x" });
    expect(fmt("{seg:d}")).toMatchObject({ ok: false });
    expect(fmt("{seg:+}")).toMatchObject({ ok: false });
  });
  it("lists the fields for callers that want plain placeholders only", () => {
    const out = fmt("{seg} {seg:^9}");
    expect(out.ok && out.fields.map((f) => [f.argName, f.formatSpec])).toEqual([
      ["seg", null],
      ["seg", "^9"],
    ]);
  });
});

/*
 * Tables checked against CPython 3.11: `python3 -c 'print(repr(TEXT.format(seg="[SEG]")))'`
 * (and `type(e).__name__ + ": " + str(e)` for the errors, without the "ValueError: " prefix).
 */
describe("pythonFormat against CPython", () => {
  const outputs: [string, string][] = [
    ["x}}y", "x}y"],
    ["}}{{", "}{"],
    ["{{}}", "{}"],
    ["{{{seg}}}", "{[SEG]}"],
    ["a{seg}b{seg}c", "a[SEG]b[SEG]c"],
    ["{seg!s}", "[SEG]"],
    ["{seg!a}", "'[SEG]'"],
    ["x{seg!r}y{seg!s}z", "x'[SEG]'y[SEG]z"],
    ["{seg!r:>9}", "  '[SEG]'"],
    ["{seg!s:^9}", "  [SEG]  "],
    ["{seg!r:.2}", "'["],
    ["{seg:}", "[SEG]"],
    ["{seg:*^9}", "**[SEG]**"],
    ["{seg:*^8}", "*[SEG]**"],
    ["{seg:^8}", " [SEG]  "],
    ["{seg:^6}", "[SEG] "],
    ["{seg:<8}", "[SEG]   "],
    ["{seg:8}", "[SEG]   "],
    ["{seg:1}", "[SEG]"],
    ["{seg:>8.3}", "     [SE"],
    ["{seg:^10.1}", "    [     "],
    ["{seg:12.3s}", "[SE         "],
    ["{seg:.0}", ""],
    ["{seg:.10}", "[SEG]"],
    ["{seg:s}", "[SEG]"],
    ["{seg:10s}", "[SEG]     "],
    ["{seg:x<7}", "[SEG]xx"],
    ["{seg:=^9}", "==[SEG]=="],
    ["{seg:^^9}", "^^[SEG]^^"],
    ["{seg:[^9}", "[[[SEG][["],
    ["{seg:\n^9}", "\n\n[SEG]\n\n"],
    ["{seg:🙂^8}", "🙂[SEG]🙂🙂"],
    ["{seg:é>6}", "é[SEG]"],
    ["{seg:<}", "[SEG]"],
    ["{seg:<<}", "[SEG]"],
    ["{seg:>>5}", "[SEG]"],
    ["{seg:a<}", "[SEG]"],
    ["{seg:07}", "[SEG]00"],
    ["{seg:007}", "[SEG]00"],
    ["{seg:>07}", "00[SEG]"],
    ["{seg:^07}", "0[SEG]0"],
    ["{seg:0<7}", "[SEG]00"],
    ["{seg:x>07}", "xx[SEG]"],
    ["{seg:0}", "[SEG]"],
    ["{seg:00}", "[SEG]"],
  ];
  it.each(outputs)("formats %j as %j", (text, output) => {
    expect(fmt(text)).toEqual({ ok: true, output, fields: expect.any(Array) });
  });

  const errors: [string, string][] = [
    ["}", "Single '}' encountered in format string"],
    ["{seg}}", "Single '}' encountered in format string"],
    ["{seg:}>7}", "Single '}' encountered in format string"],
    ["{", "Single '{' encountered in format string"],
    ["ab{", "Single '{' encountered in format string"],
    ["{seg[}", "expected '}' before end of string"],
    ["{seg!", "end of string while looking for conversion specifier"],
    ["{seg!rr}", "expected ':' after conversion specifier"],
    ["{se{g}", "unexpected '{' in field name"],
    ["{seg[0]x}", "Only '.' or '[' may follow ']' in format field specifier"],
    ["{seg.}", "Empty attribute in format string"],
    ["{seg..a}", "Empty attribute in format string"],
    ["{seg[]}", "Empty attribute in format string"],
    ["{seg:{seg:{seg}}}", "Max string recursion exceeded"],
    ["{seg:{seg}}", "ValueError: Invalid format specifier '[SEG]' for object of type 'str'"],
    ["{seg:{{}}}", "ValueError: Invalid format specifier '{}' for object of type 'str'"],
    ["{seg:ab}", "ValueError: Invalid format specifier 'ab' for object of type 'str'"],
    ["{seg:ss}", "ValueError: Invalid format specifier 'ss' for object of type 'str'"],
    ["{seg:.2.2}", "ValueError: Invalid format specifier '.2.2' for object of type 'str'"],
    ["{seg:{w}}", "KeyError: 'w'"],
    ["{seg:>{a}}", "KeyError: 'a'"],
    ["{se}g}", "KeyError: 'se'"],
    ["{se}}g}", "KeyError: 'se'"],
    ["{ seg}", "KeyError: ' seg'"],
    ["{seg }", "KeyError: 'seg '"],
    ["{seg]}", "KeyError: 'seg]'"],
    ["{a b}", "KeyError: 'a b'"],
    ["{x-1}", "KeyError: 'x-1'"],
    ["{0seg}", "KeyError: '0seg'"],
    ["{_x}", "KeyError: '_x'"],
    ["{x1}", "KeyError: 'x1'"],
    ["{é}", "KeyError: 'é'"],
    ["{Σ}", "KeyError: 'Σ'"],
    ["{a.b}", "KeyError: 'a'"],
    ["{toString}", "KeyError: 'toString'"],
    ["{constructor}", "KeyError: 'constructor'"],
    ["{__proto__}", "KeyError: '__proto__'"],
    ["{}", "IndexError: Replacement index 0 out of range for positional args tuple"],
    ["{:}", "IndexError: Replacement index 0 out of range for positional args tuple"],
    ["{!r}", "IndexError: Replacement index 0 out of range for positional args tuple"],
    ["{1}", "IndexError: Replacement index 1 out of range for positional args tuple"],
    ["{1.x}", "IndexError: Replacement index 1 out of range for positional args tuple"],
    ["{00}", "IndexError: Replacement index 0 out of range for positional args tuple"],
    ["{007!r}", "IndexError: Replacement index 7 out of range for positional args tuple"],
    ["{seg:{}}", "IndexError: Replacement index 0 out of range for positional args tuple"],
    ["{seg!}", "unmatched '{' in format spec"],
    ["{seg!r", "unmatched '{' in format spec"],
    ["{seg!r:", "unmatched '{' in format spec"],
    ["{seg:{^9}", "unmatched '{' in format spec"],
    ["{seg:{{}", "unmatched '{' in format spec"],
    ["{seg:{!}}", "unmatched '{' in format spec"],
    ["{seg!}}", "Unknown conversion specifier }"],
    ["{seg!:}", "Unknown conversion specifier :"],
    ["{seg!🙂}", "Unknown conversion specifier \\x1f642"],
    ["{seg!x:{cold}}", "Unknown conversion specifier x"],
    ["{seg!r}}", "Single '}' encountered in format string"],
    ["{seg[0]", "expected '}' before end of string"],
    ["{seg:{seg!a}}", "ValueError: Invalid format specifier ''[SEG]'' for object of type 'str'"],
    // The first error of the text wins: fields are formatted as they are read.
    ["{cold} }", "KeyError: 'cold'"],
    ["{cold:{seg:{seg}}}", "KeyError: 'cold'"],
    ["{seg:{cold}!x}", "KeyError: 'cold'"],
    ["{cold!x}", "KeyError: 'cold'"],
    ["{1!x}", "IndexError: Replacement index 1 out of range for positional args tuple"],
    ["{a.}", "KeyError: 'a'"],
    ["{seg.[0]}", "Empty attribute in format string"],
    ["{seg:{a[}}", "expected '}' before end of string"],
    ["{seg:{seg}x}", "ValueError: Invalid format specifier '[SEG]x' for object of type 'str'"],
    ["{seg:{seg:>3}}", "ValueError: Invalid format specifier '[SEG]' for object of type 'str'"],
    ["{seg!\x80}", "Unknown conversion specifier \\x80"],
    ["{seg!\x7f}", "Unknown conversion specifier \\x7f"],
    ["{seg!\x01}", "Unknown conversion specifier \\x1"],
    ["{seg! }", "Unknown conversion specifier \\x20"],
    ["{seg!~}", "Unknown conversion specifier ~"],
    ["{seg!!}", "Unknown conversion specifier !"],
    // The key as Python's repr shows it.
    ["{it's}", `KeyError: "it's"`],
    ["{a\\b}", "KeyError: 'a\\\\b'"],
    ["{a\nb}", "KeyError: 'a\\nb'"],
    ["{é\x07}", "KeyError: 'é\\x07'"],
  ];
  it.each(errors)("raises on %j: %s", (text, error) => {
    expect(fmt(text)).toMatchObject({ ok: false, error });
  });

  // CPython raises here too, with another message (or, for accessors, returns a method or a
  // character, which no answer means): the check only needs "raises".
  it.each(["{seg:>+7}", "{seg:=7}", "{seg:,}", "{seg:#}", "{seg:.}", "{seg:5.}", "{seg:5x}", "{seg[:]}", "{seg[a]b}", "{seg[x}]}"])(
    "raises on %j",
    (text) => {
      expect(fmt(text).ok).toBe(false);
    },
  );

  it("names the accessor of a field that uses one", () => {
    expect(fmt("{seg.upper}")).toMatchObject({ ok: false, error: "accessor .upper on {seg} is not a placeholder" });
    expect(fmt("{seg[0]}")).toMatchObject({ ok: false, error: "accessor [0] on {seg} is not a placeholder" });
    expect(fmt("{seg[0]!r}")).toMatchObject({ ok: false, error: "accessor [0] on {seg} is not a placeholder" });
    expect(fmt("{seg.a[0]}")).toMatchObject({ ok: false, error: "accessor .a[0] on {seg} is not a placeholder" });
    expect(fmt("{seg[}]}")).toMatchObject({ ok: false, error: "accessor [}] on {seg} is not a placeholder" });
    expect(fmt("{seg[{]}")).toMatchObject({ ok: false, error: "accessor [{] on {seg} is not a placeholder" });
    expect(fmt("{seg.a b}")).toMatchObject({ ok: false, error: "accessor .a b on {seg} is not a placeholder" });
    expect(fmt("{seg[0][1]}")).toMatchObject({ ok: false, error: "accessor [0][1] on {seg} is not a placeholder" });
    expect(fmt("{seg[0].x}")).toMatchObject({ ok: false, error: "accessor [0].x on {seg} is not a placeholder" });
    expect(fmt("{seg.a.b}")).toMatchObject({ ok: false, error: "accessor .a.b on {seg} is not a placeholder" });
  });

  it("points at the character a parse error is about", () => {
    expect(fmt("a } b")).toMatchObject({ ok: false, at: 2 });
    expect(fmt("ab{")).toMatchObject({ ok: false, at: 2 });
    expect(fmt("x {seg")).toMatchObject({ ok: false, at: 2 });
    expect(fmt("x {cold}")).toMatchObject({ ok: false, at: 2 });
    expect(fmt("{seg:{cold}}")).toMatchObject({ ok: false, at: 5 });
    expect(fmt("x {seg:{{}")).toMatchObject({ ok: false, at: 2 });
    expect(fmt("x {seg:d}")).toMatchObject({ ok: false, at: 2 });
    expect(fmt("x {seg:{seg:{seg}}}")).toMatchObject({ ok: false, at: 12 });
    expect(fmt("x {seg}}")).toMatchObject({ ok: false, at: 7 });
    expect(fmt("x {seg!")).toMatchObject({ ok: false, at: 6 });
    expect(fmt("x {seg!x}")).toMatchObject({ ok: false, at: 7 });
    expect(fmt("x {seg!rr}")).toMatchObject({ ok: false, at: 8 });
    expect(fmt("x {se{g}")).toMatchObject({ ok: false, at: 5 });
    expect(fmt("x {seg[0}")).toMatchObject({ ok: false, at: 2 });
    expect(fmt("x {seg.}")).toMatchObject({ ok: false, at: 2 });
  });

  it("converts with repr and ascii as Python does", () => {
    // repr('it\'s "x" é\n\x07\x7f\x85\u2028') and ascii('é🙂\x07'), printed by CPython.
    expect(pythonFormat("{v!r}", { v: 'it\'s "x" é\n\x07\x7f\x85\u2028\t\r' })).toMatchObject({
      ok: true,
      output: String.raw`'it\'s "x" é\n\x07\x7f\x85\u2028\t\r'`,
    });
    expect(pythonFormat("{v!r}", { v: "it's" })).toMatchObject({ ok: true, output: `"it's"` });
    expect(pythonFormat("{v!r}", { v: "a\\b 🙂" })).toMatchObject({ ok: true, output: String.raw`'a\\b 🙂'` });
    expect(pythonFormat("{v!a}", { v: "\u0100\u{10000}\xff" })).toMatchObject({ ok: true, output: String.raw`'\u0100\U00010000\xff'` });
    expect(pythonFormat("{v!a}", { v: "é🙂\x07~" })).toMatchObject({ ok: true, output: String.raw`'\xe9\U0001f642\x07~'` });
  });

  it("formats with any keyword it is given, and only those", () => {
    expect(pythonFormat("{a}-{b:>3}", { a: "1", b: "2" })).toMatchObject({ ok: true, output: "1-  2" });
    expect(pythonFormat("{seg}", {})).toMatchObject({ ok: false, error: "KeyError: 'seg'" });
  });

  it("lists every field with its accessors, conversion and spec", () => {
    const out = fmt("a {seg!r:>9} b {seg} c {seg:{seg:}}");
    expect(out.ok).toBe(false);
    const ok = fmt("a {seg!r:>9} b {seg} {seg!s}");
    expect(ok).toEqual({
      ok: true,
      output: "a   '[SEG]' b [SEG] [SEG]",
      fields: [
        { argName: "seg", accessors: "", conversion: "r", formatSpec: ">9" },
        { argName: "seg", accessors: "", conversion: null, formatSpec: null },
        { argName: "seg", accessors: "", conversion: "s", formatSpec: null },
      ],
    });
  });
});
