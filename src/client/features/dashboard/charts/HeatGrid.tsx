import { ChartLink } from "./ChartLink";

/* Rows × columns of shaded cells (reviewer × hour); darker is more. */

export interface HeatCell {
  row: string;
  column: string;
  value: number;
}

const CELL_H = 24;
const LABEL_W = 110;
const HEADER = 40;

export function HeatGrid({
  rows,
  columns,
  cells,
  href,
  testId,
  columnLabel,
}: {
  rows: string[];
  columns: string[];
  cells: HeatCell[];
  href: (row: string) => string;
  testId: string;
  columnLabel: (column: string) => string;
}) {
  const values = new Map(cells.map((c) => [`${c.row}\u0000${c.column}`, c.value]));
  const max = Math.max(1, ...cells.map((c) => c.value));
  // Cells keep a readable size; a long stretch of hours scrolls sideways instead of shrinking.
  const cellW = 34;
  const width = LABEL_W + cellW * columns.length + 40;
  const total = cells.reduce((n, c) => n + c.value, 0);
  // Every third hour is labelled; the others would collide.
  const every = 3;
  return (
    <div className="chart-scroll">
      <svg className="chart" width={width} height={HEADER + rows.length * CELL_H} role="img" data-testid={testId} data-total={total}>
        {columns.map((col, j) =>
          j % every === 0 ? (
            <text key={col} x={LABEL_W + j * cellW + cellW / 2} y={HEADER - 8} textAnchor="middle" className="chart__label chart__label--small">
              {columnLabel(col)}
            </text>
          ) : null,
        )}
        {rows.map((row, i) => (
          <g key={row} data-row={row}>
            <text x={LABEL_W - 8} y={HEADER + i * CELL_H + 16} textAnchor="end" className="chart__label">
              {row}
            </text>
            {columns.map((col, j) => {
              const v = values.get(`${row}\u0000${col}`) ?? 0;
              return (
                <ChartLink key={col} href={href(row)} label={`${row}, ${col}:00 UTC — ${v} decision${v === 1 ? "" : "s"}. Opens all of ${row}'s pairs (not only this hour's).`}>
                  <rect
                    x={LABEL_W + j * cellW + 1}
                    y={HEADER + i * CELL_H + 1}
                    width={cellW - 2}
                    height={CELL_H - 2}
                    rx={3}
                    className={v === 0 ? "chart__empty-cell" : undefined}
                    style={v === 0 ? undefined : { fill: "var(--accent)", fillOpacity: 0.2 + 0.8 * (v / max) }}
                    data-value={v}
                  />
                  {v > 0 && (
                    <text x={LABEL_W + j * cellW + cellW / 2} y={HEADER + i * CELL_H + 16} textAnchor="middle" className="chart__cell-value">
                      {v}
                    </text>
                  )}
                </ChartLink>
              );
            })}
          </g>
        ))}
      </svg>
    </div>
  );
}
