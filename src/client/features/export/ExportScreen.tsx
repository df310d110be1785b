import { useQuery } from "@tanstack/react-query";
import { useState } from "react";
import { exportPreviewQuery } from "../../api/insightsQueries";
import { useCurrentSplit } from "../../app/currentSplit";
import { DownloadButton } from "./DownloadButton";
import { ExportPreviewTable } from "./ExportPreviewTable";
import { LoaderSummary } from "./LoaderSummary";
import { ModelCompare } from "./ModelCompare";
import "./export.css";

/** Choose a split and whether pending pairs stay, see the effect, download the cleaned split. */
export function ExportScreen() {
  const { split: current, splits } = useCurrentSplit();
  const [chosen, setChosen] = useState<string | null>(null);
  const [includePending, setIncludePending] = useState(false);
  const [lossless, setLossless] = useState(false);
  const split = chosen ?? current?.name ?? null;
  const preview = useQuery({ ...exportPreviewQuery(split ?? "", includePending), enabled: split !== null });

  if (!split) return <main className="screen-message muted">No split to export yet.</main>;
  const query = new URLSearchParams({ split, ...(includePending ? { include: "pending" } : {}), ...(lossless ? { mode: "lossless" } : {}) });
  const cleanedName = `${split}.cleaned${includePending ? "-with-pending" : ""}${lossless ? "-lossless" : ""}.json`;
  return (
    <main className="export-screen" data-testid="export-screen">
      <h1>Export a cleaned split</h1>
      <p className="muted">
        Rejected pairs never appear; accepted pairs are written with their edits applied. The default, loader-safe file loads
        unchanged in the MMR training code: every target mask is compressed RLE, and pairs that would break the loader are left
        out. Lossless writes masks and records as read.
      </p>
      <div className="export-options">
        <label className="field--inline">
          <span>Split</span>
          <select aria-label="Split to export" value={split} onChange={(e) => setChosen(e.target.value)}>
            {splits.map((s) => (
              <option key={s.name} value={s.name}>
                {s.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field--inline">
          <input type="checkbox" checked={includePending} onChange={(e) => setIncludePending(e.target.checked)} />
          <span>Keep pending pairs</span>
        </label>
        <fieldset className="field--inline export-mode">
          <legend>Mode</legend>
          <label>
            <input type="radio" name="export-mode" checked={!lossless} onChange={() => setLossless(false)} />
            <span>Loader-safe</span>
          </label>
          <label>
            <input type="radio" name="export-mode" checked={lossless} onChange={() => setLossless(true)} />
            <span>Lossless</span>
          </label>
        </fieldset>
      </div>
      <section className="export-section" aria-label="Preview">
        <h2>Preview</h2>
        {preview.error ? (
          <p className="export-error">Could not compute the preview: {preview.error.message}</p>
        ) : preview.data ? (
          <>
            <ExportPreviewTable preview={preview.data} />
            {preview.data.loader && <LoaderSummary loader={preview.data.loader} lossless={lossless} />}
          </>
        ) : (
          <p className="muted">Counting…</p>
        )}
      </section>
      <ModelCompare split={split} includePending={includePending} />
      <section className="export-section" aria-label="Download">
        <h2>Download</h2>
        <DownloadButton
          key={cleanedName}
          label="Download cleaned split"
          url={`/api/export?${query}`}
          fileName={cleanedName}
          estimatedBytes={preview.data?.estimatedBytes}
          testId="download-cleaned"
        />
        <DownloadButton
          key={`${split}-log`}
          label="Download decision log"
          url={`/api/insights/decision-log?${new URLSearchParams({ split })}`}
          fileName={`${split}.decisions.jsonl`}
          testId="download-log"
        />
        {preview.data && (
          <p className="muted">
            The log holds one JSON line per decided pair ({preview.data.decided.toLocaleString("en")} now).
          </p>
        )}
      </section>
    </main>
  );
}
