import type { PairFilter } from "../../../shared/api";
import { flagIds, granularities, statuses } from "../../../shared/domain";

/** Filters a link can set (dashboard, queue) that have no control here: shown as removable chips. */
const extraFilters = [
  { key: "maxTargets", label: "targets ≤" },
  { key: "reviewer", label: "reviewer" },
  { key: "category", label: "category" },
  { key: "sort", label: "sort" },
] as const satisfies readonly { key: keyof PairFilter; label: string }[];

interface GalleryFiltersProps {
  filters: PairFilter;
  onChange: (filters: PairFilter) => void;
}

/** The queue's filters in a compact bar; every change lands in the URL. */
export function GalleryFilters({ filters, onChange }: GalleryFiltersProps) {
  const set = <K extends keyof PairFilter>(key: K, value: PairFilter[K] | "") => {
    const next = { ...filters };
    if (value === "" || value === undefined) delete next[key];
    else next[key] = value;
    onChange(next);
  };
  return (
    <div className="gallery-filters" role="group" aria-label="Filters">
      <label className="field--inline">
        <span>Status</span>
        <select value={filters.status ?? ""} onChange={(e) => set("status", e.target.value as PairFilter["status"] | "")}>
          <option value="">any</option>
          {statuses.map((s) => (
            <option key={s}>{s}</option>
          ))}
        </select>
      </label>
      <label className="field--inline">
        <span>Granularity</span>
        <select value={filters.granularity ?? ""} onChange={(e) => set("granularity", e.target.value as PairFilter["granularity"] | "")}>
          <option value="">any</option>
          {granularities.map((g) => (
            <option key={g}>{g}</option>
          ))}
        </select>
      </label>
      <label className="field--inline">
        <span>Targets ≥</span>
        <select
          aria-label="Minimum targets"
          value={String(filters.minTargets ?? 0)}
          onChange={(e) => set("minTargets", Number(e.target.value))}
        >
          {[0, 1, 2, 3, 4, 5].map((n) => (
            <option key={n} value={n}>
              {n === 0 ? "any" : n}
            </option>
          ))}
        </select>
      </label>
      <label className="field--inline">
        <span>Flag</span>
        <select value={filters.flag ?? ""} onChange={(e) => set("flag", e.target.value as PairFilter["flag"] | "")}>
          <option value="">any</option>
          {flagIds.map((f) => (
            <option key={f}>{f}</option>
          ))}
        </select>
      </label>
      {extraFilters.map(({ key, label }) =>
        filters[key] === undefined ? null : (
          <button key={key} type="button" className="gallery-filters__chip" title="Remove this filter" onClick={() => set(key, "")}>
            {label} {String(filters[key])} ×
          </button>
        ),
      )}
      <input
        className="gallery-filters__search"
        type="search"
        placeholder="Search question / answer"
        aria-label="Search"
        defaultValue={filters.q ?? ""}
        onKeyDown={(e) => {
          if (e.key === "Enter") set("q", e.currentTarget.value.trim());
        }}
        onBlur={(e) => set("q", e.currentTarget.value.trim() || undefined)}
      />
    </div>
  );
}
