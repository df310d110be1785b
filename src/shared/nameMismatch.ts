import { PLACEHOLDER, parseRawAnswer } from "./answers";

/*
 * `name_mismatch`: the generator wrote each target as its instance name followed by the target's
 * placeholder (`chair_2's leg {seg}`) or box (`chair_2's leg [x1, y1, x2, y2]`), so the name right
 * before placeholder k should be target k's instance name (SPEC section 3). Only a name in the
 * generator's own form (`<category>_<n>` or `<category>_<n>'s <part>`) is compared: an answer
 * that calls a target something else ("the leg of the chair {seg}") says nothing either way.
 */

// The mention regex of parseRawAnswer, applied to the text before a placeholder.
const MENTION_AT_END = /([A-Za-z][\w()-]*_\d+(?:['’]s\s+[A-Za-z][\w()-]*)?)\s*$/;
const NUMBERED = /_\d+(?:'s\s|$)/;

/** Spacing and apostrophe style do not count: `chair_1’s  leg` reads as `chair_1's leg`. */
function normalise(name: string): string {
  return name.replace(/’/g, "'").replace(/\s+/g, " ").trim();
}

/** The instance name written right before each `{seg}` of a text answer, or null where there is none. */
export function placeholderMentions(textAnswer: string): (string | null)[] {
  const out: (string | null)[] = [];
  let from = 0;
  for (let at = textAnswer.indexOf(PLACEHOLDER); at >= 0; at = textAnswer.indexOf(PLACEHOLDER, from)) {
    out.push(MENTION_AT_END.exec(textAnswer.slice(from, at))?.[1] ?? null);
    from = at + PLACEHOLDER.length;
  }
  return out;
}

/**
 * Whether `mention` names another instance than the target named `expected` (its generator name).
 * A part's mention may name the part or, in other words, its object (`chair_2 {seg}` for
 * `chair_2's leg` is read as "the one on chair_2"); targets without a numbered name are not judged.
 */
export function mentionNamesOther(
  mention: string | null,
  expected: string | readonly string[],
  imageCategories?: ReadonlySet<string>,
): boolean {
  if (mention === null) return false;
  const names = typeof expected === "string" ? [expected] : expected;
  const got = normalise(mention);
  // `COCO_2017 {seg}` looks like a name but no category of the image is called COCO: not judged.
  if (imageCategories && !imageCategories.has(got.replace(/_\d+(?:'s .*)?$/, ""))) return false;
  let judged = false;
  for (const name of names) {
    const want = normalise(name);
    if (!NUMBERED.test(want)) continue;
    judged = true;
    if (got === want) return false;
    const owner = want.indexOf("'s ");
    if (owner >= 0 && got === want.slice(0, owner)) return false;
  }
  return judged;
}

/**
 * The pair's answers name, before placeholder (or raw-answer box) k, another instance than target k.
 * `targetNames[k]` is target k's generator name, or every name the generator may have given it (a
 * part whose object is inferred may be named after any object overlapping it); positions past
 * either list are not compared.
 */
export function checkNameMismatch(
  textAnswer: string,
  rawAnswer: string | null,
  targetNames: readonly (string | readonly string[])[],
  /** Object categories of the image: a mention of any other "category" is not a name (optional). */
  imageCategories?: ReadonlySet<string>,
): boolean {
  const mentions = placeholderMentions(textAnswer);
  for (let k = 0; k < Math.min(mentions.length, targetNames.length); k++) {
    if (mentionNamesOther(mentions[k]!, targetNames[k]!, imageCategories)) return true;
  }
  if (rawAnswer) {
    const boxes = parseRawAnswer(rawAnswer);
    for (let k = 0; k < Math.min(boxes.length, targetNames.length); k++) {
      if (mentionNamesOther(boxes[k]!.mention, targetNames[k]!, imageCategories)) return true;
    }
  }
  return false;
}
