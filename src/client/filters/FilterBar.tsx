import type { ReactNode } from "react";
import type { PairFilter, StatusCounts } from "../../shared/api";
import { flagIds, granularities, reasonCodes, reasonLabels, statuses } from "../../shared/domain";
import { useReviewerStore } from "../app/reviewerStore";
import { DebouncedInput } from "./DebouncedInput";

/*
 * The one filter bar of Review's queue and the Gallery. Every filter the URL can hold has a
 * control here or, when it has none (the dashboard's disagreement link), a removable chip, so
 * a list is never narrowed by something the screen does not show.
 */

export interface FilterChip {
  key: string;
  label: string;
  onRemove: () => void;
}

interface Props {
  filters: PairFilter;
  onChange: (next: PairFilter) => void;
  /** Per-status counts of the filter (without its status): shown in the status options. */
  counts?: StatusCounts;
  /** `pane`: the narrow queue column; `bar`: the gallery's toolbar row. */
  layout: "pane" | "bar";
  /** Screen-specific state that narrows the list too (the gallery's sample). */
  extraChips?: FilterChip[];
  /** Filters of the link that were not understood and are not applied (`reason=bogus`). */
  ignored?: string[];
  /** Orders beyond dataset and flagged-first (Review's "Model disagrees most"), and what choosing one sets. */
  extraSorts?: { value: string; label: string }[];
  onSort?: (value: string) => Partial<PairFilter>;
  children?: ReactNode;
}

const wholeNumber = (text: string) => {
  const n = Number(text.trim());
  return text.trim() === "" || !Number.isFinite(n) ? undefined : Math.max(0, Math.floor(n));
};

/** The known reasons, plus a custom one the URL names (reason codes are open-ended). */
function reasonOptions(current: string | undefined): string[] {
  const known: readonly string[] = reasonCodes;
  return current === undefined || known.includes(current) ? [...known] : [...known, current];
}

/**
 * The discussion control's value: a thread state, or "mentions me". A mention of someone else (a
 * shared link) has no option here: it shows as a chip.
 */
function discussionValue(filters: PairFilter, me: string | null): string {
  return filters.discussion ?? (me !== null && filters.mentions === me ? "me" : "");
}

/** The select's options are "", "any", "sent" and "me". */
function discussionPatch(value: string, me: string | null, filters: PairFilter): Partial<PairFilter> {
  if (value === "me") return { discussion: undefined, mentions: me ?? undefined };
  return { discussion: (value || undefined) as PairFilter["discussion"], mentions: filters.mentions === me ? undefined : filters.mentions };
}

/** Chips for filters that have no control of their own. */
function chipsOf(filters: PairFilter, set: (patch: Partial<PairFilter>) => void, me: string | null): FilterChip[] {
  const chips: FilterChip[] = [];
  if (filters.mentions !== undefined && (filters.mentions !== me || filters.discussion !== undefined)) {
    chips.push({ key: "mentions", label: `mentions @${filters.mentions}`, onRemove: () => set({ mentions: undefined }) });
  }
  if (filters.disagree !== undefined) {
    chips.push({
      key: "disagree",
      label:
        filters.disagreeWith !== undefined
          ? `${filters.disagree} and ${filters.disagreeWith} disagree`
          : `someone disagrees with ${filters.disagree}`,
      onRemove: () => set({ disagree: undefined, disagreeWith: undefined }),
    });
  } else if (filters.disagreeWith !== undefined) {
    // Meaningless alone; shown so it can be removed rather than silently ignored.
    chips.push({ key: "disagreeWith", label: `disagree with ${filters.disagreeWith}`, onRemove: () => set({ disagreeWith: undefined }) });
  }
  if (filters.decidedBy !== undefined || filters.decidedHour !== undefined) {
    const who = filters.decidedBy === undefined ? "decided" : `decided by ${filters.decidedBy}`;
    const when = filters.decidedHour === undefined ? "" : ` on ${filters.decidedHour.slice(0, 10)}, ${filters.decidedHour.slice(11, 13)}:00–:59 UTC`;
    chips.push({ key: "decided", label: `${who}${when}`, onRemove: () => set({ decidedBy: undefined, decidedHour: undefined }) });
  }
  return chips;
}

export function FilterBar({ filters, onChange, counts, layout, extraChips = [], ignored = [], extraSorts = [], onSort, children }: Props) {
  const set = (patch: Partial<PairFilter>) => {
    const next: PairFilter = { ...filters, ...patch };
    for (const key of Object.keys(next) as (keyof PairFilter)[]) if (next[key] === undefined || next[key] === "") delete next[key];
    onChange(next);
  };
  const multi = filters.minTargets === 2 && filters.maxTargets === undefined;
  const me = useReviewerStore((state) => state.name);
  const chips = [...chipsOf(filters, set, me), ...extraChips];
  const count = (status: keyof StatusCounts) => (counts ? ` (${counts[status].toLocaleString("en")})` : "");
  const narrowed = Object.keys(filters).some((k) => k !== "split" && k !== "sort");
  return (
    <div className={`filter-bar filter-bar--${layout}`} role="group" aria-label="Filters" data-testid="filter-bar">
      <DebouncedInput
        type="search"
        className="filter-bar__search"
        placeholder="Search questions and answers"
        aria-label="Search"
        value={filters.q ?? ""}
        onCommit={(q) => set({ q: q.trim() || undefined })}
      />
      <div className="filter-bar__controls">
        <select aria-label="Status" value={filters.status ?? ""} onChange={(e) => set({ status: (e.target.value || undefined) as PairFilter["status"] })}>
          <option value="">Any status</option>
          {statuses.map((s) => (
            <option key={s} value={s}>
              {s}
              {count(s)}
            </option>
          ))}
        </select>
        <select aria-label="Granularity" value={filters.granularity ?? ""} onChange={(e) => set({ granularity: (e.target.value || undefined) as PairFilter["granularity"] })}>
          <option value="">Any granularity</option>
          {granularities.map((g) => (
            <option key={g} value={g}>
              {g}
            </option>
          ))}
        </select>
        <select aria-label="Flag" value={filters.flag ?? ""} onChange={(e) => set({ flag: (e.target.value || undefined) as PairFilter["flag"] })}>
          <option value="">Any flag</option>
          {flagIds.map((f) => (
            <option key={f} value={f}>
              ⚑ {f}
            </option>
          ))}
        </select>
        <select aria-label="Reject reason" value={filters.reason ?? ""} onChange={(e) => set({ reason: (e.target.value || undefined) as PairFilter["reason"] })}>
          <option value="">Any reason</option>
          {reasonOptions(filters.reason).map((r) => (
            <option key={r} value={r}>
              {(reasonLabels as Record<string, string | undefined>)[r] ?? r}
            </option>
          ))}
        </select>
        <select aria-label="Discussion" value={discussionValue(filters, me)} onChange={(e) => set(discussionPatch(e.target.value, me, filters))}>
          <option value="">Any discussion</option>
          <option value="any">Has discussion</option>
          <option value="sent">Sent to discussion</option>
          {me ? <option value="me">Mentions me (@{me})</option> : null}
        </select>
        <div className="filter-bar__targets">
          <span>Targets</span>
          <DebouncedInput
            aria-label="Minimum targets"
            placeholder="min"
            inputMode="numeric"
            value={filters.minTargets?.toString() ?? ""}
            onCommit={(v) => set({ minTargets: wholeNumber(v) })}
          />
          <span aria-hidden="true">–</span>
          <DebouncedInput
            aria-label="Maximum targets"
            placeholder="max"
            inputMode="numeric"
            value={filters.maxTargets?.toString() ?? ""}
            onCommit={(v) => set({ maxTargets: wholeNumber(v) })}
          />
          <button
            type="button"
            className={`preset${multi ? " preset--on" : ""}`}
            aria-pressed={multi}
            onClick={() => set(multi ? { minTargets: undefined } : { minTargets: 2, maxTargets: undefined })}
          >
            Multi-target
          </button>
        </div>
        <DebouncedInput aria-label="Category" placeholder="category (chair, chair:leg)" value={filters.category ?? ""} onCommit={(v) => set({ category: v.trim() || undefined })} />
        <DebouncedInput aria-label="Reviewer" placeholder="reviewer" value={filters.reviewer ?? ""} onCommit={(v) => set({ reviewer: v.trim() || undefined })} />
        <select
          aria-label="Sort"
          value={filters.sort ?? "dataset"}
          onChange={(e) => set(onSort ? onSort(e.target.value) : { sort: e.target.value === "flagged" ? "flagged" : undefined })}
        >
          <option value="dataset">Dataset order</option>
          <option value="flagged">Flagged first</option>
          {extraSorts.map((sort) => (
            <option key={sort.value} value={sort.value}>
              {sort.label}
            </option>
          ))}
        </select>
        {children}
        {narrowed && (
          <button type="button" className="filter-bar__clear" onClick={() => onChange(filters.split === undefined ? {} : { split: filters.split })}>
            Clear filters
          </button>
        )}
      </div>
      {ignored.length > 0 && (
        <p className="filter-bar__ignored" role="status" data-testid="filters-ignored">
          Not applied (not a valid value): {ignored.join(", ")}
        </p>
      )}
      {chips.length > 0 && (
        <div className="filter-bar__chips" data-testid="filter-chips">
          {chips.map((chip) => (
            <button key={chip.key} type="button" className="filter-chip" aria-label={`Remove filter: ${chip.label}`} onClick={chip.onRemove}>
              {chip.label} <span aria-hidden="true">×</span>
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
