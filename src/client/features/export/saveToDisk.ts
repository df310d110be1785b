import type { DownloadProgress } from "./streamDownload";

/*
 * Streams a download straight into a file the user picks, through the File System Access API
 * (Chromium on localhost or HTTPS). Nothing is held in memory, so a ~480 MB train split is fine.
 * The browser writes into a swap file and moves it into place only on close: an aborted pipe
 * discards the swap file, so a cancelled export leaves no half file behind.
 */

interface SaveFilePickerOptions {
  suggestedName?: string;
  types?: { description?: string; accept: Record<string, string[]> }[];
}
type ShowSaveFilePicker = (options?: SaveFilePickerOptions) => Promise<FileSystemFileHandle>;

function picker(): ShowSaveFilePicker | null {
  const candidate = (window as unknown as { showSaveFilePicker?: unknown }).showSaveFilePicker;
  return typeof candidate === "function" ? (candidate as ShowSaveFilePicker).bind(window) : null;
}

/** Whether this browser can stream a download to disk (else the caller holds it in a Blob). */
export function canSaveToDisk(): boolean {
  return picker() !== null;
}

export type PickResult = { kind: "file"; writable: FileSystemWritableFileStream } | { kind: "dismissed" } | { kind: "unavailable" };

/**
 * Asks where to save. Call it straight from the click (the picker needs the user gesture).
 * "dismissed": the user closed the picker; "unavailable": no API, or the browser refused it
 * (e.g. not a secure context, blocked by policy), so fall back to the in-memory download.
 */
export async function pickSaveFile(fileName: string): Promise<PickResult> {
  const show = picker();
  if (!show) return { kind: "unavailable" };
  try {
    const extension = fileName.slice(fileName.lastIndexOf("."));
    const mime = extension === ".jsonl" ? "application/x-ndjson" : "application/json";
    const handle = await show({ suggestedName: fileName, types: [{ description: fileName, accept: { [mime]: [extension] } }] });
    return { kind: "file", writable: await handle.createWritable() };
  } catch (error) {
    if (error instanceof DOMException && error.name === "AbortError") return { kind: "dismissed" };
    return { kind: "unavailable" };
  }
}

/** Pipes the response body into `writable`, counting bytes; aborting `signal` aborts the writable. */
export async function streamToFile(
  url: string,
  writable: FileSystemWritableFileStream,
  signal: AbortSignal,
  onProgress: (p: DownloadProgress) => void,
): Promise<number> {
  let response: Response;
  try {
    response = await fetch(url, { signal });
  } catch (error) {
    await writable.abort().catch(() => undefined);
    throw error;
  }
  if (!response.ok || !response.body) {
    await writable.abort().catch(() => undefined);
    const text = await response.text().catch(() => "");
    throw new Error(`HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`);
  }
  let bytes = 0;
  const counter = new TransformStream<Uint8Array, Uint8Array>({
    transform(chunk, controller) {
      bytes += chunk.byteLength;
      onProgress({ bytes });
      controller.enqueue(chunk);
    },
  });
  // pipeTo closes the writable on success (the file then appears) and aborts it on error or
  // on `signal` (the swap file is dropped).
  await response.body.pipeThrough(counter).pipeTo(writable, { signal });
  return bytes;
}
