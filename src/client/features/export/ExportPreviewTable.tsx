import type { ExportPreview } from "../../../shared/insightsApi";
import { granularities } from "../../../shared/domain";

/** Kept rows first: what the file will hold, then what it leaves out. */
const rowOrder = ["accepted", "pending", "rejected"] as const;

/** What the export keeps and drops, by status and granularity, before anything is written. */
export function ExportPreviewTable({ preview }: { preview: ExportPreview }) {
  const kept = (status: string) => status === "accepted" || (status === "pending" && preview.includePending);
  return (
    <div
      className="export-preview"
      data-testid="export-preview"
      data-pairs-kept={preview.pairs.kept}
      data-pairs-dropped={preview.pairs.dropped}
      data-images-kept={preview.images.kept}
      data-images-dropped={preview.images.dropped}
      data-edited={preview.editedKept}
      data-decided={preview.decided}
    >
      <div className="export-preview__totals">
        <div>
          <span className="muted">Pairs</span>
          <strong className="export-kept">{preview.pairs.kept.toLocaleString("en")} kept</strong>
          <strong className="export-dropped">{preview.pairs.dropped.toLocaleString("en")} dropped</strong>
        </div>
        <div>
          <span className="muted">Images</span>
          <strong className="export-kept">{preview.images.kept.toLocaleString("en")} kept</strong>
          <strong className="export-dropped">{preview.images.dropped.toLocaleString("en")} dropped</strong>
        </div>
        <div>
          <span className="muted">Edited pairs kept</span>
          <strong>{preview.editedKept.toLocaleString("en")}</strong>
        </div>
      </div>
      <table className="num-table">
        <thead>
          <tr>
            <th>Status</th>
            {granularities.map((g) => (
              <th key={g}>{g === "mixed" ? "mixed" : `${g}-only`}</th>
            ))}
            <th>Total</th>
            <th />
          </tr>
        </thead>
        <tbody>
          {rowOrder.map((status) => {
            const row = preview.byStatus[status];
            const total = granularities.reduce((n, g) => n + row[g], 0);
            return (
              <tr key={status} data-status={status} className={kept(status) ? "export-row--kept" : "export-row--dropped"}>
                <td>
                  <span className={`status-dot status-dot--${status}`} /> {status}
                </td>
                {granularities.map((g) => (
                  <td key={g}>{row[g].toLocaleString("en")}</td>
                ))}
                <td>{total.toLocaleString("en")}</td>
                <td>{kept(status) ? "kept" : "dropped"}</td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
