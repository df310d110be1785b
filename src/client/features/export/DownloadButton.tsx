import { canSaveToDisk } from "./saveToDisk";
import { formatBytes } from "./streamDownload";
import { useDownload } from "./useDownload";

/** Above this estimate a download that cannot stream to disk goes through a plain link instead of memory. */
export const LARGE_DOWNLOAD_BYTES = 200 * 1024 * 1024;

interface DownloadButtonProps {
  label: string;
  url: string;
  fileName: string;
  /** Expected size, for a progress bar; without it only the bytes so far are shown. */
  estimatedBytes?: number | undefined;
  testId: string;
}

/**
 * A download with progress and Cancel (the export of a large split takes a while). It streams
 * to a file the user picks where the browser allows; elsewhere it gathers the file in memory,
 * and for a large file offers a plain link that the browser's own download manager streams.
 */
export function DownloadButton({ label, url, fileName, estimatedBytes, testId }: DownloadButtonProps) {
  const { state, start, cancel } = useDownload();
  const running = state.phase === "running";
  const large = (estimatedBytes ?? 0) > LARGE_DOWNLOAD_BYTES;
  const showLink = large && (!canSaveToDisk() || state.phase === "needs-link");
  // The estimate is the size of the kept records as imported; filtered records come out smaller.
  const fraction = running && estimatedBytes ? Math.min(0.99, state.bytes / estimatedBytes) : null;
  return (
    <div className="export-download" data-testid={testId} data-phase={state.phase}>
      <button type="button" className="button--primary" disabled={running} onClick={() => void start(url, fileName, !large)}>
        {label}
      </button>
      {running && (
        <>
          <progress max={1} value={fraction ?? undefined} aria-label={`${label} progress`} />
          <span className="muted">{formatBytes(state.bytes)}</span>
          <button type="button" onClick={cancel}>
            Cancel
          </button>
        </>
      )}
      {state.phase === "done" && <span className="muted">Saved {fileName} · {formatBytes(state.bytes)}</span>}
      {state.phase === "cancelled" && <span className="muted">Cancelled.</span>}
      {state.phase === "failed" && <span className="export-error">Failed: {state.message}</span>}
      {showLink && (
        <p className="export-download__link" data-testid={`${testId}-link`}>
          About {formatBytes(estimatedBytes ?? 0)}: too large to gather in this browser&apos;s memory.{" "}
          <a href={url} download={fileName}>
            Save {fileName} with the browser&apos;s downloader
          </a>{" "}
          (it streams to disk; progress and cancel are in the browser&apos;s downloads).
        </p>
      )}
    </div>
  );
}
