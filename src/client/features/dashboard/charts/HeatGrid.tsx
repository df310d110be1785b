import { ChartLink } from "./ChartLink";

/*
 * Rows × columns of shaded cells (reviewer × hour), as a real table: every hour has its own
 * column header (the date above the first hour of each day) and every number is text.
 */

export interface HeatCell {
  row: string;
  column: string;
  value: number;
}

interface Props {
  title: string;
  rows: string[];
  /** ISO hours `YYYY-MM-DDTHH`, in order. */
  columns: string[];
  cells: HeatCell[];
  rowHref: (row: string) => string;
  rowLinkLabel: (row: string) => string;
  cellHref: (row: string, column: string) => string;
  testId: string;
}

export function HeatGrid({ title, rows, columns, cells, rowHref, rowLinkLabel, cellHref, testId }: Props) {
  const values = new Map(cells.map((c) => [`${c.row}\u0000${c.column}`, c.value]));
  const max = Math.max(1, ...cells.map((c) => c.value));
  const total = cells.reduce((n, c) => n + c.value, 0);
  const days: { day: string; span: number }[] = [];
  for (const col of columns) {
    const day = col.slice(0, 10);
    const last = days.at(-1);
    if (last?.day === day) last.span += 1;
    else days.push({ day, span: 1 });
  }
  return (
    <div className="chart-scroll">
      <table className="heat-grid" data-testid={testId} data-total={total}>
        <caption className="visually-hidden">{title}</caption>
        <thead>
          <tr>
            <td />
            {days.map((d) => (
              <th key={d.day} scope="colgroup" colSpan={d.span} className="heat-grid__day">
                {d.day}
              </th>
            ))}
          </tr>
          <tr>
            <th scope="col" className="heat-grid__corner">
              Reviewer <span className="muted">· UTC hour</span>
            </th>
            {columns.map((col) => (
              <th key={col} scope="col" className="heat-grid__hour">
                {col.slice(11, 13)}h
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row} data-row={row}>
              <th scope="row" className="heat-grid__reviewer">
                <ChartLink href={rowHref(row)} label={rowLinkLabel(row)}>
                  {row}
                </ChartLink>
              </th>
              {columns.map((col) => {
                const v = values.get(`${row}\u0000${col}`) ?? 0;
                const mix = v === 0 ? 0 : Math.round(12 + 38 * (v / max));
                const label = `${row}, ${col.slice(0, 10)} ${col.slice(11, 13)}:00 UTC: ${v} decision${v === 1 ? "" : "s"}`;
                return (
                  <td
                    key={col}
                    className={v === 0 ? "heat-grid__cell heat-grid__cell--empty" : "heat-grid__cell"}
                    style={v === 0 ? undefined : { background: `color-mix(in srgb, var(--accent) ${mix}%, var(--panel-bg))` }}
                    title={v === 0 ? label : undefined}
                    data-value={v}
                  >
                    {v > 0 && (
                      <ChartLink href={cellHref(row, col)} label={`${label}; opens those pairs`} className="heat-grid__link">
                        {v}
                      </ChartLink>
                    )}
                  </td>
                );
              })}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
