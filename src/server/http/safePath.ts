import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";

/*
 * Resolving a file name that came from data (a record's `file_name`) or a URL under a trusted root
 * folder, refusing everything that could leave it. Two stages: a lexical check that needs no file
 * system (`safeRelativePath`), then `resolveInside`, which follows symlinks with realpath and
 * checks the real path is still inside the root's real path.
 */

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
  // NFKC folds look-alikes such as U+FF0E (fullwidth full stop) and U+2024 (one dot leader) to '.'.
  for (const form of [...forms]) {
    const folded = form.normalize("NFKC");
    if (folded !== form) forms.push(folded);
  }
  return forms;
}

function unsafeForm(form: string): boolean {
  if (form.length === 0) return true;
  if (form.includes("\0")) return true;
  // Backslashes are separators on Windows and never appear in COCO names; refusing them is simpler
  // than reasoning about which platform reads the path.
  if (form.includes("\\")) return true;
  if (form.startsWith("/") || isAbsolute(form)) return true;
  if (DRIVE_OR_SCHEME.test(form)) return true;
  // A segment of only dots: `..` climbs; `...`/`....` are traversal on some platforms and never a
  // real image folder, so they are refused too. A single `.` is harmless.
  return form.split("/").some((segment) => segment.length >= 2 && /^\.+$/.test(segment.trim()));
}

/**
 * The name as a relative path (`/`-separated, `.` and empty segments dropped), or null when it is
 * absolute, climbs, hides a traversal behind percent-encoding or Unicode look-alikes, or holds a NUL
 * byte or a backslash.
 */
export function safeRelativePath(name: string): string | null {
  if (name.length > 4096) return null;
  if (variants(name).some(unsafeForm)) return null;
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  return segments.length === 0 ? null : segments.join("/");
}

export type ResolveResult =
  | { kind: "ok"; path: string }
  /** The name is unsafe or resolves (through a symlink) outside the root. */
  | { kind: "refused" }
  /** The name is safe but no such file exists. */
  | { kind: "missing" };

/** Whether `child` is `root` itself or lies below it (both absolute, already resolved). */
export function isInside(root: string, child: string): boolean {
  const rel = relative(root, child);
  return rel === "" || (!rel.startsWith(`..${sep}`) && rel !== ".." && !isAbsolute(rel));
}

/**
 * Resolves `name` under `root`, following symlinks, and refuses anything whose real path is not
 * inside the root's real path. `rootReal` may be passed when the caller cached it.
 */
export async function resolveInside(root: string, name: string, rootReal?: string): Promise<ResolveResult> {
  const rel = safeRelativePath(name);
  if (rel === null) return { kind: "refused" };
  let base: string;
  try {
    base = rootReal ?? (await realpath(root));
  } catch {
    return { kind: "missing" }; // no images folder at all
  }
  const candidate = resolve(base, rel);
  if (!isInside(base, candidate)) return { kind: "refused" };
  let real: string;
  try {
    real = await realpath(candidate);
  } catch {
    return { kind: "missing" };
  }
  if (!isInside(base, real) || real === base) return { kind: "refused" };
  return { kind: "ok", path: real };
}
