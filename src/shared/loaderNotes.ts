/* Sentences about what the official MMR code does (LOADER.md), shared by lint and the export screen. */

/** How the official training loader treats a record with more than three pairs. */
export const OVER_THREE_PAIRS_NOTE =
  "the official training loader samples up to 3 questions per record but pairs them with answers 0-2 in file order, so a question is usually trained with another pair's answer and masks, and pairs past the third never supply an answer";
