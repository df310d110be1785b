import type { Sample } from "../../../shared/insightsApi";
import { estimateRows } from "./sampleEstimate";

const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

/**
 * Share of bad pairs estimated from the decided sample, with a 95% Wilson interval, per
 * granularity: "about 12% (7–20%) of part-only pairs are wrong" before reviewing them all.
 */
export function SampleEstimate({ sample }: { sample: Sample }) {
  const rows = estimateRows(sample.items, sample.populationByGranularity);
  const all = rows.at(-1);
  const done = all !== undefined && all.decided === all.sampled && all.sampled > 0;
  return (
    <section className="sample-estimate" data-testid="sample-estimate" data-complete={done ? "true" : "false"} aria-label="Sample estimate">
      <h2>
        Sample of {sample.items.length} from {sample.population.toLocaleString("en")} pairs · seed <code>{sample.seed}</code>
      </h2>
      <p className="muted">
        {done
          ? "Every sampled pair is decided: bad share (rejected) estimated for the whole filter, 95% Wilson interval."
          : `${all?.decided ?? 0} of ${all?.sampled ?? 0} sampled pairs decided; the estimate firms up as you go.`}
      </p>
      <table className="num-table">
        <thead>
          <tr>
            <th>Granularity</th>
            <th>Decided</th>
            <th>Rejected</th>
            <th>Bad share</th>
            <th>95% interval</th>
            <th>Pairs in filter</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr key={r.granularity} data-granularity={r.granularity}>
              <td>{r.granularity === "all" ? "all" : `${r.granularity}-only`.replace("mixed-only", "mixed")}</td>
              <td>
                {r.decided}/{r.sampled}
              </td>
              <td>{r.rejected}</td>
              <td data-testid="estimate">{r.decided ? pct(r.interval.estimate) : "—"}</td>
              <td data-testid="interval">{r.decided ? `${pct(r.interval.low)} – ${pct(r.interval.high)}` : "—"}</td>
              <td>{r.population.toLocaleString("en")}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
