import type { ReactNode } from "react";
import { ChartLink } from "./ChartLink";
import { ChartTable } from "./ChartTable";
import { Legend } from "./Legend";

/*
 * Horizontal (stacked) bars in HTML, one row per category, every segment a link to the pairs
 * it counts. Labels are text that wraps (never clipped), and the numbers are also a table.
 */

export interface Segment {
  key: string;
  value: number;
  color: string;
  /** Where the segment's pairs open; a segment without one is drawn, not linked. */
  href?: string;
  label: string;
}

export interface BarRow {
  key: string;
  label: string;
  segments: Segment[];
  /** Text right of the bar; defaults to the row total. */
  note?: string;
}

interface Props {
  title: string;
  rows: BarRow[];
  testId: string;
  /** Shown for stacked bars: which colour is which segment. */
  legend?: { key: string; label: string; color: string }[];
}

export function HBars({ title, rows, testId, legend }: Props) {
  const totals = rows.map((r) => r.segments.reduce((n, s) => n + s.value, 0));
  const max = Math.max(1, ...totals);
  const grand = totals.reduce((n, t) => n + t, 0);
  const keys = rows[0]?.segments.map((s) => s.key) ?? [];
  const link = (s: Segment): ReactNode => (s.href ? <ChartLink href={s.href} label={s.label}>{s.value.toLocaleString("en")}</ChartLink> : s.value.toLocaleString("en"));
  return (
    <figure className="hbars" aria-label={title} data-testid={testId} data-total={grand}>
      {legend && <Legend items={legend} />}
      <div className="hbars__rows">
        {rows.map((row, r) => (
          <div key={row.key} className="hbars__row" data-row={row.key} data-total={totals[r]}>
            <span className="hbars__label">{row.label}</span>
            <span className="hbars__track">
              {row.segments.map((s) => {
                if (s.value <= 0) return null;
                const style = { width: `${(s.value / max) * 100}%`, background: s.color };
                return s.href ? (
                  <ChartLink key={s.key} href={s.href} label={s.label} className="hbars__segment" style={style} data-segment={s.key} data-value={s.value} />
                ) : (
                  <span key={s.key} className="hbars__segment" style={style} title={s.label} data-segment={s.key} data-value={s.value} />
                );
              })}
            </span>
            <span className="hbars__note">{row.note ?? totals[r]!.toLocaleString("en")}</span>
          </div>
        ))}
      </div>
      <ChartTable
        caption={title}
        head={["name", ...(keys.length > 1 ? keys : ["pairs"]), ...(rows.some((r) => r.note) ? ["note"] : [])]}
        rows={rows.map((row) => ({
          key: row.key,
          cells: [row.label, ...row.segments.map(link), ...(rows.some((r) => r.note) ? [row.note ?? ""] : [])],
        }))}
      />
    </figure>
  );
}
