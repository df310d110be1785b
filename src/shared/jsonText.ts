/*
 * Spans of JSON values inside a text, found without building values: what lets export write a
 * record by splicing the original text, so every value nobody changed keeps its bytes (integers
 * above 2^53, `1.0`, escapes and all). The text is assumed to be valid JSON (records passed
 * JSON.parse at import); on anything else these throw a SyntaxError rather than guess.
 */

export interface Span {
  start: number;
  /** Exclusive. */
  end: number;
}

export interface Member {
  key: string;
  value: Span;
}

function skipSpace(text: string, i: number): number {
  for (;;) {
    const c = text.charCodeAt(i);
    if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
    else return i;
  }
}

function fail(at: number, what: string): never {
  throw new SyntaxError(`JSON text: ${what} at ${at}`);
}

/** Index just past the string whose opening quote is at `i`. */
function skipString(text: string, i: number): number {
  let j = i + 1;
  for (;;) {
    const q = text.indexOf('"', j);
    if (q < 0) fail(i, "unterminated string");
    let k = q - 1;
    while (text.charCodeAt(k) === 0x5c) k--;
    if ((q - 1 - k) % 2 === 0) return q + 1;
    j = q + 1;
  }
}

/** The span of the value starting at or after `i` (leading whitespace skipped). */
export function valueSpan(text: string, i: number): Span {
  const start = skipSpace(text, i);
  const c = text[start];
  if (c === '"') return { start, end: skipString(text, start) };
  if (c === "{" || c === "[") {
    let depth = 0;
    let j = start;
    while (j < text.length) {
      const d = text[j];
      if (d === '"') {
        j = skipString(text, j);
        continue;
      }
      if (d === "{" || d === "[") depth++;
      else if (d === "}" || d === "]") {
        depth--;
        if (depth === 0) return { start, end: j + 1 };
      }
      j++;
    }
    fail(start, "unterminated value");
  }
  let j = start;
  while (j < text.length && !/[\s,\]}]/.test(text[j]!)) j++;
  if (j === start) fail(start, "value expected");
  return { start, end: j };
}

/** The members of the object whose span is given, in order, keys decoded. */
export function objectMembers(text: string, span: Span): Member[] {
  if (text[span.start] !== "{") fail(span.start, "object expected");
  const out: Member[] = [];
  let i = skipSpace(text, span.start + 1);
  if (text[i] === "}") return out;
  for (;;) {
    if (text[i] !== '"') fail(i, "key expected");
    const keyEnd = skipString(text, i);
    const key = JSON.parse(text.slice(i, keyEnd)) as string;
    i = skipSpace(text, keyEnd);
    if (text[i] !== ":") fail(i, "':' expected");
    const value = valueSpan(text, i + 1);
    out.push({ key, value });
    i = skipSpace(text, value.end);
    if (text[i] === ",") {
      i = skipSpace(text, i + 1);
      continue;
    }
    if (text[i] === "}") return out;
    fail(i, "',' or '}' expected");
  }
}

/** The element spans of the array whose span is given. */
export function arrayItems(text: string, span: Span): Span[] {
  if (text[span.start] !== "[") fail(span.start, "array expected");
  const out: Span[] = [];
  let i = skipSpace(text, span.start + 1);
  if (text[i] === "]") return out;
  for (;;) {
    const value = valueSpan(text, i);
    out.push(value);
    i = skipSpace(text, value.end);
    if (text[i] === ",") {
      i = i + 1;
      continue;
    }
    if (text[i] === "]") return out;
    fail(i, "',' or ']' expected");
  }
}

/** The whole text's top-level value. */
export function rootSpan(text: string): Span {
  return valueSpan(text, 0);
}

/** `text` with each span replaced by its text; spans must not overlap. */
export function splice(text: string, replacements: readonly { span: Span; text: string }[]): string {
  const sorted = [...replacements].sort((a, b) => a.span.start - b.span.start);
  let out = "";
  let at = 0;
  for (const r of sorted) {
    out += text.slice(at, r.span.start) + r.text;
    at = r.span.end;
  }
  return out + text.slice(at);
}

/** A JSON array written from element texts, with the separator Python's `json.dump` uses. */
export function arrayText(items: readonly string[]): string {
  return `[${items.join(", ")}]`;
}
