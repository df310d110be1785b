import { InvalidCursorError } from "../errors";

/*
 * Opaque keyset cursors: the sort key of the last row of a page, base64url JSON. Keyset (not
 * offset) pagination stays fast at any depth and never skips or repeats a row when decisions
 * change statuses between pages.
 */

export type SortMode = "dataset" | "flagged";

/** Dataset order is (split, seq); flagged order is (flag_order, split, seq). */
export interface SortKey {
  flagOrder: number;
  split: string;
  seq: number;
}

export function encodeCursor(sort: SortMode, key: SortKey): string {
  const body = sort === "flagged" ? ["f", key.flagOrder, key.split, key.seq] : ["d", key.split, key.seq];
  return Buffer.from(JSON.stringify(body), "utf8").toString("base64url");
}

export function decodeCursor(sort: SortMode, cursor: string): SortKey {
  let body: unknown;
  try {
    body = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw new InvalidCursorError();
  }
  if (!Array.isArray(body)) throw new InvalidCursorError();
  if (sort === "flagged" && body.length === 4 && body[0] === "f") {
    const [, flagOrder, split, seq] = body as unknown[];
    if (typeof flagOrder === "number" && typeof split === "string" && typeof seq === "number") return { flagOrder, split, seq };
  }
  if (sort === "dataset" && body.length === 3 && body[0] === "d") {
    const [, split, seq] = body as unknown[];
    if (typeof split === "string" && typeof seq === "number") return { flagOrder: 0, split, seq };
  }
  throw new InvalidCursorError();
}
