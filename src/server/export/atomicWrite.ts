import { randomBytes } from "node:crypto";
import { open, readdir, rename, stat, unlink } from "node:fs/promises";
import type { FileHandle } from "node:fs/promises";
import { basename, dirname, join } from "node:path";

/*
 * Writes a file so that readers only ever see the old complete file or the new complete one:
 * the chunks go to a temporary file beside it (same filesystem, so rename is atomic), which is
 * fsynced before the rename; on any error the temporary file is removed.
 */

export interface StagedFile {
  /** The final path. */
  target: string;
  temp: string;
  handle: FileHandle;
}

/**
 * `<name>.tmp-<pid>-<random>`: the writer's process id in the name lets a later run tell a temp
 * file left by a killed writer (its process is gone) from one a running writer still fills.
 */
export function tempPathFor(target: string): string {
  return join(dirname(target), `${basename(target)}.tmp-${process.pid}-${randomBytes(6).toString("hex")}`);
}

const TEMP_NAME = /^(.+)\.tmp-(?:(\d+)-)?([0-9a-f]{12})$/;
/** Temp files of the old naming (no pid) are removed once this old: no write takes that long. */
const LEGACY_STALE_MS = 60 * 60 * 1000;

function processAlive(pid: number): boolean {
  if (pid === process.pid) return true;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM"; // exists, owned by someone else
  }
}

/**
 * Removes the temp files a killed export or sync left in `dir` (for `target`'s name only, or for
 * every name): those whose writer process is gone. Returns the names removed. Never throws.
 */
export async function removeStaleTemps(dir: string, target?: string): Promise<string[]> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return [];
  }
  const removed: string[] = [];
  const now = Date.now();
  for (const name of names) {
    const match = TEMP_NAME.exec(name);
    if (!match || (target !== undefined && match[1] !== basename(target))) continue;
    const pid = match[2] === undefined ? null : Number(match[2]);
    const path = join(dir, name);
    if (pid !== null ? processAlive(pid) : !(await stat(path).then((s) => now - s.mtimeMs > LEGACY_STALE_MS, () => false))) continue;
    if (await unlink(path).then(() => true, () => false)) removed.push(name);
  }
  return removed;
}

export async function stageFile(target: string): Promise<StagedFile> {
  // The next run cleans up after a killed one: stale temp files of this target go first.
  await removeStaleTemps(dirname(target), target);
  const temp = tempPathFor(target);
  const handle = await open(temp, "wx", 0o644);
  return { target, temp, handle };
}

/** Writes every chunk; each write is awaited, so a slow disk holds the producer back. */
export async function writeChunks(file: StagedFile, chunks: AsyncIterable<string>): Promise<number> {
  let bytes = 0;
  for await (const chunk of chunks) {
    const buffer = Buffer.from(chunk, "utf8");
    // write() may write less than asked; loop until the chunk is all on disk.
    for (let done = 0; done < buffer.length; ) {
      const { bytesWritten } = await file.handle.write(buffer, done, buffer.length - done, null);
      done += bytesWritten;
    }
    bytes += buffer.length;
  }
  return bytes;
}

/** fsync, close and rename into place. */
export async function commitFile(file: StagedFile): Promise<void> {
  await file.handle.sync();
  await file.handle.close();
  await rename(file.temp, file.target);
  await syncDirectory(dirname(file.target));
}

export async function discardFile(file: StagedFile): Promise<void> {
  await file.handle.close().catch(() => undefined);
  await unlink(file.temp).catch(() => undefined);
}

/** Makes the rename itself durable; some platforms cannot open a directory, which is harmless. */
async function syncDirectory(dir: string): Promise<void> {
  let handle: FileHandle | null = null;
  try {
    handle = await open(dir, "r");
    await handle.sync();
  } catch {
    // not supported here (e.g. Windows)
  } finally {
    await handle?.close().catch(() => undefined);
  }
}
