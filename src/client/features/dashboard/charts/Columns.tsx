import { ChartLink } from "./ChartLink";
import { ChartTable } from "./ChartTable";

/* A column chart (histogram) in HTML: one linked column per bucket, its count above it. */

export interface Column {
  key: string;
  label: string;
  value: number;
  href: string;
  title: string;
}

export function Columns({ title, columns, color, testId, axisLabel }: { title: string; columns: Column[]; color: string; testId: string; axisLabel: string }) {
  const max = Math.max(1, ...columns.map((c) => c.value));
  const total = columns.reduce((n, c) => n + c.value, 0);
  return (
    <figure className="columns" aria-label={title} data-testid={testId} data-total={total}>
      <div className="columns__plot">
        {columns.map((c) => (
          <div key={c.key} className="columns__column" data-column={c.key} data-value={c.value}>
            <span className="columns__value">{c.value > 0 ? c.value.toLocaleString("en") : ""}</span>
            <ChartLink href={c.href} label={c.title} className="columns__bar-slot">
              <span className="columns__bar" style={{ height: `${(c.value / max) * 100}%`, minHeight: c.value > 0 ? 1 : 0, background: color }} />
            </ChartLink>
          </div>
        ))}
      </div>
      <div className="columns__labels" aria-hidden="true">
        {columns.map((c) => (
          <span key={c.key} className="columns__label">
            {c.label}
          </span>
        ))}
      </div>
      <div className="columns__axis muted">{axisLabel}</div>
      <ChartTable
        caption={title}
        head={[axisLabel, "pairs"]}
        rows={columns.map((c) => ({ key: c.key, cells: [c.label, <ChartLink key="l" href={c.href} label={c.title}>{c.value.toLocaleString("en")}</ChartLink>] }))}
      />
    </figure>
  );
}
