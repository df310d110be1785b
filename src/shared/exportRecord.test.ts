import { describe, expect, it } from "vitest";
import type { Decision, Edits, Status } from "./domain";
import { exportRecord } from "./exportRecord";
import type { ImageRecord } from "./mmr";
import { ann, makeRecord } from "./testRecord";

function decision(status: Status, edits: Edits | null = null): Decision {
  return { status, reasons: status === "rejected" ? ["other"] : [], note: "", edits, reviewer: "ana", updatedAt: "2026-01-01T00:00:00Z", version: 1 };
}

/** A record as a file would hold it: unknown fields, `raw_answers` before `questions`, and so on. */
function fileRecord(): ImageRecord {
  const chair1 = ann("chair", [0, 0, 20, 30], { iscrowd: 0, area: 600 });
  const chair2 = ann("chair", [25, 5, 10, 30]);
  const leg = ann("chair:leg", [26, 25, 3, 10], { obj_ann_id: chair2.id });
  const built = makeRecord([chair1, chair2, leg], [
    { question: "What would you sit on?", text: "The chair_1 {seg}.", targets: [chair1] },
    { question: "What holds chair_2 up?", text: "chair_2's leg {seg}", targets: [leg] },
    { question: "Where could two people sit?", text: "chair_1 {seg} and chair_2 {seg}", targets: [chair1, chair2] },
  ]);
  // Reorder keys and add unknown fields the way a foreign file might have them.
  const { raw_answers, ...rest } = built;
  const text = JSON.stringify({ license: 3, raw_answers, ...rest, extra: { nested: [1, "x"] } });
  return JSON.parse(text) as ImageRecord;
}

describe("exportRecord", () => {
  it("returns the record unchanged with no decisions and pending included", () => {
    const record = fileRecord();
    const text = JSON.stringify(record);
    const out = exportRecord(record, new Map(), { includePending: true });
    expect(JSON.stringify(out)).toBe(text);
    expect(out).toEqual(JSON.parse(text));
  });

  it("keeps only accepted pairs by default and leaves out a record with none", () => {
    const record = fileRecord();
    expect(exportRecord(record, new Map(), { includePending: false })).toBeNull();
    const out = exportRecord(record, new Map([[1, decision("accepted")]]), { includePending: false })!;
    expect(out.questions).toEqual(["What holds chair_2 up?"]);
    expect(out.text_answers).toEqual(["chair_2's leg {seg}"]);
    expect(out.answers).toEqual([record.answers[1]]);
    expect(out.raw_answers).toEqual([record.raw_answers![1]]);
  });

  it("drops rejected pairs and keeps the four arrays aligned, other fields in their order", () => {
    const record = fileRecord();
    const out = exportRecord(record, new Map([[0, decision("rejected")], [2, decision("accepted")]]), { includePending: true })!;
    expect(out.questions).toEqual([record.questions[1], record.questions[2]]);
    expect(out.answers).toEqual([record.answers[1], record.answers[2]]);
    expect(out.text_answers).toEqual([record.text_answers[1], record.text_answers[2]]);
    expect(out.raw_answers).toEqual([record.raw_answers![1], record.raw_answers![2]]);
    expect(Object.keys(out)).toEqual(Object.keys(record));
    expect(out.extra).toEqual({ nested: [1, "x"] });
    expect(out.annotations).toEqual(record.annotations);
    const all = exportRecord(record, new Map([0, 1, 2].map((i) => [i, decision("rejected")])), { includePending: true });
    expect(all).toBeNull();
  });

  it("writes edited targets as the record's annotation objects and rebuilds the raw answer", () => {
    const record = fileRecord();
    const edits: Edits = { question: "What could two people sit on?", textAnswer: "chair_1 {seg}, chair_2 {seg} and its leg {seg}", targets: [0, 1, 2] };
    const out = exportRecord(record, new Map([[2, decision("accepted", edits)]]), { includePending: false })!;
    expect(out.questions).toEqual(["What could two people sit on?"]);
    expect(out.answers[0]![2]).toEqual(record.annotations[2]);
    expect(out.answers[0]).toEqual(record.annotations);
    expect(out.text_answers).toEqual([edits.textAnswer]);
    expect(out.raw_answers).toEqual(["chair_1 [0.0, 0.0, 20.0, 30.0], chair_2 [25.0, 5.0, 35.0, 35.0] and its leg [26.0, 25.0, 29.0, 35.0]"]);
  });

  it("keeps the raw answer when only the question changed", () => {
    const record = fileRecord();
    const out = exportRecord(record, new Map([[0, decision("accepted", { question: "Where to sit?" })]]), { includePending: false })!;
    expect(out.questions).toEqual(["Where to sit?"]);
    expect(out.raw_answers).toEqual([record.raw_answers![0]]);
    expect(out.answers[0]![0]).toEqual(record.answers[0]![0]);
  });

  it("takes an orphan target from the original answer object", () => {
    const chair = ann("chair", [0, 0, 20, 30]);
    const stray = ann("mug", [40, 0, 10, 10], { note: "not in annotations" });
    const record = makeRecord([chair], [{ question: "What holds tea?", text: "The mug {seg}", targets: [stray] }]);
    const out = exportRecord(record, new Map([[0, decision("accepted", { textAnswer: "The chair_1 {seg} and mug {seg}", targets: [0, 1] })]]), {
      includePending: false,
    })!;
    expect(out.answers[0]![1]).toEqual(stray);
    expect(out.raw_answers).toEqual(["The chair_1 [0.0, 0.0, 20.0, 30.0] and mug [40.0, 0.0, 50.0, 10.0]"]);
  });

  it("keeps a field named __proto__ as a plain field when a record is rebuilt", () => {
    const record = JSON.parse(`{"__proto__": {"meta": 1}, ${JSON.stringify(fileRecord()).slice(1)}`) as ImageRecord;
    const out = exportRecord(record, new Map([[0, decision("rejected")]]), { includePending: true })!;
    expect(JSON.stringify(out)).toMatch(/^\{"__proto__":\{"meta":1\},"license":3/);
    expect(out.questions).toHaveLength(2);
  });

  it("does not invent raw_answers for a record without them", () => {
    const { raw_answers: _raw, ...record } = fileRecord();
    const out = exportRecord(record, new Map([[0, decision("accepted", { textAnswer: "chair_1 {seg}" })]]), { includePending: false })!;
    expect("raw_answers" in out).toBe(false);
    expect(out.text_answers).toEqual(["chair_1 {seg}"]);
  });
});
