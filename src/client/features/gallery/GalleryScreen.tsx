import { useCallback, useEffect, useMemo, useRef, type MouseEvent } from "react";
import type { PairFilter } from "../../../shared/api";
import { ignoredFilters, searchFromFilters } from "../../api/filters";
import { fetchImagePairs } from "../../api/insightsClient";
import { useCurrentSplit } from "../../app/currentSplit";
import { navigate, reviewPath, useLocation } from "../../lib/router";
import { showToast } from "../../lib/toastStore";
import { FilterBar } from "../../filters/FilterBar";
import { IouRange, useSortPatch } from "../../filters/DisagreementSort";
import { BulkBar } from "./BulkBar";
import { DecideDialog } from "./DecideDialog";
import { GalleryGrid } from "./GalleryGrid";
import { galleryParamsFrom, gallerySearch, type GalleryParams } from "./galleryParams";
import { useGalleryDialog } from "./galleryDialogStore";
import { useGallerySelection } from "./gallerySelectionStore";
import { buildRows, columnsFor } from "./gridLayout";
import { SampleBar } from "./SampleBar";
import { SampleEstimate } from "./SampleEstimate";
import { useBulkDecisions } from "./useBulkDecisions";
import { useGalleryItems } from "./useGalleryItems";
import { useGalleryKeys } from "./useGalleryKeys";
import { useWidth } from "./useWidth";
import "./gallery.css";

/** Spot-check many pairs at a glance: a virtualised grid of cards with their target masks. */
export function GalleryScreen() {
  const { search } = useLocation();
  const { split } = useCurrentSplit();
  const params = galleryParamsFrom(search, split?.name);
  const setParams = useCallback((next: GalleryParams) => navigate(`/gallery${gallerySearch(next)}`, { replace: true }), []);
  const data = useGalleryItems(params);
  const sort = useSortPatch(params.filters);
  const onFilters = (filters: PairFilter) => setParams({ ...params, filters: { ...filters, minTargets: filters.minTargets ?? 0 } });
  const { items } = data;
  const bodyRef = useRef<HTMLDivElement>(null);
  const width = useWidth(bodyRef);
  const columns = columnsFor(width);
  const rows = useMemo(() => buildRows(items, columns, params.groupByImage), [items, columns, params.groupByImage]);
  const bulk = useBulkDecisions();
  const requestAction = useGalleryDialog((s) => s.actionRequested);
  const selection = useGallerySelection();

  // A new filter or sample is a new set of cards: start from the first with nothing selected.
  useEffect(() => {
    useGallerySelection.getState().selectionCleared();
    useGallerySelection.getState().focusMoved(0);
  }, [search]);

  const open = useCallback(
    (index: number) => {
      const pair = items[index];
      if (pair) navigate(reviewPath(pair.id, searchFromFilters(params.filters)));
    },
    [items, params.filters],
  );

  const onCardClick = useCallback(
    (index: number, event: MouseEvent) => {
      const pair = items[index];
      if (!pair) return;
      const state = useGallerySelection.getState();
      if (event.shiftKey) state.rangeSelected(items.map((p) => p.id), index);
      else state.cardToggled(pair.id, index);
    },
    [items],
  );

  const imageAction = useCallback(
    async (pairSplit: string, imageId: number, action: "accepted" | "rejected") => {
      try {
        const pairs = await fetchImagePairs(pairSplit, imageId);
        requestAction({ action, pairs, scope: `Every pair of image ${imageId}, also those outside the current filter` });
      } catch (error) {
        showToast("error", `Could not list the pairs of image ${imageId}: ${error instanceof Error ? error.message : String(error)}`);
      }
    },
    [requestAction],
  );

  const selectedPairs = items.filter((p) => selection.selected.has(p.id));
  const selectedIds = selectedPairs.map((p) => p.id);
  const bulkAction = (action: "accepted" | "rejected") => {
    if (selectedIds.length === 0) {
      showToast("info", "Select cards first: x or a click, shift-click for a range.");
      return;
    }
    requestAction({ action, pairs: selectedPairs, scope: `${selectedIds.length} selected card${selectedIds.length === 1 ? "" : "s"}` });
  };

  const keyActions = useMemo(
    () => ({
      items,
      rows,
      open,
      accept: (index: number) => {
        const pair = items[index];
        if (!pair) return;
        void bulk.decide([pair], { status: "accepted" });
        useGallerySelection.getState().focusMoved(Math.min(index + 1, items.length - 1));
      },
      reject: (index: number) => {
        const pair = items[index];
        if (pair) requestAction({ action: "rejected", pairs: [pair], scope: `Pair ${pair.id}` });
      },
      bulk: bulkAction,
      undo: () => void bulk.undo(),
    }),
    // bulkAction reads the current selection; rebuilding on its change keeps it fresh.
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [items, rows, open, bulk, requestAction, selection.selected],
  );
  useGalleryKeys(keyActions);

  const focused = items[Math.min(selection.focus, items.length - 1)];
  // A decided card stays until the list is fetched again; it no longer counts under a status filter,
  // so "N of M" agrees with the status counts.
  const status = params.filters.status;
  const leaving = status !== undefined && !params.sample ? items.filter((p) => p.status !== status).length : 0;

  return (
    <main className="gallery" data-testid="gallery">
      <h1 className="visually-hidden">Gallery</h1>
      <header className="gallery__toolbar">
        <FilterBar
          layout="bar"
          filters={params.filters}
          counts={data.counts}
          ignored={ignoredFilters(search)}
          // The gallery opens on multi-target pairs; an emptied minimum means every pair, not that default.
          onChange={onFilters}
          extraSorts={sort.available ? [{ value: "disagreement", label: "Model disagrees most" }] : []}
          onSort={sort.patch}
          extraChips={
            params.sample
              ? [{ key: "sample", label: `sample of ${params.sample.n} (seed ${params.sample.seed})`, onRemove: () => setParams({ ...params, sample: null }) }]
              : []
          }
        >
          <IouRange filters={params.filters} onChange={(patch) => onFilters({ ...params.filters, ...patch })} />
          <label className="field--inline gallery__group">
            <input type="checkbox" checked={params.groupByImage} onChange={(e) => setParams({ ...params, groupByImage: e.target.checked })} />
            <span>Group by image</span>
          </label>
        </FilterBar>
        <SampleBar key={`${params.sample?.n}-${params.sample?.seed}`} params={params} onChange={setParams} />
      </header>
      {data.sample && <SampleEstimate sample={data.sample} />}
      <BulkBar
        shown={items.length - leaving}
        total={data.total}
        leaving={leaving}
        selected={selectedIds.length}
        focused={focused ?? null}
        onBulk={bulkAction}
        onSelectAll={() => useGallerySelection.getState().allSelected(items.map((p) => p.id))}
        onClear={() => useGallerySelection.getState().selectionCleared()}
        onUndo={() => void bulk.undo()}
        onImageAction={(action) => focused && void imageAction(focused.split, focused.imageId, action)}
      />
      <div ref={bodyRef} className="gallery__body">
        {data.error ? (
          <p className="screen-message">Could not load pairs: {data.error.message}</p>
        ) : data.loading ? (
          <p className="screen-message muted">Loading pairs…</p>
        ) : items.length === 0 ? (
          <p className="screen-message muted">No pair matches these filters.</p>
        ) : (
          width > 0 && (
            <GalleryGrid
              items={items}
              rows={rows}
              columns={columns}
              width={width}
              hasMore={data.hasMore}
              loadMore={data.loadMore}
              onCardClick={onCardClick}
              onOpen={open}
              onImageAction={(s, id, action) => void imageAction(s, id, action)}
            />
          )
        )}
      </div>
      <DecideDialog onConfirm={(pairs, change, skipDecided) => void bulk.decide(pairs, change, { skipDecided })} />
    </main>
  );
}
