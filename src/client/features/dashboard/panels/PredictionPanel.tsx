import { useState } from "react";
import { useQuery } from "@tanstack/react-query";
import { iouInsightsQuery, modelsQuery } from "../../../api/predictionsQueries";
import { Columns, type Column } from "../charts/Columns";
import { galleryHref } from "../links";
import { Panel } from "./Panel";

/*
 * Does disagreement find bad pairs? Pair IoU of an imported model as a histogram, and the reject
 * share among the lowest-IoU 5 / 10 / 20 % against the overall one. Hidden when the split has no
 * model. A column opens the gallery on the model's pairs of that IoU range, lowest IoU first.
 */

const pct = (v: number | null) => (v === null ? "–" : `${(v * 100).toFixed(1)} %`);

export function PredictionPanel({ split }: { split: string | undefined }) {
  const models = useQuery({ ...modelsQuery(split ?? ""), enabled: split !== undefined }).data ?? [];
  const [picked, setPicked] = useState<string | null>(null);
  const model = models.find((m) => m.model === picked)?.model ?? models[0]?.model ?? null;
  const insights = useQuery({ ...iouInsightsQuery(split ?? "", model ?? ""), enabled: split !== undefined && model !== null, refetchInterval: 15_000 });
  if (!split || model === null) return null;
  const data = insights.data;
  const columns: Column[] = (data?.histogram ?? []).map((bin) => ({
    key: bin.from.toFixed(1),
    label: bin.from.toFixed(1),
    value: bin.pairs,
    href: galleryHref({ split, sort: "disagreement", model, minIou: bin.from, maxIou: bin.to }),
    title: `${bin.pairs} pairs with IoU ${bin.from.toFixed(1)}–${bin.to.toFixed(1)}: ${bin.byStatus.rejected} rejected, ${bin.byStatus.accepted} accepted`,
  }));
  return (
    <Panel title="Model agreement (pair IoU)" hint="Share of rejected pairs (of decided) among the pairs the model disagrees with most." wide>
      {models.length > 1 && (
        <select aria-label="Model" value={model} onChange={(e) => setPicked(e.target.value)}>
          {models.map((m) => (
            <option key={m.model}>{m.model}</option>
          ))}
        </select>
      )}
      {insights.error ? <p className="muted">Could not load: {insights.error.message}</p> : null}
      {data && (
        <>
          <Columns title="Pairs by pair IoU" axisLabel="pair IoU" columns={columns} color="var(--chart-pink)" testId="chart-iou" />
          <table className="num-table" data-testid="iou-reject-share">
            <thead>
              <tr>
                <th>Pairs</th>
                <th>Count</th>
                <th>Decided</th>
                <th>Rejected</th>
                <th>Reject share</th>
              </tr>
            </thead>
            <tbody>
              {data.lowest.map((s) => (
                <tr key={s.fraction} data-fraction={s.fraction}>
                  <td>lowest-IoU {Math.round(s.fraction * 100)} %</td>
                  <td>{s.pairs.toLocaleString("en")}</td>
                  <td>{s.decided.toLocaleString("en")}</td>
                  <td>{s.rejected.toLocaleString("en")}</td>
                  <td>{pct(s.rejectShare)}</td>
                </tr>
              ))}
              <tr data-fraction="1">
                <td>all scored pairs</td>
                <td>{data.overall.pairs.toLocaleString("en")}</td>
                <td>{data.overall.decided.toLocaleString("en")}</td>
                <td>{data.overall.rejected.toLocaleString("en")}</td>
                <td>{pct(data.overall.rejectShare)}</td>
              </tr>
            </tbody>
          </table>
        </>
      )}
    </Panel>
  );
}
