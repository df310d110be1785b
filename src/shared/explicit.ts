import { plainName } from "./answers";

/*
 * The `explicit` check (SPEC section 4): does the question name one of its targets in plain words?
 * An object target by its object name, a part target by its part name; naming a part's object is
 * context. Simple plurals count. A few everyday homographs get a context rule so that the verb
 * "can" or "your hands" do not raise false alarms.
 */

const nameRegexCache = new Map<string, RegExp | null>();

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * Category names that are also everyday verbs ("What can I use…", "Where would you watch…"). Their
 * bare singular only counts right after a determiner ("the can", "a watch") and not before a
 * subject ("can you"); plurals always count. Missing a rare "the old can" is cheaper than a false
 * alarm on every question that says "can".
 */
const VERB_HOMOGRAPHS = new Set(["can", "watch"]);
const DETERMINER = "(?:the|a|an|this|that|these|those|my|your|his|her|its|our|their|each|every|any|some|no|one)";
const SUBJECT = "(?:i|you|we|they|he|she|it|one|be|someone|anyone|people)";

/**
 * Part names that are also parts of a person. After a personal possessive ("your hands", "my
 * back") they mean the person's, not the object's (`clock:hand`, `chair:back`), so they do not count.
 */
const BODY_PARTS = new Set(["arm", "back", "ear", "eye", "face", "foot", "hand", "head", "heel", "leg", "mouth", "neck", "nose", "shoulder", "teeth", "throat", "tongue", "toe"]);
const PERSONAL_POSSESSIVE = "(?:my|your|his|her|our|their|one's|someone's|somebody's|person's|people's)";

/**
 * A case-insensitive, whole-word pattern for a plain name and its simple plurals (`leg`/`legs`,
 * `glass`/`glasses`, `battery`/`batteries`). Words may be joined by spaces, `_` or `-`, so the
 * generator's own spelling (`laptop_computer_1`) counts too.
 */
function namePattern(name: string): RegExp | null {
  let re = nameRegexCache.get(name);
  // Stryker disable next-line ConditionalExpression: equivalent, a cache miss builds the same pattern again
  if (re !== undefined) return re;
  const words = name.split(" ").filter(Boolean);
  const last = words.pop();
  if (last === undefined) {
    re = null;
  } else {
    const stem = [...words.map(escapeRegExp), ""].join("[\\s_-]+");
    const plurals = [`${escapeRegExp(last)}(?:s|es)`];
    if (/[^aeiou]y$/.test(last)) plurals.push(`${escapeRegExp(last.slice(0, -1))}ies`);
    const singular = escapeRegExp(last);
    const lastWord =
      words.length === 0 && VERB_HOMOGRAPHS.has(last)
        ? `(?:${plurals.join("|")}|(?<=(?<![\\p{L}\\p{N}])${DETERMINER}\\s+)${singular}(?!\\s+${SUBJECT}(?![\\p{L}\\p{N}])))`
        : `(?:${plurals.join("|")}|${singular})`;
    const notPersonal =
      words.length === 0 && BODY_PARTS.has(last) ? `(?<!(?<![\\p{L}\\p{N}])${PERSONAL_POSSESSIVE}\\s+)` : "";
    re = new RegExp(`(?<![\\p{L}\\p{N}])${notPersonal}${stem}${lastWord}(?![\\p{L}\\p{N}])`, "iu");
  }
  nameRegexCache.set(name, re);
  return re;
}

/**
 * The plain names of the targets that the question names: an object by its object name, a part
 * by its part name only (naming a part's object is context, not the answer).
 */
export function explicitNames(question: string, targetCategoryNames: readonly string[]): string[] {
  const found: string[] = [];
  let lower: string | null = null;
  for (const category of targetCategoryNames) {
    const matcher = categoryMatcher(category);
    if (!matcher.pattern || found.includes(matcher.name)) continue;
    // A substring test first: most questions do not contain the name at all, and the regex with
    // its Unicode look-arounds costs far more. Every form the pattern accepts contains `needle`.
    lower ??= question.toLowerCase();
    if (lower.includes(matcher.needle) && matcher.pattern.test(question)) found.push(matcher.name);
  }
  return found;
}

interface CategoryMatcher {
  name: string;
  needle: string;
  pattern: RegExp | null;
}

const matcherCache = new Map<string, CategoryMatcher>();

function categoryMatcher(category: string): CategoryMatcher {
  let matcher = matcherCache.get(category);
  // Stryker disable next-line ConditionalExpression: equivalent, a cache miss builds the same matcher again
  if (!matcher) {
    const name = plainName(category);
    // Stryker disable next-line all: equivalent, split gives a [0] always, and a shorter needle only lets more questions reach the pattern, which decides
    const first = name.split(" ")[0] ?? "";
    // `battery` is spelt `batteri…` in its plural; the rest of a name is found as written.
    const needle = name.includes(" ") ? first : first.replace(/y$/, "");
    matcher = { name, needle, pattern: namePattern(name) };
    matcherCache.set(category, matcher);
  }
  return matcher;
}

export function checkExplicit(question: string, targetCategoryNames: readonly string[]): boolean {
  return explicitNames(question, targetCategoryNames).length > 0;
}
