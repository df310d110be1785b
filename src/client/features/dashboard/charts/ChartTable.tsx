import type { ReactNode } from "react";

/* The text alternative of a chart: its numbers as a table, folded away until asked for. */

export interface TableRow {
  key: string;
  cells: ReactNode[];
}

export function ChartTable({ caption, head, rows }: { caption: string; head: string[]; rows: TableRow[] }) {
  return (
    <details className="chart-table">
      <summary>Show as table</summary>
      <table className="num-table chart-table__table">
        <caption className="visually-hidden">{caption}</caption>
        <thead>
          <tr>
            {head.map((h) => (
              <th key={h} scope="col">
                {h}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {rows.map((row) => (
            <tr key={row.key}>
              {row.cells.map((cell, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {cell}
                  </th>
                ) : (
                  <td key={i}>
                    {cell}
                  </td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
