import { ChartLink } from "./ChartLink";

/* A column chart (histogram): one linked column per bucket, its count above it. */

export interface Column {
  key: string;
  label: string;
  value: number;
  href: string;
  title: string;
}

const H = 170;
const AXIS = 22;
const TOP = 16;

export function Columns({ columns, width = 520, color, testId }: { columns: Column[]; width?: number; color: string; testId: string }) {
  const max = Math.max(1, ...columns.map((c) => c.value));
  const slot = width / Math.max(1, columns.length);
  const barW = Math.min(48, slot * 0.7);
  const total = columns.reduce((n, c) => n + c.value, 0);
  return (
    <svg className="chart" width="100%" viewBox={`0 0 ${width} ${H}`} role="img" data-testid={testId} data-total={total}>
      <line x1={0} x2={width} y1={H - AXIS} y2={H - AXIS} className="chart__axis" />
      {columns.map((c, i) => {
        const h = (c.value / max) * (H - AXIS - TOP);
        const x = i * slot + (slot - barW) / 2;
        return (
          <g key={c.key} data-column={c.key} data-value={c.value}>
            <ChartLink href={c.href} label={c.title}>
              <rect x={x} y={H - AXIS - h} width={barW} height={Math.max(h, c.value > 0 ? 1 : 0)} style={{ fill: color }} />
              <rect x={i * slot} y={0} width={slot} height={H - AXIS} className="chart__hit" />
            </ChartLink>
            <text x={x + barW / 2} y={H - AXIS - h - 4} textAnchor="middle" className="chart__value">
              {c.value > 0 ? c.value.toLocaleString("en") : ""}
            </text>
            <text x={x + barW / 2} y={H - 6} textAnchor="middle" className="chart__label">
              {c.label}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
