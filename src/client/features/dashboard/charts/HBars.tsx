import { ChartLink } from "./ChartLink";

/*
 * Horizontal (stacked) bars, one row per category, every segment a link to the pairs it counts.
 * Hand-rolled SVG: a dozen rectangles need no charting library, and links stay real anchors.
 */

export interface Segment {
  key: string;
  value: number;
  color: string;
  href: string;
  label: string;
}

export interface BarRow {
  key: string;
  label: string;
  segments: Segment[];
  /** Text right of the bar; defaults to the row total. */
  note?: string;
}

const ROW = 26;
const LABEL_W = 150;
const NOTE_W = 120;

export function HBars({ rows, width = 520, testId }: { rows: BarRow[]; width?: number; testId: string }) {
  const totals = rows.map((r) => r.segments.reduce((n, s) => n + s.value, 0));
  const max = Math.max(1, ...totals);
  const barW = width - LABEL_W - NOTE_W;
  const grand = totals.reduce((n, t) => n + t, 0);
  return (
    <svg className="chart" width="100%" viewBox={`0 0 ${width} ${rows.length * ROW + 4}`} role="img" data-testid={testId} data-total={grand}>
      {rows.map((row, r) => {
        let x = LABEL_W;
        const y = r * ROW + 4;
        return (
          <g key={row.key} data-row={row.key} data-total={totals[r]}>
            <text x={LABEL_W - 8} y={y + 14} textAnchor="end" className="chart__label">
              {row.label}
            </text>
            <rect x={LABEL_W} y={y} width={barW} height={ROW - 8} className="chart__track" />
            {row.segments.map((s) => {
              const w = (s.value / max) * barW;
              const rect = (
                <ChartLink key={s.key} href={s.href} label={s.label}>
                  <rect x={x} y={y} width={Math.max(0, w)} height={ROW - 8} style={{ fill: s.color }} data-segment={s.key} data-value={s.value} />
                </ChartLink>
              );
              x += w;
              return s.value > 0 ? rect : null;
            })}
            <text x={LABEL_W + barW + 8} y={y + 14} className="chart__value">
              {row.note ?? totals[r]!.toLocaleString("en")}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
