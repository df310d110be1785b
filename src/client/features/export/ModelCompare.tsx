import { useQuery } from "@tanstack/react-query";
import { evalCompareQuery, modelsQuery } from "../../api/predictionsQueries";
import type { EvalCompare } from "../../../shared/predictionsApi";

/* What cleaning changes, per imported model: `eval --db --compare` for the split being exported. */

const rows = [
  ["object", "object"],
  ["part", "part"],
  ["mixed", "both"],
  ["all", "all"],
] as const;

const pct = (v: number) => (v * 100).toFixed(1);

function ModelRow({ split, model, includePending }: { split: string; model: string; includePending: boolean }) {
  const result = useQuery(evalCompareQuery(split, model, includePending ? "all" : "accepted"));
  if (result.error) return <p className="export-error">{model}: {result.error.message}</p>;
  if (!result.data) return <p className="muted">{model}: scoring…</p>;
  const data: EvalCompare = result.data;
  return (
    <table className="num-table" data-testid="model-compare" data-model={model}>
      <thead>
        <tr>
          <th>{model}</th>
          <th colSpan={3}>raw split (as imported)</th>
          <th colSpan={3}>cleaned ({includePending ? "accepted + pending" : "accepted"})</th>
        </tr>
        <tr>
          <th>subset</th>
          <th>gIoU</th>
          <th>cIoU</th>
          <th>pairs</th>
          <th>gIoU</th>
          <th>cIoU</th>
          <th>pairs</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([key, label]) => {
          const raw = data.raw?.subsets[key];
          const cleaned = data.cleaned.subsets[key];
          return (
            <tr key={key} data-subset={key}>
              <td>{label}</td>
              <td>{raw && raw.pairs > 0 ? pct(raw.gIoU) : "–"}</td>
              <td>{raw && raw.pairs > 0 ? pct(raw.cIoU) : "–"}</td>
              <td>{raw?.pairs.toLocaleString("en") ?? "–"}</td>
              <td>{cleaned.pairs > 0 ? pct(cleaned.gIoU) : "–"}</td>
              <td>{cleaned.pairs > 0 ? pct(cleaned.cIoU) : "–"}</td>
              <td>{cleaned.pairs.toLocaleString("en")}</td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

export function ModelCompare({ split, includePending }: { split: string; includePending: boolean }) {
  const models = useQuery(modelsQuery(split)).data ?? [];
  if (models.length === 0) return null;
  return (
    <section className="export-section" aria-label="What cleaning changes">
      <h2>What cleaning changes</h2>
      <p className="muted">gIoU and cIoU of each imported model, as the official validate() computes them, on the split as imported and as it will be exported.</p>
      {models.map((m) => (
        <ModelRow key={m.model} split={split} model={m.model} includePending={includePending} />
      ))}
    </section>
  );
}
