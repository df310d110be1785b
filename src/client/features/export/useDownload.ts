import { useCallback, useEffect, useRef, useState } from "react";
import { pickSaveFile, streamToFile } from "./saveToDisk";
import { saveBlob, streamDownload } from "./streamDownload";

export type DownloadState =
  | { phase: "idle" }
  | { phase: "running"; bytes: number }
  | { phase: "done"; bytes: number }
  | { phase: "cancelled" }
  /** No streaming to disk here and the file is too large to gather in memory: use a plain link. */
  | { phase: "needs-link" }
  | { phase: "failed"; message: string };

/** One cancellable download with its progress; leaving the screen cancels it. */
export function useDownload() {
  const [state, setState] = useState<DownloadState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  /** `inMemoryOk`: false when the file is too large to gather in a Blob if it cannot stream to disk. */
  const start = useCallback(async (url: string, fileName: string, inMemoryOk = true) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    // Where the browser lets us, the file streams to disk; else it is gathered in memory.
    const target = await pickSaveFile(fileName);
    if (target.kind === "dismissed") {
      if (controller.current === abort) controller.current = null;
      return;
    }
    if (target.kind === "unavailable" && !inMemoryOk) {
      if (controller.current === abort) controller.current = null;
      setState({ phase: "needs-link" });
      return;
    }
    setState({ phase: "running", bytes: 0 });
    // Progress arrives per chunk; repainting at most every 100 ms keeps the page responsive.
    let last = 0;
    const onProgress = ({ bytes }: { bytes: number }) => {
      const now = performance.now();
      if (now - last > 100) {
        last = now;
        setState({ phase: "running", bytes });
      }
    };
    try {
      if (target.kind === "file") {
        const bytes = await streamToFile(url, target.writable, abort.signal, onProgress);
        setState({ phase: "done", bytes });
      } else {
        const blob = await streamDownload(url, abort.signal, onProgress);
        saveBlob(blob, fileName);
        setState({ phase: "done", bytes: blob.size });
      }
    } catch (error) {
      if (abort.signal.aborted) setState({ phase: "cancelled" });
      else setState({ phase: "failed", message: error instanceof Error ? error.message : String(error) });
    } finally {
      if (controller.current === abort) controller.current = null;
    }
  }, []);

  const cancel = useCallback(() => controller.current?.abort(), []);
  return { state, start, cancel };
}
