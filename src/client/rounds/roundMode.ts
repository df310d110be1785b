/* The review screen in a round: `?round=<id>` in the URL makes decisions votes of that round. */

export function roundOf(search: string): number | null {
  const value = new URLSearchParams(search).get("round");
  if (value === null || !/^[1-9]\d{0,9}$/.test(value)) return null;
  return Number(value);
}

/** `search` with `round=<id>` set (or removed for null), keeping everything else. */
export function withRound(search: string, round: number | null): string {
  const params = new URLSearchParams(search);
  if (round === null) params.delete("round");
  else params.set("round", String(round));
  const text = params.toString();
  return text ? `?${text}` : "";
}

/** Why a reviewer's review screen is read only outside a round (team mode: they vote on the pairs handed to them). */
export const OUTSIDE_ROUND = "a reviewer decides the pairs a review round hands them";
