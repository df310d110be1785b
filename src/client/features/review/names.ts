/*
 * Long instance names shortened in the middle, keeping what tells targets apart: the instance
 * number and the part name at the end, the category's start at the front. The parenthesised
 * qualifier of a category goes first: `mouse_(computer_equipment)_1's left_button` →
 * `mouse_(…)_1's left_button`.
 */

const ELLIPSIS = "…";

function cutMiddle(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 1) return ELLIPSIS;
  const keep = max - 1;
  const front = Math.ceil(keep / 2);
  return text.slice(0, front) + ELLIPSIS + text.slice(text.length - (keep - front));
}

export function shortName(name: string, max = 28): string {
  if (name.length <= max) return name;
  const qualified = name.replace(/\(([^()]{2,})\)/g, `(${ELLIPSIS})`);
  if (qualified.length <= max) return qualified;
  // Head: the category up to its instance number; tail: `_3` or `_3's part`, kept whole if it can be.
  const match = /^(.*?)(_\d+(?:['’]s .*)?)$/.exec(qualified);
  if (!match) return cutMiddle(qualified, max);
  const head = match[1]!;
  const tail = match[2]!;
  const room = max - tail.length - 1;
  if (room >= 3) return head.slice(0, room) + ELLIPSIS + tail;
  return cutMiddle(qualified, max);
}
