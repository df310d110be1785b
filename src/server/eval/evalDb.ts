import { pairId } from "../../shared/domain";
import { Evaluation, pairTruth, type EvalReport } from "../../shared/evaluate";
import { exportRecord } from "../../shared/exportRecord";
import type { ImageRecord } from "../../shared/mmr";
import type { PredictedMask } from "../../shared/predictions";
import { rleFromString } from "../../shared/rle";
import { UserError } from "../errors";
import type { ReviewStore, StoredPrediction } from "../storage/store";

/*
 * `mmr-review eval --db`: a model imported into the database, scored on the cleaned split (the
 * pairs export would write, edits applied: an edited target list is the ground truth), and with
 * `compare` also on the raw split as imported. The stored masks answer the pair as imported; when
 * an edit changed the number of targets they are counted as validate() counts a mismatch.
 */

export interface DbEvalResult {
  split: string;
  model: string;
  status: "accepted" | "all";
  cleaned: EvalReport;
  raw?: EvalReport;
}

export function toMasks(p: StoredPrediction): PredictedMask[] {
  return p.masks.map((rle) => ({ height: p.height, width: p.width, counts: rleFromString(rle), rle }));
}

export async function evalDb(store: ReviewStore, split: string, model: string, opts: { includePending: boolean; compare: boolean }): Promise<DbEvalResult> {
  if (!(await store.getSplit(split))) throw new UserError(`--split ${split}: no such split in the database`);
  const predictions = store.predictions();
  if (!(await predictions.listModels(split)).some((m) => m.model === model)) {
    throw new UserError(`--model ${model}: no predictions of that model for split ${split} (see: mmr-review predictions list)`);
  }
  const cleaned = new Evaluation();
  const raw = opts.compare ? new Evaluation() : null;
  for await (const { raw: text, decisions } of store.exportRecords(split)) {
    const record = JSON.parse(text) as ImageRecord;
    // Every pair's prediction of the record, read once (both evaluations use them).
    const predicted = new Map<number, PredictedMask[] | null>();
    for (let i = 0; i < record.questions.length; i++) {
      const stored = await predictions.get(split, model, pairId(split, record.image_id, i));
      predicted.set(i, stored ? toMasks(stored) : null);
    }
    const masksOf = (index: number): PredictedMask[] | null => predicted.get(index) ?? null;
    if (raw) {
      for (let i = 0; i < record.questions.length; i++) {
        raw.add(pairId(split, record.image_id, i), pairTruth(record.answers[i] ?? [], record.height, record.width), masksOf(i));
      }
    }
    // exportRecord keeps these indices, in this order (accepted, plus pending when asked).
    const kept: number[] = [];
    for (let i = 0; i < record.questions.length; i++) {
      const status = decisions.get(i)?.status ?? "pending";
      if (status === "accepted" || (status === "pending" && opts.includePending)) kept.push(i);
    }
    const out = exportRecord(record, decisions, { includePending: opts.includePending });
    if (!out) continue;
    kept.forEach((i, k) => {
      cleaned.add(pairId(split, record.image_id, i), pairTruth(out.answers[k] ?? [], record.height, record.width), masksOf(i));
    });
  }
  return {
    split,
    model,
    status: opts.includePending ? "all" : "accepted",
    cleaned: cleaned.report(),
    ...(raw ? { raw: raw.report() } : {}),
  };
}
