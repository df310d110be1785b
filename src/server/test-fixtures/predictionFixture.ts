import { ann, makeRecord, rectRle } from "../../shared/testRecord";
import type { ImageRecord } from "../../shared/mmr";

/*
 * One 40×60 record with four pairs of rectangle masks, and prediction lines whose IoUs are easy
 * to work out by hand (areas in pixels):
 *   0 object [chair 10×10]        predicted: its top 3 rows (30)        I 30,  U 100
 *   1 part   [leg 2×10]           predicted: exactly                    I 20,  U 20
 *   2 mixed  [table 10×10, leg]   predicted: table exactly, leg empty   I 100, U 100; I 0, U 20
 *   3 object [table]              predicted: table exactly              I 100, U 100
 */

export const chair = ann("chair", [0, 0, 10, 10]);
export const leg = ann("chair:leg", [0, 0, 2, 10]);
export const table = ann("dining_table", [20, 0, 10, 10]);

export function predictionRecord(): ImageRecord {
  return makeRecord(
    [chair, leg, table],
    [
      { question: "Where would you sit?", text: "On {seg}.", targets: [chair] },
      { question: "What holds the seat up?", text: "{seg}.", targets: [leg] },
      { question: "Where do plates go, and what holds a seat?", text: "{seg} and {seg}.", targets: [table, leg] },
      { question: "Where would you eat?", text: "At {seg}.", targets: [table] },
    ],
  );
}

const empty = rectRle(0, 0, 0, 0);

/** The prediction lines for split `split` (pair 3 with `extraMask` gets a second, ignored mask). */
export function predictionLines(split: string, opts: { extraMask?: boolean } = {}): string[] {
  const line = (index: number, masks: unknown[]) => JSON.stringify({ id: `${split}:7:${index}`, masks });
  return [
    line(0, [rectRle(0, 0, 10, 3)]),
    // image_id + index instead of id
    JSON.stringify({ image_id: 7, index: 1, masks: [rectRle(0, 0, 2, 10)], score: 0.9 }),
    line(2, [rectRle(20, 0, 10, 10), empty]),
    line(3, opts.extraMask ? [rectRle(20, 0, 10, 10), rectRle(0, 0, 10, 10)] : [rectRle(20, 0, 10, 10)]),
  ];
}

const e = 1e-5;
/** Hand-computed table for `predictionLines` (extra mask ignored, as validate() does). */
export const expected = {
  object: { gIoU: (30 / (100 + e) + 100 / (100 + e)) / 2, cIoU: 130 / (200 + 1e-10), pairs: 2, targets: 2 },
  part: { gIoU: 20 / (20 + e), cIoU: 20 / (20 + 1e-10), pairs: 1, targets: 1 },
  mixed: { gIoU: (100 / (100 + e) + 0) / 2, cIoU: 100 / (120 + 1e-10), pairs: 1, targets: 2 },
  all: { gIoU: (30 / (100 + e) + 20 / (20 + e) + 100 / (100 + e) + 0 + 100 / (100 + e)) / 5, cIoU: 250 / (340 + 1e-10), pairs: 4, targets: 5 },
};
