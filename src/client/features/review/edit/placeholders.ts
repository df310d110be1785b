import { countPlaceholders, PLACEHOLDER } from "../../../../shared/answers";

/*
 * The k-th `{seg}` of the answer stands for the k-th target, so removing or adding a target in
 * the edit draft edits the answer with it.
 */

const joiner = /(,\s*(and\s+|or\s+)?|\s+(and|or)\s+)/;
const joinerAtEnd = new RegExp(`${joiner.source}$`);
const joinerAtStart = new RegExp(`^${joiner.source}`);

/** Removes the `slot`-th placeholder with the "and"/comma that joined it to its neighbour. */
export function removePlaceholder(answer: string, slot: number): string {
  let at = -1;
  for (let k = 0, from = 0; k <= slot; k++, from = at + PLACEHOLDER.length) {
    at = answer.indexOf(PLACEHOLDER, from);
    if (at < 0) return answer;
  }
  const before = answer.slice(0, at);
  const after = answer.slice(at + PLACEHOLDER.length);
  const joinBefore = joinerAtEnd.exec(before);
  if (joinBefore && countPlaceholders(before) > 0) return tidy(before.slice(0, joinBefore.index), after);
  const joinAfter = joinerAtStart.exec(after);
  if (joinAfter && countPlaceholders(after) > 0) return tidy(before, after.slice(joinAfter[0].length));
  return tidy(before, after);
}

/** Joins the two sides of a removal without a double space or a space before punctuation. */
function tidy(before: string, after: string): string {
  if (/^[.,;!?]/.test(after)) return before.trimEnd() + after;
  if (/\s$/.test(before) && /^\s/.test(after)) return before + after.trimStart();
  return before + after;
}

/**
 * Adds a placeholder for a new last target: "… {seg}." → "… {seg} and {seg}.". `bare` only adds
 * the placeholder ("… and the touchpad." → "… and the touchpad {seg}."), for an answer that names
 * the target already but lost its placeholder.
 */
export function appendPlaceholder(answer: string, bare = false): string {
  const trimmed = answer.trimEnd();
  const join = !bare && countPlaceholders(trimmed) > 0 ? " and " : " ";
  const end = /[.!?]$/.exec(trimmed);
  if (end) return `${trimmed.slice(0, -1)}${join}${PLACEHOLDER}${end[0]}`;
  return `${trimmed}${join}${PLACEHOLDER}`;
}
