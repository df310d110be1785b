/**
 * Shortens a long instance name in the middle, keeping its start (the object) and its end (the
 * part and number that tell targets apart): `mouse_(computer_equipment)_1's left_button` →
 * `mouse_(co…)_1's left_button`.
 */
export function middleTruncate(name: string, max = 30): string {
  const chars = [...name];
  if (chars.length <= max) return name;
  const tail = Math.ceil((max - 1) * 0.6);
  const head = max - 1 - tail;
  return `${chars.slice(0, head).join("")}…${chars.slice(chars.length - tail).join("")}`;
}
