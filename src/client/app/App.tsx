import { Suspense, lazy, useEffect } from "react";
import { sessionEnded, useMe, useRole } from "../api/authQueries";
import { can, deniedReason } from "../../shared/roles";
import { onUnauthenticated } from "../api/client";
import { LazyLoginScreen } from "../features/auth/LazyLoginScreen";
import { useReviewerStore } from "./reviewerStore";
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
import { RootRedirect } from "./RootRedirect";
import { matchReviewPath, useLocation } from "../lib/router";
import { Toasts } from "./Toasts";
import { TopBar } from "./TopBar";

/** Solo mode asks for a reviewer name once; team mode never loads it. */
const ReviewerPrompt = lazy(() => import("./ReviewerPrompt").then((m) => ({ default: m.ReviewerPrompt })));

function Denied({ title, reason }: { title: string; reason: string }) {
  return (
    <main className="screen-message">
      <h1>{title}</h1>
      <p className="muted">Not for you: {reason}.</p>
    </main>
  );
}

function Screen() {
  const { pathname } = useLocation();
  const role = useRole();
  const pairId = matchReviewPath(pathname);
  if (pairId) return <ReviewScreen pairId={pairId} />;
  if (pathname === "/" || pathname === "/review" || pathname === "/review/") return <RootRedirect />;
  if (pathname.startsWith("/gallery")) return <LazyGalleryScreen />;
  if (pathname.startsWith("/dashboard")) return role && !can(role, "dashboard") ? <Denied title="Dashboard" reason={deniedReason(role, "dashboard")} /> : <LazyDashboardScreen />;
  if (pathname.startsWith("/export")) return role && !can(role, "export") ? <Denied title="Export" reason={deniedReason(role, "export")} /> : <LazyExportScreen />;
  if (pathname.startsWith("/rounds")) return <LazyRoundsScreen />;
  return <Placeholder title="Not found" />;
}

/**
 * Solo mode (no users on the server) is the app as it always was, with the reviewer-name prompt.
 * Team mode shows the login until there is a session, then the app as the signed-in user.
 */
export function App() {
  const me = useMe();
  const user = me.data?.mode === "team" ? me.data.user : null;
  useEffect(() => {
    onUnauthenticated(sessionEnded);
    return () => onUnauthenticated(null);
  }, []);
  useEffect(() => {
    // Decisions are the signed-in user's (the server insists); the rest of the app reads this name.
    if (user) useReviewerStore.getState().reviewerNamed(user.name);
  }, [user]);
  // Nothing is asked of the server before it said which mode it is in (a network failure: solo as before).
  if (me.isPending) return null;
  if (me.data?.mode === "team" && !user) {
    return (
      <div className="app">
        <LazyLoginScreen />
        <Toasts />
      </div>
    );
  }
  return <Shell solo={me.data?.mode !== "team"} />;
}

function Shell({ solo }: { solo: boolean }) {
  useEffect(() => startOfflineFlusher(), []);
  useLiveEvents(useCurrentSplit().split?.name ?? null);
  return (
    <div className="app">
      <TopBar />
      <Screen />
      {solo && (
        <Suspense fallback={null}>
          <ReviewerPrompt />
        </Suspense>
      )}
      <ConflictDialog />
      <Toasts />
    </div>
  );
}
