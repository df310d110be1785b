import { formatBytes } from "./streamDownload";
import { useDownload } from "./useDownload";

interface DownloadButtonProps {
  label: string;
  url: string;
  fileName: string;
  /** Expected size, for a progress bar; without it only the bytes so far are shown. */
  estimatedBytes?: number;
  testId: string;
}

/** A download with progress and Cancel (the export of a large split takes a while). */
export function DownloadButton({ label, url, fileName, estimatedBytes, testId }: DownloadButtonProps) {
  const { state, start, cancel } = useDownload();
  const running = state.phase === "running";
  // The estimate is the size of the kept records as imported; filtered records come out smaller.
  const fraction = running && estimatedBytes ? Math.min(0.99, state.bytes / estimatedBytes) : null;
  return (
    <div className="export-download" data-testid={testId} data-phase={state.phase}>
      <button type="button" className="button--primary" disabled={running} onClick={() => void start(url, fileName)}>
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
    </div>
  );
}
