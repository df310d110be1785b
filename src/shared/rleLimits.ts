/*
 * Limits of the RLE codec: what a real MMR split can need, checked before any allocation so a
 * hostile record costs bounded time and memory. Everything the codec refuses is an `RleError`
 * (one line, no stack needed), which the mask reader turns into an unreadable (flagged) mask.
 */

export class RleError extends Error {
  constructor(message: string) {
    // A refusal is data, not a bug: no stack to capture (a hostile record may cause thousands).
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.name = "RleError";
  }
}

export interface RleLimits {
  /** Largest image height or width, in pixels. */
  maxSide: number;
  /** Most polygons one segmentation may hold. */
  maxPolygonsPerMask: number;
  /** Most points (x, y pairs) one polygon may hold. */
  maxPointsPerPolygon: number;
  /**
   * Polygon outline steps (on the 5× grid the reference rasteriser walks) one record may cost in
   * total; one mask may never cost more than this either. About 30 ms and 4 bytes per 5 steps.
   */
  workPerRecord: number;
  /**
   * Run steps one record may spend intersecting masks to find the object a part belongs to
   * (about 2 ns each). Past it, the remaining parts fall back to the nearest object by box centre.
   */
  overlapWorkPerRecord: number;
}

export const defaultRleLimits: Readonly<RleLimits> = Object.freeze({
  maxSide: 1 << 15,
  maxPolygonsPerMask: 1000,
  maxPointsPerPolygon: 1 << 16,
  workPerRecord: 1 << 22,
  overlapWorkPerRecord: 1 << 24,
});

const limits: RleLimits = { ...defaultRleLimits };

/** The limits in force (read-only view; change them with `setRleLimits`). */
export function rleLimits(): Readonly<RleLimits> {
  return limits;
}

/** Changes some limits (say from a command-line option); returns the previous ones. */
export function setRleLimits(change: Partial<RleLimits>): RleLimits {
  const before = { ...limits };
  for (const [key, value] of Object.entries(change) as [keyof RleLimits, number | undefined][]) {
    if (value === undefined) continue;
    if (!Number.isInteger(value) || value < 1) throw new RangeError(`RLE limit ${key} must be a positive integer, got ${value}`);
    limits[key] = value;
  }
  return before;
}

/** Throws unless height and width are integers in [0, maxSide]. */
export function checkSides(height: number, width: number): void {
  const max = limits.maxSide;
  for (const [name, v] of [
    ["height", height],
    ["width", width],
  ] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RleError(`mask ${name} ${v} is not a non-negative integer`);
    if (v > max) throw new RleError(`mask ${name} ${v} exceeds the limit of ${max} pixels per side`);
  }
}

/**
 * Throws unless every count is a non-negative integer and they add up to height × width. Pure
 * arithmetic on doubles (exact below 2^53), so no total can wrap.
 */
export function checkCounts(counts: ArrayLike<number>, height: number, width: number): void {
  checkSides(height, width);
  const area = height * width;
  let total = 0;
  for (let i = 0; i < counts.length; i++) {
    const c = counts[i]!;
    if (!Number.isInteger(c) || c < 0) throw new RleError(`count ${i} (${c}) is not a non-negative integer`);
    total += c;
    if (total > area) break;
  }
  if (total !== area) throw new RleError(`counts add up to ${total > area ? `more than ${area}` : total}, not ${height}×${width} = ${area}`);
}

// The work meter: units left for the record being analysed (Infinity outside `withRleBudget`).
let remaining = Infinity;

/** Charges `units` of work, throwing an `RleError` when the record's budget cannot pay them. */
export function chargeRleWork(units: number, what: string): void {
  const cap = Math.min(remaining, limits.workPerRecord);
  if (!(units <= cap)) {
    throw new RleError(`${what} needs ${units} outline steps, more than the ${cap} left of the record's ${limits.workPerRecord}`);
  }
  remaining -= units;
}

let overlapRemaining = Infinity;

/** Takes `units` from the record's overlap allowance; false (taking nothing) when it cannot. */
export function tryChargeOverlap(units: number): boolean {
  const cap = Math.min(overlapRemaining, limits.overlapWorkPerRecord);
  if (!(units <= cap)) return false;
  overlapRemaining -= units;
  return true;
}

/** Runs `fn` with a fresh work budget (one record's analysis); nested calls get their own. */
export function withRleBudget<T>(fn: () => T, units: number = limits.workPerRecord): T {
  const saved = remaining;
  const savedOverlap = overlapRemaining;
  remaining = units;
  overlapRemaining = limits.overlapWorkPerRecord;
  try {
    return fn();
  } finally {
    remaining = saved;
    overlapRemaining = savedOverlap;
  }
}
