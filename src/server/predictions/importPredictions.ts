import { maskSizeProblem, pairTruth, scoreTruth } from "../../shared/evaluate";
import { pairIou } from "../../shared/metric";
import type { ImageRecord } from "../../shared/mmr";
import { parsePredictionLine, PredictionLineError } from "../../shared/predictions";
import { rleToString } from "../../shared/rle";
import { UserError } from "../errors";
import { readJsonLines } from "../io/jsonLines";
import type { ReviewStore } from "../storage/store";

/*
 * `mmr-review predictions import`: a model's prediction file into the store, streamed and all or
 * nothing. Every line must name a pair of the split and give one mask per target at the image's
 * size; the first line that does not stops the import with its number, and nothing is stored.
 * Each pair's IoU against the split as imported is computed here, once, for sorting and filtering.
 */

export interface ImportPredictionsOptions {
  split: string;
  model: string;
  file: string;
  now?: string;
  onProgress?(lines: number): void;
}

const RECORD_CACHE = 64;

export async function importPredictions(store: ReviewStore, opts: ImportPredictionsOptions): Promise<{ pairs: number }> {
  if (!(await store.getSplit(opts.split))) throw new UserError(`--split ${opts.split}: no such split in the database`);
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,79}$/.test(opts.model)) {
    throw new UserError(`--model ${JSON.stringify(opts.model)}: model names use letters, digits, '.', '_' and '-' (at most 80)`);
  }
  const predictions = store.predictions();
  const lines = readJsonLines(opts.file);
  // Reading the first line before opening the transaction turns a missing file into one clear line.
  const first = await lines.next();
  if (first.done) throw new UserError(`${opts.file}: no predictions (the file is empty)`);
  const imp = await predictions.beginImport(opts.split, opts.model, opts.file, opts.now ?? new Date().toISOString());
  const records = new Map<number, ImageRecord>();
  const seen = new Map<string, number>();
  const fail = (line: number, detail: string): never => {
    throw new UserError(`${opts.file}: line ${line}: ${detail}`);
  };
  try {
    let current: IteratorResult<{ line: number; text: string }> = first;
    let count = 0;
    while (!current.done) {
      const { line, text } = current.value;
      let prediction;
      try {
        prediction = parsePredictionLine(text, line);
      } catch (error) {
        if (error instanceof PredictionLineError) throw new UserError(`${opts.file}: ${error.message}`);
        throw error;
      }
      if (prediction.split !== null && prediction.split !== opts.split) {
        fail(line, `id names split ${prediction.split}, but the import is for split ${opts.split}`);
      }
      const ref = await predictions.findPair(opts.split, prediction.imageId, prediction.index);
      if (!ref) fail(line, `no pair ${opts.split}:${prediction.imageId}:${prediction.index} in the split`);
      const found = ref!;
      const earlier = seen.get(found.pairId);
      if (earlier !== undefined) fail(line, `a second prediction for ${found.pairId} (first on line ${earlier})`);
      seen.set(found.pairId, line);

      let record = records.get(found.imagePk);
      if (!record) {
        const image = await predictions.imageRecord(found.imagePk);
        if (!image) fail(line, `the image of ${found.pairId} is missing from the database`);
        record = JSON.parse(image!.raw) as ImageRecord;
        if (records.size >= RECORD_CACHE) records.delete(records.keys().next().value!);
        records.set(found.imagePk, record);
      }
      const targets = record.answers[found.index] ?? [];
      if (prediction.masks.length !== targets.length) {
        fail(line, `${prediction.masks.length} mask(s) for the ${targets.length} target(s) of ${found.pairId}: give one mask per target, in placeholder order`);
      }
      const sizeProblem = maskSizeProblem(prediction.masks, record.height, record.width);
      if (sizeProblem) fail(line, sizeProblem);

      const score = scoreTruth(pairTruth(targets, record.height, record.width), prediction.masks);
      await imp.add({
        pairId: found.pairId,
        height: record.height,
        width: record.width,
        masks: prediction.masks.map((m) => m.rle ?? rleToString(m.counts)),
        scores: prediction.scores,
        targetIous: score ? score.targets.map((t) => t.iou) : targets.map(() => null),
        iou: score ? pairIou(score) : null,
      });
      count++;
      if (opts.onProgress && count % 1000 === 0) opts.onProgress(count);
      current = await lines.next();
    }
    return await imp.commit();
  } catch (error) {
    await imp.abort();
    await lines.return(undefined);
    throw error;
  }
}
