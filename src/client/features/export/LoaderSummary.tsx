import type { LoaderPreview } from "../../../shared/insightsApi";
import { OVER_THREE_PAIRS_NOTE } from "../../../shared/loaderNotes";

const OVER_THREE_NOTE = `${OVER_THREE_PAIRS_NOTE.charAt(0).toUpperCase()}${OVER_THREE_PAIRS_NOTE.slice(1)}.`;

/** What the official MMR loader will do with the kept pairs, in the mode chosen. */
export function LoaderSummary({ loader, lossless }: { loader: LoaderPreview; lossless: boolean }) {
  const fmt = (n: number) => n.toLocaleString("en");
  const flags = Object.entries(loader.breakingByFlag).filter(([, n]) => n > 0);
  return (
    <div
      className="export-loader"
      data-testid="export-loader"
      data-breaking={loader.breaking}
      data-mask-form={loader.maskForm}
      data-over-three={loader.recordsOverThreePairs}
    >
      <p>
        <strong>{fmt(loader.breaking)}</strong> kept pair{loader.breaking === 1 ? "" : "s"} would break the official loader
        {loader.breaking > 0 && (lossless ? ": written as read in lossless mode." : ": left out of the loader-safe export.")}
        {flags.length > 0 && <span className="muted"> ({flags.map(([flag, n]) => `${flag} ${fmt(n)}`).join(", ")})</span>}
      </p>
      <p>
        <strong>{fmt(loader.maskForm)}</strong> kept pair{loader.maskForm === 1 ? " has" : "s have"} polygon or uncompressed target
        masks{loader.maskForm > 0 && (lossless ? ": kept as read (pycocotools raises on them)." : ": converted to compressed RLE.")}
      </p>
      <p>
        <strong>{fmt(loader.recordsOverThreePairs)}</strong> record{loader.recordsOverThreePairs === 1 ? " has" : "s have"} more than 3
        kept pairs. {loader.recordsOverThreePairs > 0 && <span className="muted">{OVER_THREE_NOTE}</span>}
      </p>
    </div>
  );
}
