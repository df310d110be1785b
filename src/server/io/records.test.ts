import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseRecordText, readRecords, RecordReadError, type ReadRecordsOptions } from "./records";

const dir = mkdtempSync(join(tmpdir(), "records-test-"));
let fileCount = 0;

function fileWith(content: string | Buffer): string {
  const file = join(dir, `split-${fileCount++}.json`);
  writeFileSync(file, content);
  return file;
}

async function readAll(file: string, opts?: ReadRecordsOptions) {
  const out: { index: number; text: string; byteOffset: number }[] = [];
  for await (const record of readRecords(file, opts)) out.push(record);
  return out;
}

async function readError(file: string, opts?: ReadRecordsOptions): Promise<RecordReadError> {
  try {
    await readAll(file, opts);
  } catch (error) {
    if (error instanceof RecordReadError) return error;
    throw error;
  }
  throw new Error("expected a RecordReadError");
}

/** Every chunk size from 1 byte up, so each element, escape and character gets split somewhere. */
const chunkSizes = [1, 2, 3, 5, 7, 16, 64, 4096];

const tricky = [
  { file_name: "a].jpg", q: ["what } is ] here?", "a \"quoted\" word"], nested: [[1, [2, {}]], { x: [] }] },
  { counts: "PQ\\\\`0\\\\1O\\", slash: "\\", quoteAfterSlashes: "\\\\\"", empty: "" },
  { text: "héllo wörld ✓ 日本語 😀 — {seg}", path: "train2017/000000123456.jpg" },
  [],
  {},
];

describe("readRecords", () => {
  it("yields the text of each top-level element, for any chunk size", async () => {
    const json = JSON.stringify(tricky, null, 2);
    const file = fileWith(json);
    for (const chunkSize of chunkSizes) {
      const records = await readAll(file, { chunkSize });
      expect(records.map((r) => JSON.parse(r.text))).toEqual(tricky);
      expect(records.map((r) => r.index)).toEqual([0, 1, 2, 3, 4]);
    }
  });

  it("reports each element's byte offset, counting multi-byte characters as bytes", async () => {
    const json = `[ {"a":"😀"},\n{"b":"é"} , 3 ]`;
    const bytes = Buffer.from(json);
    const records = await readAll(fileWith(json), { chunkSize: 3 });
    for (const record of records) {
      const expected = bytes.subarray(record.byteOffset, record.byteOffset + Buffer.byteLength(record.text)).toString();
      expect(record.text).toBe(expected);
    }
    expect(records.map((r) => r.text)).toEqual([`{"a":"😀"}`, `{"b":"é"}`, "3"]);
  });

  it("reads scalars and bare strings as elements", async () => {
    const json = `[1,-2.5e3 ,true,null,"x]\\"y",  "z"]`;
    for (const chunkSize of chunkSizes) {
      const records = await readAll(fileWith(json), { chunkSize });
      expect(records.map((r) => JSON.parse(r.text))).toEqual([1, -2500, true, null, 'x]"y', "z"]);
    }
  });

  it("reads an empty array and tolerates whitespace everywhere", async () => {
    expect(await readAll(fileWith("[]"))).toEqual([]);
    expect(await readAll(fileWith(" \n\t[ \r\n ]\n\n"))).toEqual([]);
    const records = await readAll(fileWith("\r\n[\n\t{ \"a\" : 1 }\r\n,\n{\"b\":2}\t]\n"), { chunkSize: 2 });
    expect(records.map((r) => JSON.parse(r.text))).toEqual([{ a: 1 }, { b: 2 }]);
  });

  it("skips a UTF-8 byte order mark and says it saw one", async () => {
    const file = fileWith(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('[{"a":1}]')]));
    for (const chunkSize of [1, 2, 4096]) {
      let seen = 0;
      expect((await readAll(file, { chunkSize, onByteOrderMark: () => seen++ })).map((r) => r.text)).toEqual(['{"a":1}']);
      expect(seen).toBe(1);
    }
    let none = 0;
    await readAll(fileWith('[{"a":1}]'), { onByteOrderMark: () => none++ });
    expect(none).toBe(0);
  });

  it("refuses a byte order mark cut short", async () => {
    const error = await readError(fileWith(Buffer.concat([Buffer.from([0xef, 0xbb]), Buffer.from('[{"a":1}]')])));
    expect(error.message).toMatch(/invalid UTF-8 \(a byte order mark cut short at byte 2\)/);
  });

  it("refuses invalid UTF-8 inside a string, naming the file and the byte offset", async () => {
    const head = Buffer.from('[{"a":1},\n{"q":"caf');
    const file = fileWith(Buffer.concat([head, Buffer.from([0xe9]), Buffer.from('"}]')]));
    for (const chunkSize of [1, 3, 4096]) {
      const error = await readError(file, { chunkSize });
      expect(error.message).toBe(`${file}: record 1 (byte ${head.length}): invalid UTF-8 (byte 0xe9 at byte ${head.length} starts no valid character); fix the file's encoding`);
      expect(error.message.split("\n")).toHaveLength(1);
    }
  });

  it.each([
    ["an overlong encoding", [0xc0, 0xaf]],
    ["a surrogate", [0xed, 0xa0, 0x80]],
    ["a lone continuation byte", [0x80]],
    ["a truncated sequence", [0xe2, 0x82]],
  ])("refuses %s", async (_name, bytes) => {
    const file = fileWith(Buffer.concat([Buffer.from('[{"q":"'), Buffer.from(bytes), Buffer.from('"}]')]));
    expect((await readError(file)).message).toMatch(/byte 7\): invalid UTF-8/);
  });

  it("reads every valid multi-byte character", async () => {
    const file = fileWith(JSON.stringify([{ q: "é ✓ 日本語 😀 \u{10ffff}" }]));
    expect((await readAll(file, { chunkSize: 1 })).map((r) => JSON.parse(r.text) as unknown)).toEqual([{ q: "é ✓ 日本語 😀 \u{10ffff}" }]);
  });

  it("handles backslash runs at every chunk boundary", async () => {
    // Strings of 0..6 backslashes followed by a quote, an escaped quote, or the string's end.
    const values = Array.from({ length: 7 }, (_, k) => ({ s: "\\".repeat(k), t: `${"\\".repeat(k)}"]}`, u: "\\".repeat(k) + "x" }));
    const file = fileWith(JSON.stringify(values));
    for (const chunkSize of chunkSizes) {
      const records = await readAll(file, { chunkSize });
      expect(records.map((r) => JSON.parse(r.text))).toEqual(values);
    }
  });

  it("reports progress up to the file size", async () => {
    const json = JSON.stringify(tricky);
    const seen: [number, number][] = [];
    await readAll(fileWith(json), { chunkSize: 10, onProgress: (read, total) => seen.push([read, total]) });
    const size = Buffer.byteLength(json);
    expect(seen.at(-1)).toEqual([size, size]);
    expect(seen.every(([read], k) => k === 0 || read > seen[k - 1]![0])).toBe(true);
  });
});

describe("readRecords errors", () => {
  it("refuses a file that is not a JSON array", async () => {
    const error = await readError(fileWith('  {"a": 1}'));
    expect(error).toMatchObject({ byteOffset: 2, recordIndex: 0 });
    expect(error.message).toContain("JSON array");
    expect(error.file).toMatch(/split-\d+\.json$/);
  });

  it("refuses an empty file", async () => {
    expect((await readError(fileWith(""))).message).toContain("empty");
    expect((await readError(fileWith("  \n"))).message).toContain("empty");
  });

  it("refuses a file truncated inside a record", async () => {
    const json = '[{"a":1},\n{"b":"x\\"y", "c": [1,2';
    for (const chunkSize of chunkSizes) {
      const error = await readError(fileWith(json), { chunkSize });
      expect(error).toMatchObject({ recordIndex: 1, byteOffset: 10 });
      expect(error.message).toContain("truncated");
    }
    expect(await readError(fileWith('[{"a":"unterminated'))).toMatchObject({ recordIndex: 0, byteOffset: 1 });
  });

  it("refuses a file with no closing bracket", async () => {
    for (const json of ["[", '[{"a":1}', '[{"a":1},', '[{"a":1} \n']) {
      const error = await readError(fileWith(json));
      expect(error.message).toContain("closing ']'");
      expect(error.byteOffset).toBe(Buffer.byteLength(json));
    }
  });

  it("refuses garbage between records", async () => {
    const error = await readError(fileWith('[{"a":1} x {"b":2}]'));
    expect(error).toMatchObject({ byteOffset: 9, recordIndex: 1 });
    expect(error.message).toContain("expected ',' or ']'");
    expect(await readError(fileWith('[{"a":1}{"b":2}]'))).toMatchObject({ byteOffset: 8 });
    expect(await readError(fileWith('[{"a":1},,{"b":2}]'))).toMatchObject({ byteOffset: 9, recordIndex: 1 });
    expect(await readError(fileWith('[{"a":1},]'))).toMatchObject({ byteOffset: 9, recordIndex: 1 });
    expect(await readError(fileWith("[,]"))).toMatchObject({ byteOffset: 1, recordIndex: 0 });
  });

  it("refuses trailing garbage after the closing bracket", async () => {
    const error = await readError(fileWith('[{"a":1}]\n]'));
    expect(error).toMatchObject({ byteOffset: 10, recordIndex: 1 });
    expect(error.message).toContain("after the closing ']'");
    expect(await readError(fileWith("[] []"))).toMatchObject({ byteOffset: 3 });
  });

  it("carries a one-line message naming file, record and byte", async () => {
    const error = await readError(fileWith('[{"a":1} x]'));
    expect(error.message).not.toContain("\n");
    expect(error.message).toMatch(/split-\d+\.json: record 1 \(byte 9\)/);
  });
});

describe("parseRecordText", () => {
  it("parses a record", () => {
    expect(parseRecordText('{"a":[1,"é"]}', "f.json", 0)).toEqual({ a: [1, "é"] });
  });

  it("names file, record and the byte offset of a syntax error", () => {
    const text = '{"é": 1,}';
    let caught: unknown;
    try {
      parseRecordText(text, "f.json", 7, 1000);
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(RecordReadError);
    const error = caught as RecordReadError;
    // The fault is at character 8 ('}'), which is byte 9 because 'é' takes two bytes.
    expect(error).toMatchObject({ file: "f.json", recordIndex: 7, byteOffset: 1009 });
    expect(error.message).toMatch(/^f\.json: record 7 \(byte 1009\): malformed JSON/);
  });

  it("reports an element cut short", () => {
    expect(() => parseRecordText('{"a":', "f.json", 2, 50)).toThrow(/record 2 \(byte 55\): malformed JSON: unexpected end/);
  });
});
