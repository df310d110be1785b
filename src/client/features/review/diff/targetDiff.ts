/*
 * A change of a pair's target list in the words a curator thinks in: which targets were added,
 * which removed, and which moved to another placeholder. "Moved" means the target changed its
 * order against the targets kept (those off the longest common subsequence), so removing the
 * first target does not report every other one as moved.
 */

export type TargetChange =
  | { kind: "added"; index: number; to: number }
  | { kind: "removed"; index: number; from: number }
  | { kind: "moved"; index: number; from: number; to: number };

function longestCommon(a: readonly number[], b: readonly number[]): Set<number> {
  const cols = b.length + 1;
  const table = new Uint16Array((a.length + 1) * cols);
  for (let i = a.length - 1; i >= 0; i--) {
    for (let j = b.length - 1; j >= 0; j--) {
      table[i * cols + j] = a[i] === b[j] ? table[(i + 1) * cols + j + 1]! + 1 : Math.max(table[(i + 1) * cols + j]!, table[i * cols + j + 1]!);
    }
  }
  const kept = new Set<number>();
  for (let i = 0, j = 0; i < a.length && j < b.length; ) {
    if (a[i] === b[j]) {
      kept.add(a[i]!);
      i++;
      j++;
    } else if (table[(i + 1) * cols + j]! >= table[i * cols + j + 1]!) i++;
    else j++;
  }
  return kept;
}

/** Positions are 0-based placeholder slots; changes come in the after-list's order, removals last. */
export function targetDiff(before: readonly number[], after: readonly number[]): TargetChange[] {
  const inBefore = new Set(before);
  const inAfter = new Set(after);
  const kept = longestCommon(
    before.filter((t) => inAfter.has(t)),
    after.filter((t) => inBefore.has(t)),
  );
  const changes: TargetChange[] = [];
  after.forEach((index, to) => {
    if (!inBefore.has(index)) changes.push({ kind: "added", index, to });
    else if (!kept.has(index)) changes.push({ kind: "moved", index, from: before.indexOf(index), to });
  });
  before.forEach((index, from) => {
    if (!inAfter.has(index)) changes.push({ kind: "removed", index, from });
  });
  return changes;
}
