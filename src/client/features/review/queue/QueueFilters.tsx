import type { PairFilter } from "../../../../shared/api";
import { flagIds, granularities, statuses } from "../../../../shared/domain";
import { DebouncedInput } from "./DebouncedInput";
import { IouRange, useSortPatch } from "../predictions/DisagreementSort";

interface Props {
  filters: PairFilter;
  onChange: (patch: Partial<PairFilter>) => void;
}

const numberOrUndefined = (text: string) => (text.trim() === "" || Number.isNaN(Number(text)) ? undefined : Math.max(0, Math.floor(Number(text))));

/** The queue's filters; every change goes to the URL so the queue can be shared as a link. */
export function QueueFilters({ filters, onChange }: Props) {
  const multi = filters.minTargets === 2 && filters.maxTargets === undefined;
  const sort = useSortPatch(filters);
  return (
    <div className="queue-filters" data-testid="queue-filters">
      <DebouncedInput
        type="search"
        className="queue-filters__search"
        placeholder="Search questions and answers"
        aria-label="Search"
        value={filters.q ?? ""}
        onCommit={(q) => onChange({ q: q || undefined })}
      />
      <div className="queue-filters__grid">
        <select aria-label="Status" value={filters.status ?? ""} onChange={(e) => onChange({ status: (e.target.value || undefined) as PairFilter["status"] })}>
          <option value="">Any status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>{s}</option>
          ))}
        </select>
        <select aria-label="Granularity" value={filters.granularity ?? ""} onChange={(e) => onChange({ granularity: (e.target.value || undefined) as PairFilter["granularity"] })}>
          <option value="">Any granularity</option>
          {granularities.map((g) => (
            <option key={g} value={g}>{g}</option>
          ))}
        </select>
        <select aria-label="Flag" value={filters.flag ?? ""} onChange={(e) => onChange({ flag: (e.target.value || undefined) as PairFilter["flag"] })}>
          <option value="">Any flag state</option>
          {flagIds.map((f) => (
            <option key={f} value={f}>⚑ {f}</option>
          ))}
        </select>
        <select aria-label="Sort" value={filters.sort ?? "dataset"} onChange={(e) => onChange(sort.patch(e.target.value))}>
          <option value="dataset">Dataset order</option>
          <option value="flagged">Flagged first</option>
          {sort.available && <option value="disagreement">Model disagrees most</option>}
        </select>
        <div className="queue-filters__targets">
          <DebouncedInput aria-label="Minimum targets" placeholder="min" inputMode="numeric" value={filters.minTargets?.toString() ?? ""} onCommit={(v) => onChange({ minTargets: numberOrUndefined(v) })} />
          <span className="muted">–</span>
          <DebouncedInput aria-label="Maximum targets" placeholder="max" inputMode="numeric" value={filters.maxTargets?.toString() ?? ""} onCommit={(v) => onChange({ maxTargets: numberOrUndefined(v) })} />
          <span className="muted">targets</span>
          <button type="button" className={`preset${multi ? " preset--on" : ""}`} aria-pressed={multi} onClick={() => onChange(multi ? { minTargets: undefined } : { minTargets: 2, maxTargets: undefined })}>
            Multi-target
          </button>
        </div>
        <DebouncedInput aria-label="Category" placeholder="category (chair, chair:leg)" value={filters.category ?? ""} onCommit={(v) => onChange({ category: v.trim() || undefined })} />
        <DebouncedInput aria-label="Reviewer" placeholder="reviewer" value={filters.reviewer ?? ""} onCommit={(v) => onChange({ reviewer: v.trim() || undefined })} />
        <IouRange filters={filters} onChange={onChange} />
      </div>
    </div>
  );
}
