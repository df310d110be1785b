import { useCallback, useEffect, useRef, useState } from "react";
import { saveBlob, streamDownload } from "./streamDownload";

export type DownloadState =
  | { phase: "idle" }
  | { phase: "running"; bytes: number }
  | { phase: "done"; bytes: number }
  | { phase: "cancelled" }
  | { phase: "failed"; message: string };

/** One cancellable download with its progress; leaving the screen cancels it. */
export function useDownload() {
  const [state, setState] = useState<DownloadState>({ phase: "idle" });
  const controller = useRef<AbortController | null>(null);

  useEffect(() => () => controller.current?.abort(), []);

  const start = useCallback(async (url: string, fileName: string) => {
    controller.current?.abort();
    const abort = new AbortController();
    controller.current = abort;
    setState({ phase: "running", bytes: 0 });
    try {
      // Progress arrives per chunk; repainting at most every 100 ms keeps the page responsive.
      let last = 0;
      const blob = await streamDownload(url, abort.signal, ({ bytes }) => {
        const now = performance.now();
        if (now - last > 100) {
          last = now;
          setState({ phase: "running", bytes });
        }
      });
      saveBlob(blob, fileName);
      setState({ phase: "done", bytes: blob.size });
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
