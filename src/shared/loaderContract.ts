import { countPlaceholders } from "./answers";
import { pythonFormat } from "./pyFormat";
import { compressedCountsSum } from "./rleCheck";

/*
 * What the official MMR code requires of a split it reads (LOADER.md), as one function over the
 * parsed file: every record and pair that would make `json.load`, `pycocotools.mask.decode`,
 * `str.format`, the placeholder count check or `np.stack` fail, drop, or shift masks. Used by
 * tests on exports; it returns the violations instead of throwing so a test shows them all.
 */

export interface ContractOptions {
  /**
   * `compressed` (loader-safe exports): every target copy must be a compressed RLE.
   * `as-read` (lossless exports): polygons and uncompressed counts are allowed (they are written
   * as read), but must still describe a mask of the image that a conversion could write.
   */
  forms?: "compressed" | "as-read";
}

type Json = unknown;

function isObject(v: Json): v is Record<string, Json> {
  return v !== null && typeof v === "object" && !Array.isArray(v);
}

/** Violations of the loader's contract in a split's text; empty when the official code reads it all. */
export function loaderContractViolations(text: string, opts: ContractOptions = {}): string[] {
  const out: string[] = [];
  if (text.charCodeAt(0) === 0xfeff) out.push("the file starts with a byte order mark: json.load raises");
  let split: Json;
  try {
    split = JSON.parse(text.replace(/^\ufeff/, "")) as Json;
  } catch (error) {
    return [...out, `not JSON: ${(error as Error).message}`];
  }
  if (!Array.isArray(split)) return [...out, "the file is not a JSON array"];
  split.forEach((record, r) => out.push(...recordViolations(record, r, opts)));
  return out;
}

function recordViolations(record: Json, r: number, opts: ContractOptions): string[] {
  const out: string[] = [];
  if (!isObject(record)) return [`record ${r}: not an object`];
  const where = `record ${r} (image_id ${String(record.image_id)})`;
  const height = record.height;
  const width = record.width;
  const questions = record.questions;
  const answers = record.answers;
  const texts = record.text_answers;
  if (typeof record.file_name !== "string") out.push(`${where}: file_name is not a string`);
  if (!Array.isArray(record.annotations)) out.push(`${where}: annotations is not a list`);
  if (!Array.isArray(questions) || !Array.isArray(answers) || !Array.isArray(texts)) {
    return [...out, `${where}: questions, answers and text_answers must be lists`];
  }
  if (questions.length === 0) out.push(`${where}: no questions: np.stack([]) raises in training`);
  const lengths = [answers.length, texts.length, ...(Array.isArray(record.raw_answers) ? [record.raw_answers.length] : [])];
  if (lengths.some((n) => n !== questions.length)) out.push(`${where}: arrays of different lengths (${[questions.length, ...lengths].join(", ")})`);
  if (typeof height !== "number" || typeof width !== "number") return [...out, `${where}: height and width must be numbers`];

  const sizes = new Set<string>();
  questions.forEach((_, i) => {
    const pair = `${where}, pair ${i}`;
    const targets = answers[i];
    const answer = texts[i];
    if (!Array.isArray(targets)) {
      out.push(`${pair}: answers[${i}] is not a list`);
      return;
    }
    if (typeof answer !== "string") {
      out.push(`${pair}: text_answers[${i}] is not a string`);
      return;
    }
    if (answer.length === 0) out.push(`${pair}: empty text answer: training skips it and raises IndexError`);
    if (answer.includes("[SEG]")) out.push(`${pair}: literal [SEG] in the text answer`);
    if (countPlaceholders(answer) !== targets.length) {
      out.push(`${pair}: ${countPlaceholders(answer)} {seg} for ${targets.length} targets: training drops the pair`);
    }
    const formatted = pythonFormat(answer, { seg: "[SEG]" });
    if (!formatted.ok) out.push(`${pair}: text_answer.format(seg="[SEG]") raises: ${formatted.error}`);
    else if (formatted.fields.some((f) => f.argName !== "seg" || f.conversion !== null || f.formatSpec !== null || f.accessors !== "")) {
      out.push(`${pair}: a replacement field other than a plain {seg}`);
    } else if (formatted.output.split("[SEG]").length - 1 !== targets.length) {
      out.push(`${pair}: the formatted answer has another number of [SEG] tokens than targets`);
    }
    if (targets.length === 0) out.push(`${pair}: no targets`);
    targets.forEach((target, k) => {
      const problem = targetViolation(target, height, width, opts);
      if (problem) out.push(`${pair}, target ${k}: ${problem}`);
      const seg = isObject(target) ? target.segmentation : undefined;
      const size = isObject(seg) && Array.isArray(seg.size) ? seg.size.join("x") : `${height}x${width}`;
      sizes.add(size);
    });
  });
  if (sizes.size > 1) out.push(`${where}: masks of different sizes (${[...sizes].join(", ")}): np.stack raises in validation`);
  return out;
}

function targetViolation(target: Json, height: number, width: number, opts: ContractOptions): string | null {
  if (!isObject(target)) return "not an object";
  const seg = target.segmentation;
  if (Array.isArray(seg)) {
    if (opts.forms !== "as-read") return "polygons: pycocotools' decode raises TypeError";
    return seg.every((p) => Array.isArray(p) && p.length >= 6 && p.every((v) => typeof v === "number")) ? null : "polygons that cannot be drawn";
  }
  if (!isObject(seg) || !Array.isArray(seg.size) || seg.size.length !== 2) return "segmentation is no RLE with a size";
  const [h, w] = seg.size as [unknown, unknown];
  if (typeof h !== "number" || typeof w !== "number") return "size is not two numbers";
  if (h !== height || w !== width) return `size ${h}x${w} is not the image's ${height}x${width}`;
  const counts = seg.counts;
  if (typeof counts === "string") {
    const walked = compressedCountsSum(counts, h * w);
    if (walked.problem !== null || walked.sum !== h * w) return `compressed counts do not add up to h*w (${walked.problem ?? walked.sum})`;
    return null;
  }
  if (!Array.isArray(counts)) return "counts is neither a string nor a list";
  if (opts.forms !== "as-read") return "uncompressed counts: pycocotools' decode raises TypeError";
  const sum = counts.reduce<number>((a, c) => a + (typeof c === "number" ? c : NaN), 0);
  return sum === h * w ? null : "uncompressed counts do not add up to h*w";
}
