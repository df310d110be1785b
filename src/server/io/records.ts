import { isUtf8 } from "node:buffer";
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { UserError } from "../errors";

/*
 * Streaming reader for MMR splits: yields the JSON text of each element of the top-level array.
 *
 * A train split is larger than the longest string V8 can hold, so the file is never parsed whole.
 * We scan the raw bytes for element boundaries (tracking nesting depth, strings and backslash
 * escapes) and decode only complete element slices, so multi-byte UTF-8 characters split across
 * read chunks are never cut. The caller JSON.parses each element (`parseRecordText`), which keeps
 * memory bounded by the largest record and speed close to JSON.parse itself.
 */

/** A split that cannot be read as a JSON array of records; names the file, byte and record. */
export class RecordReadError extends UserError {
  constructor(
    readonly file: string,
    readonly byteOffset: number,
    readonly recordIndex: number,
    detail: string,
  ) {
    super(`${file}: record ${recordIndex} (byte ${byteOffset}): ${detail}`);
    this.name = "RecordReadError";
  }
}

export interface RecordText {
  /** Position of the element in the top-level array, from 0. */
  index: number;
  /** The element's JSON text, exactly as in the file. */
  text: string;
  /** Byte offset of the element's first byte in the file. */
  byteOffset: number;
  /** The element's bytes (UTF-8 of `text`); may be a view into a larger read buffer. */
  bytes: Buffer;
}

/**
 * Size limits of one record, far above any real MMR record (the largest are a few MB): a record
 * over them is refused with one line naming it before it is parsed, so a hostile file cannot make
 * the reader, a worker or the main thread run out of memory.
 */
export const recordLimits = {
  /** Bytes of one record's JSON text. */
  maxRecordBytes: 64 * 1024 * 1024,
  /** Nesting depth of arrays and objects inside one record (a real one needs 5). */
  maxDepth: 128,
  /** Characters of any one string of a record (a question, an answer, an RLE string…). */
  maxStringChars: 4 * 1024 * 1024,
};

function megabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(bytes < 1024 * 1024 ? 2 : 0)} MB`;
}

/**
 * Throws a one-line UserError (`<label>: questions[3] is a string of 40 MB…`) when a string of the
 * parsed record is longer than `maxStringChars`. Iterative, so any nesting is fine.
 */
export function checkStringSizes(value: unknown, label: string, maxChars = recordLimits.maxStringChars): void {
  if (!hasLongString(value, maxChars)) return;
  // Rare: walk again, this time keeping paths, to name the string.
  const stack: [unknown, string][] = [[value, ""]];
  while (stack.length > 0) {
    const [v, path] = stack.pop()!;
    if (typeof v === "string") {
      if (v.length > maxChars) {
        throw new UserError(`${label}: ${path || "the record"} is a string of ${v.length} characters, over the limit of ${maxChars}`);
      }
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${path}[${i}]`]);
    } else if (v !== null && typeof v === "object") {
      for (const [key, child] of Object.entries(v)) {
        if (key.length > maxChars) throw new UserError(`${label}: ${path || "the record"} has a key of ${key.length} characters, over the limit of ${maxChars}`);
        stack.push([child, path ? `${path}.${key}` : key]);
      }
    }
  }
}

/** Whether any string in `value` is longer than `maxChars`; allocation-light (numbers are skipped). */
function hasLongString(value: unknown, maxChars: number): boolean {
  const stack: unknown[] = [value];
  while (stack.length > 0) {
    const v = stack.pop();
    if (typeof v === "string") {
      if (v.length > maxChars) return true;
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) {
        const child: unknown = v[i];
        if (typeof child === "object" || typeof child === "string") stack.push(child);
      }
    } else if (v !== null && typeof v === "object") {
      for (const key in v) {
        if (key.length > maxChars) return true;
        stack.push((v as Record<string, unknown>)[key]);
      }
    }
  }
  return false;
}

export interface ReadRecordsOptions {
  onProgress?(bytesRead: number, totalBytes: number): void;
  /** Overrides `recordLimits.maxRecordBytes` (tests). */
  maxRecordBytes?: number;
  /** Read size in bytes; tests use tiny values to split elements and characters across chunks. */
  chunkSize?: number;
  /**
   * Called once when the file starts with a UTF-8 byte order mark. It is skipped (never written
   * back), but Python's `json.load` fails on it, so lint warns.
   */
  onByteOrderMark?(): void;
}

/** Offset of the first byte of `buf` that is not part of a well-formed UTF-8 sequence, or -1. */
export function firstInvalidUtf8(buf: Uint8Array): number {
  let i = 0;
  while (i < buf.length) {
    const c = buf[i]!;
    if (c < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    if (c >= 0xc2 && c <= 0xdf) [need, min] = [1, 0x80];
    else if (c >= 0xe0 && c <= 0xef) [need, min] = [2, 0x800];
    else if (c >= 0xf0 && c <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    let cp = c & (0x3f >> need);
    for (let k = 1; k <= need; k++) {
      const d = buf[i + k];
      if (d === undefined || (d & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (d & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const COMMA = 0x2c;
const OPEN_BRACE = 0x7b;
const CLOSE_BRACE = 0x7d;
const OPEN_BRACKET = 0x5b;
const CLOSE_BRACKET = 0x5d;

function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/** Where the scanner is between elements. */
const enum Phase {
  /** Before the opening `[` (a UTF-8 byte order mark is tolerated). */
  Start,
  /** After `[`: an element or `]` (empty array). */
  FirstElement,
  /** After `,`: an element must follow. */
  NextElement,
  /** Inside an element. */
  Element,
  /** After an element: `,` or `]`. */
  AfterElement,
  /** After the closing `]`: only whitespace. */
  End,
}

function describeByte(c: number): string {
  return c >= 0x20 && c < 0x7f ? `'${String.fromCharCode(c)}'` : `byte 0x${c.toString(16).padStart(2, "0")}`;
}

export async function* readRecords(
  file: string,
  opts: ReadRecordsOptions = {},
): AsyncGenerator<RecordText> {
  const totalBytes = (await stat(file)).size;
  const stream = createReadStream(file, { highWaterMark: opts.chunkSize ?? 4 * 1024 * 1024 });

  let phase: Phase = Phase.Start;
  let index = 0;
  let chunkOffset = 0; // file offset of the current chunk's first byte
  // Element state, kept across chunks.
  let elementStart = 0; // file offset
  let parts: Buffer[] = []; // bytes of the current element from earlier chunks
  let depth = 0;
  let inString = false;
  let escapePending = false; // the previous chunk ended on an unpaired backslash inside a string
  let bomBytes = 0; // bytes of a byte order mark seen at the start (EF BB BF)

  const fail = (offset: number, detail: string): never => {
    throw new RecordReadError(file, offset, index, detail);
  };
  const maxRecordBytes = opts.maxRecordBytes ?? recordLimits.maxRecordBytes;
  const maxDepth = recordLimits.maxDepth;
  const tooLarge = (): never => {
    throw new RecordReadError(file, elementStart, index, `the record is larger than the limit of ${megabytes(maxRecordBytes)}`);
  };

  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      const n = chunk.length;
      let i = 0;

      while (i < n) {
        if (phase === Phase.Element) {
          // Tight scan for the element's end; `end` is set (exclusive) when found in this chunk.
          let end = -1;
          if (inString) {
            if (escapePending) {
              escapePending = false;
              i++;
            }
            const close = findStringEnd(chunk, i);
            if (close < 0) {
              escapePending = trailingEscape(chunk, i);
              i = n;
              break;
            }
            inString = false;
            i = close + 1;
            if (depth === 0) end = i;
          }
          while (end < 0 && i < n) {
            const c = chunk[i]!;
            if (c === QUOTE) {
              const close = findStringEnd(chunk, i + 1);
              if (close < 0) {
                inString = true;
                escapePending = trailingEscape(chunk, i + 1);
                i = n;
                break;
              }
              i = close + 1;
              if (depth === 0) end = i; // a bare string element
            } else if (c === OPEN_BRACE || c === OPEN_BRACKET) {
              if (++depth > maxDepth) fail(chunkOffset + i, `the record nests arrays and objects deeper than ${maxDepth} levels`);
              i++;
            } else if (c === CLOSE_BRACE || c === CLOSE_BRACKET) {
              if (depth === 0) {
                end = i; // ends a scalar element; the bracket belongs to the array
              } else {
                i++;
                if (--depth === 0) end = i;
              }
            } else if (depth === 0 && (c === COMMA || isSpace(c))) {
              end = i; // ends a scalar element
            } else {
              i++;
            }
          }
          if (end < 0) continue; // element goes on in the next chunk
          if (chunkOffset + end - elementStart > maxRecordBytes) tooLarge();
          const startInChunk = Math.max(0, elementStart - chunkOffset);
          let bytes: Buffer;
          if (parts.length === 0) {
            bytes = chunk.subarray(startInChunk, end);
          } else {
            parts.push(chunk.subarray(0, end));
            bytes = Buffer.concat(parts);
            parts = [];
          }
          // Decoding would turn invalid bytes into U+FFFD silently: refuse them instead.
          if (!isUtf8(bytes)) {
            const bad = firstInvalidUtf8(bytes);
            const at = elementStart + Math.max(0, bad);
            fail(at, `invalid UTF-8 (byte 0x${(bytes[Math.max(0, bad)] ?? 0).toString(16).padStart(2, "0")} at byte ${at} starts no valid character); fix the file's encoding`);
          }
          const text = bytes.toString("utf8");
          yield { index, text, byteOffset: elementStart, bytes };
          index++;
          phase = Phase.AfterElement;
          i = end;
          continue;
        }

        const c = chunk[i]!;
        if (isSpace(c)) {
          i++;
          continue;
        }
        const at = chunkOffset + i;
        switch (phase) {
          case Phase.Start:
            if (at === bomBytes && at < 3 && (at === 0 ? c === 0xef : bomBytes > 0)) {
              if (c !== [0xef, 0xbb, 0xbf][at]) fail(at, `invalid UTF-8 (a byte order mark cut short at byte ${at})`);
              bomBytes++;
              if (bomBytes === 3) opts.onByteOrderMark?.();
              i++;
              continue;
            }
            if (bomBytes > 0 && bomBytes < 3) fail(at, `invalid UTF-8 (a byte order mark cut short at byte ${at})`);
            if (c !== OPEN_BRACKET) fail(at, `expected the file to be a JSON array ('['), found ${describeByte(c)}`);
            phase = Phase.FirstElement;
            i++;
            break;
          case Phase.FirstElement:
          case Phase.NextElement:
            if (c === CLOSE_BRACKET) {
              if (phase === Phase.NextElement) fail(at, "trailing ',' before the closing ']'");
              phase = Phase.End;
              i++;
              break;
            }
            if (c === COMMA || c === CLOSE_BRACE) fail(at, `expected a record, found ${describeByte(c)}`);
            phase = Phase.Element;
            elementStart = at;
            depth = 0;
            inString = false;
            escapePending = false;
            break; // the element scanner starts at this byte
          case Phase.AfterElement:
            if (c === COMMA) phase = Phase.NextElement;
            else if (c === CLOSE_BRACKET) phase = Phase.End;
            else fail(at, `expected ',' or ']' after record ${index - 1}, found ${describeByte(c)}`);
            i++;
            break;
          case Phase.End:
            fail(at, `unexpected ${describeByte(c)} after the closing ']'`);
        }
      }

      if (phase === Phase.Element) {
        if (chunkOffset + n - elementStart > maxRecordBytes) tooLarge();
        // Keep the element's bytes of this chunk; a fresh Buffer comes with every read, so no copy.
        parts.push(chunk.subarray(Math.max(0, elementStart - chunkOffset)));
      }
      chunkOffset += n;
      opts.onProgress?.(chunkOffset, totalBytes);
    }
  } finally {
    stream.destroy();
  }

  switch (phase) {
    case Phase.Start:
      fail(chunkOffset, "the file is empty; expected a JSON array");
      break;
    case Phase.Element:
      // A scalar element may legally end at EOF only if the array were closed, which it is not.
      throw new RecordReadError(file, elementStart, index, "the file ends inside this record (truncated?)");
    case Phase.FirstElement:
    case Phase.NextElement:
    case Phase.AfterElement:
      fail(chunkOffset, "the file ends before the closing ']' (truncated?)");
      break;
    case Phase.End:
      break;
  }
}

/**
 * Index of the quote closing a string whose content starts at `from`, or -1 when the string goes
 * on past the chunk. `from` is never inside an escape sequence, so the parity of the backslash run
 * right before a quote tells whether that quote is escaped.
 */
function findStringEnd(buf: Buffer, from: number): number {
  let q = buf.indexOf(QUOTE, from);
  while (q >= 0) {
    let k = q - 1;
    while (k >= from && buf[k] === BACKSLASH) k--;
    if ((q - 1 - k) % 2 === 0) return q;
    q = buf.indexOf(QUOTE, q + 1);
  }
  return -1;
}

/** Whether the chunk ends on an unpaired backslash, escaping the first byte of the next chunk. */
function trailingEscape(buf: Buffer, from: number): boolean {
  let k = buf.length - 1;
  while (k >= from && buf[k] === BACKSLASH) k--;
  return (buf.length - 1 - k) % 2 === 1;
}

/**
 * JSON.parse one element from `readRecords`; a syntax error becomes a RecordReadError naming the
 * file, the record and the byte offset of the fault (`byteOffset` is the element's own offset).
 */
export function parseRecordText(text: string, file: string, index: number, byteOffset = 0): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    if (!(error instanceof SyntaxError)) throw error;
    const match = /position (\d+)/.exec(error.message);
    const charPos = match ? Number(match[1]) : text.length;
    const at = byteOffset + Buffer.byteLength(text.slice(0, charPos), "utf8");
    const reason = error.message.replace(/\s*in JSON at position \d+.*$/, "").replace(/^Unexpected end of JSON input$/, "unexpected end of record");
    throw new RecordReadError(file, at, index, `malformed JSON: ${reason}`);
  }
}
