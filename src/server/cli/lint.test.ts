import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ann, makeRecord } from "../../shared/testRecord";

const bin = resolve(import.meta.dirname, "../../../bin/mmr-review.mjs");
let dir = "";

function lint(...args: string[]) {
  const result = spawnSync(process.execPath, [bin, "lint", ...args], { encoding: "utf8", timeout: 60_000 });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

function write(name: string, content: unknown): string {
  const file = join(dir, name);
  writeFileSync(file, typeof content === "string" ? content : JSON.stringify(content));
  return file;
}

const chair = ann("chair", [0, 0, 20, 30]);
const mug = ann("mug", [40, 0, 10, 10]);
const handle = ann("mug:handle", [48, 2, 2, 5]);

const clean = makeRecord([chair, mug, handle], [
  { question: "What could I rest on?", text: "The chair_1 {seg}.", targets: [chair] },
  { question: "What would you hold it by?", text: "mug_1's handle {seg} of mug_1 {seg}", targets: [handle, mug] },
]);

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), "mmr-lint-"));
  mkdirSync(join(dir, "images", "val2017"), { recursive: true });
  writeFileSync(join(dir, "images", clean.file_name), "jpeg");
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("mmr-review lint", () => {
  it("exits 0 on a clean split and lists every pair in --json", () => {
    const file = write("MMR_clean.json", [clean]);
    const { code, stdout } = lint(file, "--json", "--images", join(dir, "images"));
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as { pairs: unknown[]; summary: Record<string, unknown> };
    expect(report.pairs).toEqual([
      { id: "MMR_clean:7:0", flags: [] },
      { id: "MMR_clean:7:1", flags: [] },
    ]);
    expect(report.summary).toMatchObject({ images: 1, pairs: 2, flagged: 0 });
  });

  it("exits 1 and names the flagged pairs", () => {
    const flawed = makeRecord([chair, mug], [
      { question: "Which chair is free?", text: "The chair_1 {seg}.", targets: [chair] },
      { question: "What could I rest on?", text: "The chair_1 {seg} {seg}", targets: [chair] },
      { question: "What holds tea?", text: "mug_1 {seg}", targets: [mug] },
    ], { image_id: 9, file_name: "val2017/missing.jpg" });
    const file = write("MMR_flawed.json", [clean, flawed]);

    const json = lint(file, "--json", "--images", join(dir, "images"));
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { pairs: { id: string; flags: string[] }[]; summary: { flagged: number; byFlag: Record<string, number> } };
    expect(report.pairs.filter((p) => p.flags.length > 0)).toEqual([
      { id: "MMR_flawed:9:0", flags: ["explicit", "missing_image"] },
      { id: "MMR_flawed:9:1", flags: ["seg_count", "missing_image"] },
      { id: "MMR_flawed:9:2", flags: ["missing_image"] },
    ]);
    expect(report.summary.flagged).toBe(3);
    expect(report.summary.byFlag).toMatchObject({ explicit: 1, seg_count: 1, missing_image: 3, braces: 0 });

    const human = lint(file);
    expect(human.code).toBe(1);
    expect(human.stdout).toContain("MMR_flawed:9:0  explicit");
    expect(human.stdout).toContain("MMR_flawed:9:1  seg_count");
    expect(human.stdout).not.toContain("MMR_flawed:9:2");
    expect(human.stdout).toContain("2 images, 5 pairs, 2 flagged");
  });

  it("exits 2 naming the record on malformed JSON", () => {
    const file = write("bad.json", `[${JSON.stringify(clean)}, {"image_id": 3, "questions": [}]`);
    const { code, stderr, stdout } = lint(file, "--json");
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr.trim().split("\n")).toHaveLength(1);
    expect(stderr).toContain("bad.json");
    expect(stderr).toContain("record 1");
  });

  it("exits 2 naming the record, image and field of an invalid record", () => {
    const { height: _h, ...noHeight } = makeRecord([chair], [], { image_id: 42 });
    const file = write("invalid.json", [clean, noHeight]);
    const { code, stderr } = lint(file);
    expect(code).toBe(2);
    expect(stderr).toMatch(/invalid\.json: record 1 \(image_id 42\): height/);
  });

  it("warns about a byte order mark and still reads the file", () => {
    const file = write("MMR_bom.json", `\ufeff${JSON.stringify([clean])}`);
    const json = lint(file, "--json", "--images", join(dir, "images"));
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { warnings: string[]; summary: { pairs: number; flagged: number } };
    expect(report.summary).toMatchObject({ pairs: 2, flagged: 0 });
    expect(report.warnings).toEqual([expect.stringMatching(/byte order mark: Python's json\.load fails on it/)]);
    expect(lint(file, "--images", join(dir, "images")).stdout).toMatch(/^warning: the file starts with a UTF-8 byte order mark/m);
  });

  it("refuses a duplicate image_id with the same line as import", () => {
    const file = write("MMR_dup.json", [clean, { ...clean }]);
    const { code, stderr } = lint(file);
    expect(code).toBe(2);
    expect(stderr.trim()).toBe(`mmr-review: ${file}: record 1 (image_id 7): image_id: duplicate of record 0`);
    const imported = spawnSync(process.execPath, [bin, "import", "--db", join(dir, "dup.db"), file], { encoding: "utf8", timeout: 60_000 });
    expect(imported.status).not.toBe(0);
    expect(imported.stderr.trim().split("\n").at(-1)).toBe(stderr.trim());
  });

  it("counts loader-breaking pairs and record-level problems, and explains records with more than three pairs", () => {
    const many = makeRecord([chair, mug], [
      { question: "What could I rest on?", text: "The chair_1 {seg}.", targets: [chair] },
      { question: "Where does tea go?", text: "mug_1 {seg} [SEG]", targets: [mug] },
      { question: "What is on the left?", text: "", targets: [] },
      { question: "What is on the right?", text: "mug_1 {seg}", targets: [mug] },
    ], { image_id: 11 });
    const misaligned = { ...makeRecord([chair], [{ question: "What could I rest on?", text: "The chair_1 {seg}.", targets: [chair] }], { image_id: 12 }), text_answers: [] };
    const empty = makeRecord([chair], [], { image_id: 13 });
    const file = write("MMR_loader.json", [many, misaligned, empty]);
    const json = lint(file, "--json");
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { pairs: { id: string; flags: string[] }[]; summary: Record<string, unknown> };
    expect(report.summary).toMatchObject({ images: 3, pairs: 5, loaderBreaking: 3, misalignedRecords: 1, recordsWithoutQuestions: 1, recordsOverThreePairs: 1 });
    expect(report.pairs.find((p) => p.id === "MMR_loader:11:1")!.flags).toEqual(["seg_token"]);
    expect(report.pairs.find((p) => p.id === "MMR_loader:11:2")!.flags).toEqual(["no_targets", "empty_answer"]);
    expect(report.pairs.find((p) => p.id === "MMR_loader:12:0")!.flags).toContain("misaligned");
    const human = lint(file).stdout;
    expect(human).toContain("3 pairs would break the official MMR loader");
    expect(human).toContain("1 record has no questions");
    expect(human).toMatch(/1 record has more than 3 pairs: the official training loader samples up to 3 questions/);
  });

  it("exits 2 when the file does not exist", () => {
    const { code, stderr } = lint(join(dir, "nope.json"));
    expect(code).toBe(2);
    expect(stderr).toContain("nope.json");
  });
});
