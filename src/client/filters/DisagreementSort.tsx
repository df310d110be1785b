import { useQuery } from "@tanstack/react-query";
import type { PairFilter } from "../../shared/api";
import { modelsQuery } from "../api/predictionsQueries";
import { DebouncedInput } from "./DebouncedInput";

/*
 * The queue's "Model disagrees most" order (lowest pair IoU first) and its IoU range, offered when
 * the split has an imported model. Shared by the queue and the gallery, whose filter bars only wire it in.
 */

export function useSortPatch(filters: PairFilter): { available: boolean; patch: (value: string) => Partial<PairFilter> } {
  const split = filters.split;
  const models = useQuery({ ...modelsQuery(split ?? ""), enabled: split !== undefined }).data ?? [];
  const first = models[0]?.model;
  return {
    available: first !== undefined,
    patch: (value) =>
      value === "disagreement" && first !== undefined
        ? { sort: "disagreement", model: models.some((m) => m.model === filters.model) ? filters.model : first }
        : { sort: value === "flagged" ? "flagged" : undefined, model: undefined, minIou: undefined, maxIou: undefined },
  };
}

const iouOrUndefined = (text: string) => {
  const v = Number(text);
  return text.trim() === "" || Number.isNaN(v) ? undefined : Math.min(1, Math.max(0, v));
};

export function IouRange({ filters, onChange }: { filters: PairFilter; onChange: (patch: Partial<PairFilter>) => void }) {
  if (filters.sort !== "disagreement") return null;
  return (
    <div className="filter-bar__targets" data-testid="iou-range" title={`pair IoU of model ${filters.model ?? ""}, both ends inclusive`}>
      <span>IoU</span>
      <DebouncedInput aria-label="Minimum IoU" placeholder="0" inputMode="decimal" value={filters.minIou?.toString() ?? ""} onCommit={(v) => onChange({ minIou: iouOrUndefined(v) })} />
      <span aria-hidden="true">–</span>
      <DebouncedInput aria-label="Maximum IoU" placeholder="1" inputMode="decimal" value={filters.maxIou?.toString() ?? ""} onCommit={(v) => onChange({ maxIou: iouOrUndefined(v) })} />
      <span className="muted">{filters.model}</span>
    </div>
  );
}
