import { useEffect } from "react";
import { useLiveEvents } from "../api/useLiveEvents";
import { ConflictDialog } from "../decisions/ConflictDialog";
import { startOfflineFlusher } from "../decisions/offlineFlusher";
import { LazyDashboardScreen } from "../features/dashboard/LazyDashboardScreen";
import { LazyExportScreen } from "../features/export/LazyExportScreen";
import { LazyGalleryScreen } from "../features/gallery/LazyGalleryScreen";
import { LazyRoundsScreen } from "../features/rounds/LazyRoundsScreen";
import { ReviewScreen } from "../features/review/ReviewScreen";
import { Placeholder } from "./Placeholder";
import { useCurrentSplit } from "./currentSplit";
import { ReviewerPrompt } from "./ReviewerPrompt";
import { RootRedirect } from "./RootRedirect";
import { matchReviewPath, useLocation } from "../lib/router";
import { Toasts } from "./Toasts";
import { TopBar } from "./TopBar";

function Screen() {
  const { pathname } = useLocation();
  const pairId = matchReviewPath(pathname);
  if (pairId) return <ReviewScreen pairId={pairId} />;
  if (pathname === "/" || pathname === "/review" || pathname === "/review/") return <RootRedirect />;
  if (pathname.startsWith("/gallery")) return <LazyGalleryScreen />;
  if (pathname.startsWith("/dashboard")) return <LazyDashboardScreen />;
  if (pathname.startsWith("/export")) return <LazyExportScreen />;
  if (pathname.startsWith("/rounds")) return <LazyRoundsScreen />;
  return <Placeholder title="Not found" />;
}

export function App() {
  useEffect(() => startOfflineFlusher(), []);
  useLiveEvents(useCurrentSplit().split?.name ?? null);
  return (
    <div className="app">
      <TopBar />
      <Screen />
      <ReviewerPrompt />
      <ConflictDialog />
      <Toasts />
    </div>
  );
}
