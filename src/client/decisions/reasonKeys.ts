import { reasonCodes, type Reason } from "../../shared/domain";

/** One key per reason code, in the order of `reasonCodes`: 1–9, then 0 and - for the last two. */
export const reasonKeys: readonly string[] = ["1", "2", "3", "4", "5", "6", "7", "8", "9", "0", "-"];

/** The reason a key toggles in a reason picker, if any. */
export function reasonForKey(key: string): Reason | undefined {
  const at = reasonKeys.indexOf(key);
  return at >= 0 ? reasonCodes[at] : undefined;
}

export function keyForReason(index: number): string | undefined {
  return reasonKeys[index];
}
