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
