import { Suspense, lazy, useEffect, useMemo } from "react";
import type { PairFilter } from "../../../shared/api";
import { parsePairId } from "../../../shared/domain";
import { filtersFromSearch, searchFromFilters } from "../../api/filters";
import { usePair } from "../../api/queries";
import { usePresenceHeartbeat } from "../../api/usePresenceHeartbeat";
import { Link } from "../../app/Link";
import { navigate, reviewPath, useLocation } from "../../lib/router";
import { CanvasPane } from "./CanvasPane";
import { usePrefetchNeighbours } from "./decide/usePrefetchNeighbours";
import { useEditDraftStore } from "./edit/editDraftStore";
import { HelpOverlay } from "./keyboard/HelpOverlay";
import { useReviewKeys } from "./keyboard/useReviewKeys";
import { ReviewLayout } from "./layout/ReviewLayout";
import { PairPanel } from "./panel/PairPanel";
import { QueuePane } from "./queue/QueuePane";
import { useReviewModeStore } from "./reviewModeStore";
import { useLeaveWarning } from "./edit/useLeaveWarning";
import { installTestApi } from "./testApi";
import { roundOf, withRound } from "../../rounds/roundMode";
import "./review.css";

installTestApi();
import { DiscardDialog } from "./edit/DiscardDialog";

/** The round bar (votes, lease) loads only in a review round, keeping rounds out of the initial bundle. */
const RoundBar = lazy(() => import("./rounds/RoundBar").then((m) => ({ default: m.RoundBar })));

/** The queue's filters from the URL; the split defaults to the open pair's. */
function useFilters(pairId: string): PairFilter {
  const { search } = useLocation();
  const pairSplit = parsePairId(pairId)?.split;
  return useMemo(() => {
    const filters = filtersFromSearch(search);
    return filters.split || !pairSplit ? filters : { ...filters, split: pairSplit };
  }, [search, pairSplit]);
}

export function ReviewScreen({ pairId }: { pairId: string }) {
  const filters = useFilters(pairId);
  const { search } = useLocation();
  const pair = usePair(pairId, filters);
  const detail = pair.data;

  useReviewKeys(detail);
  usePresenceHeartbeat(pairId);
  usePrefetchNeighbours(detail, filters);

  // A link without the split still names one queue: write it down so reload and sharing agree.
  useEffect(() => {
    const wanted = withRound(searchFromFilters(filters), roundOf(search));
    if (wanted !== search) navigate(reviewPath(pairId, wanted), { replace: true });
  }, [filters, search, pairId]);

  // Moving to another pair closes the picker; a changed edit draft is kept for that pair.
  useEffect(() => {
    const { mode, modeClosed } = useReviewModeStore.getState();
    if (mode === "reject" || mode === "edit") modeClosed();
    const { draft, draftParked } = useEditDraftStore.getState();
    if (draft && draft.pairId !== pairId) draftParked();
    document.title = `${pairId} · MMR Review`;
  }, [pairId]);

  // A pair opened again with a kept draft reopens it in edit mode (the edit panel says so).
  const loadedId = detail?.id;
  useEffect(() => {
    if (!loadedId) return;
    const drafts = useEditDraftStore.getState();
    if (drafts.draft?.pairId === loadedId || !drafts.saved[loadedId]) return;
    if (drafts.draftRestored(loadedId)) useReviewModeStore.getState().editOpened();
  }, [loadedId]);

  useLeaveWarning();

  const panel = detail ? (
    <PairPanel detail={detail} />
  ) : pair.isError ? (
    <div className="pair-panel pair-panel--message" role="alert">
      <p>Could not open {pairId}: {pair.error.message}</p>
      <Link href="/">Open the first pending pair</Link>
    </div>
  ) : (
    <div className="pair-panel pair-panel--message muted">Loading pair…</div>
  );
  const canvas = detail ? <CanvasPane detail={detail} /> : <div className="canvas-empty" />;
  const round = roundOf(search);

  return (
    <>
      {round !== null && (
        <Suspense fallback={null}>
          <RoundBar roundId={round} pairId={pairId} detail={detail} />
        </Suspense>
      )}
      <ReviewLayout pairId={pairId} queue={<QueuePane filters={filters} currentId={pairId} />} canvas={canvas} panel={panel} />
      <HelpOverlay />
      <DiscardDialog />
    </>
  );
}
