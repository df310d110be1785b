import { middleTruncate } from "./middleTruncate";
import type { ThumbEntry } from "./thumbCache";

/** The painted targets by name, each with its colour and placeholder number. */
export function TargetNames({ targets, className, max = 30 }: { targets: ThumbEntry["targets"]; className: string; max?: number }) {
  return (
    <ol className={className} data-testid="card-targets">
      {targets.map((t, k) => (
        <li key={k}>
          <span className="target-swatch" style={{ background: t.color }} aria-hidden="true" />
          <span className="target-name">
            {k + 1} {middleTruncate(t.name, max)}
          </span>
        </li>
      ))}
    </ol>
  );
}
