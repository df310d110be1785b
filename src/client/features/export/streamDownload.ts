/*
 * The in-memory fallback (browsers without the File System Access API, see saveToDisk.ts):
 * downloads through fetch so a long export can show progress and be cancelled; the body is read
 * chunk by chunk (the server streams it) and the whole file is handed to the browser at the end.
 */

export interface DownloadProgress {
  bytes: number;
}

export async function streamDownload(url: string, signal: AbortSignal, onProgress: (p: DownloadProgress) => void): Promise<Blob> {
  const response = await fetch(url, { signal });
  if (!response.ok || !response.body) {
    const text = await response.text().catch(() => "");
    throw new Error(`HTTP ${response.status}${text ? `: ${text.slice(0, 200)}` : ""}`);
  }
  const reader = response.body.getReader();
  const parts: Uint8Array<ArrayBuffer>[] = [];
  let bytes = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    parts.push(value);
    bytes += value.byteLength;
    onProgress({ bytes });
  }
  return new Blob(parts, { type: response.headers.get("content-type") ?? "application/octet-stream" });
}

export function saveBlob(blob: Blob, fileName: string): void {
  const href = URL.createObjectURL(blob);
  const a = document.createElement("a");
  a.href = href;
  a.download = fileName;
  document.body.append(a);
  a.click();
  a.remove();
  // Give the browser a moment to start the save before the URL goes.
  setTimeout(() => URL.revokeObjectURL(href), 10_000);
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}
