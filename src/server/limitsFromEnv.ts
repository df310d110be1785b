import { setRleLimits } from "../shared/rle";
import { recordLimits } from "./io/records";

/*
 * The hostile-input limits (README "Limits on hostile input") can be raised or lowered for a
 * whole process through the environment — read once, by every thread that analyses records:
 *   MMR_MAX_SIDE         largest image side in pixels (default 32768)
 *   MMR_MAX_RECORD_MB    largest record in MB (default 64)
 *   MMR_MAX_STRING_CHARS longest string of a record (default 4194304)
 * A value that is no positive integer stops the program with one line.
 */

function positive(name: string): number | undefined {
  const raw = process.env[name];
  if (raw === undefined || raw === "") return undefined;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 1) throw new RangeError(`${name}=${raw}: expected a positive integer`);
  return value;
}

export function applyLimitsFromEnv(): void {
  const maxSide = positive("MMR_MAX_SIDE");
  if (maxSide !== undefined) setRleLimits({ maxSide });
  const recordMb = positive("MMR_MAX_RECORD_MB");
  if (recordMb !== undefined) recordLimits.maxRecordBytes = recordMb * 1024 * 1024;
  const stringChars = positive("MMR_MAX_STRING_CHARS");
  if (stringChars !== undefined) recordLimits.maxStringChars = stringChars;
}

try {
  applyLimitsFromEnv();
} catch (error) {
  // Read at start-up, before any command runs: say what is wrong in one line and stop.
  process.stderr.write(`mmr-review: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(2);
}
