/*
 * Python's `str.format` as the MMR training loader calls it (`text_answer.format(seg="[SEG]")`),
 * written from the documented format-string grammar (Python docs, "Format String Syntax"):
 *
 *   replacement_field ::= "{" [field_name] ["!" conversion] [":" format_spec] "}"
 *   field_name        ::= arg_name ("." attribute_name | "[" element_index "]")*
 *   arg_name          ::= [identifier | digit+]
 *   conversion        ::= "r" | "s" | "a"
 *
 * Literal text may hold `{{` and `}}` (one brace each); any other lone `}` is "Single '}'
 * encountered", a `{` without its `}` is "expected '}' before end of string". A format spec may
 * hold one level of nested replacement fields. With only the keyword `seg` given, an empty or
 * numeric arg_name raises IndexError and any other name KeyError.
 */

export interface FormatField {
  argName: string;
  /** `.name` / `[index]` accessors after the argument name, as written. */
  accessors: string;
  conversion: string | null;
  formatSpec: string | null;
}

export type FormatResult =
  | { ok: true; output: string; fields: FormatField[] }
  | { ok: false; error: string; at: number };

const IDENTIFIER = /^[A-Za-z_\p{L}][\w\p{L}\p{N}]*$/u;
// [[fill]align][sign]["z"]["#"]["0"][width][grouping]["." precision][type], for a str argument.
const STR_SPEC = /^(?:(?:[\s\S])?[<>^])?(?:\d+)?(?:\.\d+)?s?$/;

interface Parsed {
  fields: { field: FormatField; nested: Parsed | null }[];
  /** Literal pieces between fields: literals[k] precedes fields[k]. */
  literals: string[];
}

class FormatError extends Error {
  constructor(
    message: string,
    readonly at: number,
  ) {
    super(message);
  }
}

function parse(text: string, depth: number): Parsed {
  const fields: Parsed["fields"] = [];
  const literals: string[] = [];
  let literal = "";
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    if (c === "}") {
      if (text[i + 1] === "}") {
        literal += "}";
        i += 2;
        continue;
      }
      throw new FormatError("Single '}' encountered in format string", i);
    }
    if (c !== "{") {
      literal += c;
      i++;
      continue;
    }
    if (text[i + 1] === "{") {
      literal += "{";
      i += 2;
      continue;
    }
    // A replacement field: find its closing brace, counting nested braces (format specs nest).
    let level = 1;
    let j = i + 1;
    let inIndex = false;
    for (; j < text.length; j++) {
      const d = text[j]!;
      if (inIndex) {
        if (d === "]") inIndex = false;
        continue;
      }
      if (d === "[") inIndex = true;
      else if (d === "{") level++;
      else if (d === "}" && --level === 0) break;
    }
    if (j >= text.length) throw new FormatError("expected '}' before end of string", i);
    const body = text.slice(i + 1, j);
    literals.push(literal);
    literal = "";
    fields.push(parseField(body, i + 1, depth));
    i = j + 1;
  }
  literals.push(literal);
  return { fields, literals };
}

function parseField(body: string, at: number, depth: number): Parsed["fields"][number] {
  if (depth > 1) throw new FormatError("Max string recursion exceeded", at);
  // field_name runs up to the first '!' or ':' outside an [index].
  let k = 0;
  let inIndex = false;
  for (; k < body.length; k++) {
    const d = body[k]!;
    if (inIndex) {
      if (d === "]") inIndex = false;
    } else if (d === "[") inIndex = true;
    else if (d === "!" || d === ":") break;
    else if (d === "{" || d === "}") throw new FormatError("unexpected '{' in field name", at + k);
  }
  if (inIndex) throw new FormatError("Missing ']' in format string", at + k);
  const fieldName = body.slice(0, k);
  let conversion: string | null = null;
  let rest = body.slice(k);
  if (rest.startsWith("!")) {
    conversion = rest.slice(1, 2);
    if (rest.length < 2) throw new FormatError("end of string while looking for conversion specifier", at + k);
    rest = rest.slice(2);
    if (rest !== "" && !rest.startsWith(":")) throw new FormatError("expected ':' after conversion specifier", at + k + 2);
    if (!["r", "s", "a"].includes(conversion)) throw new FormatError(`Unknown conversion specifier ${conversion}`, at + k + 1);
  }
  let formatSpec: string | null = null;
  let nested: Parsed | null = null;
  if (rest.startsWith(":")) {
    formatSpec = rest.slice(1);
    nested = parse(formatSpec, depth + 1);
  }
  const split = /^([^.[]*)([\s\S]*)$/.exec(fieldName)!;
  const argName = split[1]!;
  const accessors = split[2]!;
  if (accessors !== "" && !/^(?:\.[^.[]+|\[[^\]]+\])+$/.test(accessors)) {
    throw new FormatError(accessors.startsWith(".") ? "Empty attribute in format string" : "Only '.' or '[' may follow ']' in format field specifier", at);
  }
  return { field: { argName, accessors, conversion, formatSpec }, nested };
}

function render(parsed: Parsed, kwargs: Readonly<Record<string, string>>, at: number): string {
  let out = "";
  parsed.fields.forEach(({ field, nested }, k) => {
    out += parsed.literals[k]!;
    const { argName } = field;
    if (argName === "" || /^\d+$/.test(argName)) {
      throw new FormatError(`IndexError: Replacement index ${argName === "" ? 0 : argName} out of range for positional args tuple`, at);
    }
    if (!IDENTIFIER.test(argName) || !Object.prototype.hasOwnProperty.call(kwargs, argName)) {
      throw new FormatError(`KeyError: '${argName}'`, at);
    }
    let value = kwargs[argName]!;
    if (field.accessors !== "") {
      // Attributes of a str are methods and indexing picks characters: possible, but never what an
      // answer means. Reported as an error so the check stays strict.
      throw new FormatError(`accessor ${field.accessors} on {${argName}} is not a placeholder`, at);
    }
    if (field.conversion === "r" || field.conversion === "a") value = `'${value}'`;
    if (nested) {
      const spec = render(nested, kwargs, at);
      value = applyStrSpec(value, spec, at);
    }
    out += value;
  });
  return out + parsed.literals[parsed.literals.length - 1]!;
}

function applyStrSpec(value: string, spec: string, at: number): string {
  if (spec === "") return value;
  if (!STR_SPEC.test(spec)) throw new FormatError(`ValueError: Invalid format specifier '${spec}' for object of type 'str'`, at);
  const m = /^(?:([\s\S])?([<>^]))?(\d+)?(?:\.(\d+))?s?$/.exec(spec)!;
  const fill = m[1] ?? " ";
  const align = m[2] ?? "<";
  const width = m[3] ? Number(m[3]) : 0;
  const text = m[4] !== undefined ? [...value].slice(0, Number(m[4])).join("") : value;
  const pad = Math.max(0, width - [...text].length);
  if (align === ">") return fill.repeat(pad) + text;
  if (align === "^") return fill.repeat(Math.floor(pad / 2)) + text + fill.repeat(pad - Math.floor(pad / 2));
  return text + fill.repeat(pad);
}

/** `text.format(**kwargs)` with string keyword arguments, or the error Python would raise. */
export function pythonFormat(text: string, kwargs: Readonly<Record<string, string>>): FormatResult {
  try {
    const parsed = parse(text, 0);
    const output = render(parsed, kwargs, 0);
    return { ok: true, output, fields: parsed.fields.map((f) => f.field) };
  } catch (error) {
    if (error instanceof FormatError) return { ok: false, error: error.message, at: error.at };
    throw error;
  }
}
