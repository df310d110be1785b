import { useCurrentSplit } from "./currentSplit";
import { navigate } from "../lib/router";

export function SplitPicker() {
  const { split, splits } = useCurrentSplit();
  if (!split) return <span className="muted">No split loaded</span>;
  return (
    <label className="split-picker">
      <span className="visually-hidden">Split</span>
      <select
        data-testid="split-picker"
        value={split.name}
        onChange={(event) => navigate(`/?split=${encodeURIComponent(event.target.value)}`)}
      >
        {splits.map((s) => (
          <option key={s.name} value={s.name}>
            {s.name} · {s.pairs.toLocaleString("en")} pairs
          </option>
        ))}
      </select>
    </label>
  );
}
