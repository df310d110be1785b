import type { FlagId } from "../../../shared/domain";
import { flagIds } from "../../../shared/domain";

/*
 * Flags are stored as a bitmask so one integer column serves filter, sort and stats. The bit of
 * each flag is fixed here (not derived from the display order in domain.ts), so reordering that
 * list never reinterprets stored data; a new flag takes the next free bit.
 */
const FLAG_BITS: Record<FlagId, number> = {
  seg_count: 1 << 0,
  braces: 1 << 1,
  box_mismatch: 1 << 2,
  explicit: 1 << 3,
  duplicate: 1 << 4,
  empty_mask: 1 << 5,
  unsafe_path: 1 << 6,
  missing_image: 1 << 7,
  no_targets: 1 << 8,
  mask_form: 1 << 9,
  bad_rle: 1 << 10,
  seg_token: 1 << 11,
  empty_answer: 1 << 12,
  target_copy: 1 << 13,
  name_mismatch: 1 << 14,
  misaligned: 1 << 15,
};

export function flagBit(flag: FlagId): number {
  return FLAG_BITS[flag];
}

export function flagsToMask(flags: readonly FlagId[]): number {
  let mask = 0;
  for (const flag of flags) mask |= FLAG_BITS[flag];
  return mask;
}

/** Flags of a mask in display order. */
export function maskToFlags(mask: number): FlagId[] {
  return flagIds.filter((flag) => (mask & FLAG_BITS[flag]) !== 0);
}

export const FILE_FLAGS_MASK = FLAG_BITS.unsafe_path | FLAG_BITS.missing_image;
