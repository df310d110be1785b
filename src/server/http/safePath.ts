import { realpathSync, statSync } from "node:fs";
import { realpath } from "node:fs/promises";
import { isAbsolute, relative, resolve, sep } from "node:path";
import { normalizedFileName } from "../../shared/paths";

/*
 * Resolving a file name that came from data (a record's `file_name`) or a URL under a trusted root
 * folder, refusing everything that could leave it. Two stages: a lexical check that needs no file
 * system (`safeRelativePath`), then `resolveInside`, which follows symlinks with realpath and
 * checks the real path is still inside the root's real path.
 */

/**
 * The name as a relative path (`/`-separated, `.` and empty segments dropped), or null when the
 * shared lexical rule (`src/shared/paths.ts`, the one import and lint flag `unsafe_path` by)
 * refuses it.
 */
export function safeRelativePath(name: string): string | null {
  return normalizedFileName(name);
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

/** `resolveInside` for synchronous callers (import and lint probing `missing_image`). */
export function resolveInsideSync(root: string, name: string, rootReal?: string): ResolveResult {
  const rel = safeRelativePath(name);
  if (rel === null) return { kind: "refused" };
  let base: string;
  try {
    base = rootReal ?? realpathSync(root);
  } catch {
    return { kind: "missing" };
  }
  const candidate = resolve(base, rel);
  if (!isInside(base, candidate)) return { kind: "refused" };
  let real: string;
  try {
    real = realpathSync(candidate);
  } catch {
    return { kind: "missing" };
  }
  if (!isInside(base, real) || real === base) return { kind: "refused" };
  return { kind: "ok", path: real };
}

/**
 * The probe import and lint use for `missing_image`: true when `name` resolves, inside `root`, to
 * a regular file — the same resolution the image route serves by.
 */
export function imageFileProbe(root: string): (name: string) => boolean {
  let rootReal: string | undefined;
  try {
    rootReal = realpathSync(root);
  } catch {
    rootReal = undefined;
  }
  return (name) => {
    if (rootReal === undefined) return false;
    const resolved = resolveInsideSync(root, name, rootReal);
    if (resolved.kind !== "ok") return false;
    try {
      return statSync(resolved.path).isFile();
    } catch {
      return false;
    }
  };
}
