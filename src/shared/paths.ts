/*
 * The one lexical rule for file names that come from data (a record's `file_name`) or a URL:
 * which may be looked up under the images folder. Pure string logic (it runs in the browser too and
 * must not depend on the OS). Import and lint flag a name it refuses as `unsafe_path`; the server's
 * resolver (`src/server/http/safePath.ts`) applies it first, then checks the real path.
 *
 * Refused: empty names; absolute names (`/x`, `\x`); drive letters and URL schemes (`C:x`,
 * `file:x`); UNC and device paths (`\\server\x`, `//server/x`); any backslash (a separator on
 * Windows); NUL and other control characters; any `..` segment (also `...` and longer, which some
 * platforms treat as traversal), after dropping `.` and empty segments — so `b/../y.png` is refused
 * even though it stays inside, because nothing real needs it; and all of these hidden behind
 * percent-encoding (up to three rounds) or Unicode compatibility forms (NFKC: U+FF0E `．`, …).
 */

/** Longest name accepted: longer ones are no real file name. */
export const MAX_FILE_NAME_CHARS = 4096;

/** How many times a name is percent-decoded while looking for a hidden traversal (`%252e` → `%2e` → `.`). */
const MAX_DECODE_ROUNDS = 3;

/** A Windows drive (`C:`), a URL scheme (`file:`) or an NT device path: never a relative file name. */
const DRIVE_OR_SCHEME = /^[A-Za-z][A-Za-z0-9+.-]*:/;

function decodeOnce(value: string): string | null {
  try {
    return decodeURIComponent(value);
  } catch {
    return null; // a lone `%` is a legal file name character; nothing more to decode
  }
}

/** Every form a consumer down the line might turn the name into: raw, percent-decoded, NFKC-folded. */
function variants(name: string): string[] {
  const forms = [name];
  let current = name;
  for (let round = 0; round < MAX_DECODE_ROUNDS; round++) {
    const decoded = decodeOnce(current);
    if (decoded === null || decoded === current) break;
    forms.push(decoded);
    current = decoded;
  }
  for (const form of [...forms]) {
    const folded = form.normalize("NFKC");
    if (folded !== form) forms.push(folded);
  }
  return forms;
}

/** Why one form is unsafe, or null. */
function unsafeForm(form: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(form)) return "it holds a control character";
  if (form.includes("\\")) return "it holds a backslash";
  if (form.startsWith("/")) return "it is absolute";
  if (DRIVE_OR_SCHEME.test(form)) return "it starts with a drive letter or a scheme";
  const segments = form.split("/").filter((s) => s !== "" && s !== ".");
  if (segments.length === 0) return "it names no file";
  if (segments.some((s) => /^\.{2,}$/.test(s.trim()))) return "it has a '..' segment";
  return null;
}

/** Why `name` may not be looked up under the images folder, or null when it may. */
export function unsafePathReason(name: string): string | null {
  if (name.length === 0) return "it is empty";
  if (name.length > MAX_FILE_NAME_CHARS) return `it is longer than ${MAX_FILE_NAME_CHARS} characters`;
  for (const form of variants(name)) {
    const reason = unsafeForm(form);
    if (reason !== null) return reason;
  }
  return null;
}

/** Whether `name` may be looked up under the images folder. */
export function isSafeFileName(name: string): boolean {
  return unsafePathReason(name) === null;
}

/** The safe name as a relative path (`/`-separated, `.` and empty segments dropped), or null. */
export function normalizedFileName(name: string): string | null {
  if (!isSafeFileName(name)) return null;
  return name
    .split("/")
    .filter((s) => s !== "" && s !== ".")
    .join("/");
}
