import { statSync } from "node:fs";
import { pairId } from "../../shared/domain";
import { Evaluation, maskSizeProblem, pairTruth, type EvalReport } from "../../shared/evaluate";
import { describeRecordError, imageRecordSchema, type ImageRecord } from "../../shared/mmr";
import { parsePredictionLine, PredictionLineError, type PredictedMask } from "../../shared/predictions";
import { UserError } from "../errors";
import { readJsonLines } from "../io/jsonLines";
import { parseRecordText, readRecords } from "../io/records";
import { splitNameOf } from "../cli/lint";

/*
 * `mmr-review eval SPLIT.json PRED.jsonl`: the paper's table over two files, no database. The
 * predictions are read first (one entry per pair), then the split is streamed record by record.
 */

export interface FileEvalResult {
  split: string;
  predictions: string;
  report: EvalReport;
}

interface Loaded {
  line: number;
  masks: PredictedMask[];
}

/** Reads a prediction file into pair key → masks; refuses bad lines, duplicates and other splits. */
export async function loadPredictions(file: string, split: string): Promise<Map<string, Loaded>> {
  const byPair = new Map<string, Loaded>();
  for await (const { line, text } of readJsonLines(file)) {
    let prediction;
    try {
      prediction = parsePredictionLine(text, line);
    } catch (error) {
      if (error instanceof PredictionLineError) throw new UserError(`${file}: ${error.message}`);
      throw error;
    }
    if (prediction.split !== null && prediction.split !== split) {
      throw new UserError(`${file}: line ${line}: id names split ${prediction.split}, but the split is ${split}`);
    }
    const key = `${prediction.imageId}:${prediction.index}`;
    const earlier = byPair.get(key);
    if (earlier) throw new UserError(`${file}: line ${line}: a second prediction for ${pairId(split, prediction.imageId, prediction.index)} (first on line ${earlier.line})`);
    byPair.set(key, { line, masks: prediction.masks });
  }
  return byPair;
}

function validRecord(value: unknown, file: string, index: number): ImageRecord {
  const result = imageRecordSchema.safeParse(value);
  if (result.success) return value as ImageRecord;
  throw new UserError(`${file}: record ${index}: ${describeRecordError(result.error)}`);
}

export async function evalFiles(splitFile: string, predictionFile: string, splitName = splitNameOf(splitFile)): Promise<FileEvalResult> {
  try {
    if (!statSync(splitFile).isFile()) throw new Error();
  } catch {
    throw new UserError(`${splitFile}: no such file`);
  }
  const predictions = await loadPredictions(predictionFile, splitName);
  const evaluation = new Evaluation();
  for await (const { index, text, byteOffset } of readRecords(splitFile)) {
    const record = validRecord(parseRecordText(text, splitFile, index, byteOffset), splitFile, index);
    for (let i = 0; i < record.questions.length; i++) {
      const key = `${record.image_id}:${i}`;
      const prediction = predictions.get(key);
      if (prediction) {
        const problem = maskSizeProblem(prediction.masks, record.height, record.width);
        if (problem) throw new UserError(`${predictionFile}: line ${prediction.line}: ${problem}`);
        predictions.delete(key);
      }
      evaluation.add(pairId(splitName, record.image_id, i), pairTruth(record.answers[i] ?? [], record.height, record.width), prediction?.masks ?? null);
    }
  }
  let first: { key: string; line: number } | null = null;
  for (const [key, { line }] of predictions) if (!first || line < first.line) first = { key, line };
  if (first) {
    throw new UserError(`${predictionFile}: line ${first.line}: no pair ${splitName}:${first.key} in ${splitFile}`);
  }
  return { split: splitName, predictions: predictionFile, report: evaluation.report() };
}
