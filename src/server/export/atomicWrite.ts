import { randomBytes } from "node:crypto";
import { open, rename, unlink } from "node:fs/promises";
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

export function tempPathFor(target: string): string {
  return join(dirname(target), `${basename(target)}.tmp-${randomBytes(6).toString("hex")}`);
}

export async function stageFile(target: string): Promise<StagedFile> {
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
