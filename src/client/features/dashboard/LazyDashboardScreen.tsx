import { lazy, Suspense } from "react";

/* The dashboard and its charts load on first visit, keeping them out of the initial bundle. */
const DashboardScreen = lazy(() => import("./DashboardScreen").then((m) => ({ default: m.DashboardScreen })));

export function LazyDashboardScreen() {
  return (
    <Suspense fallback={<main className="screen-message muted">Loading the dashboard…</main>}>
      <DashboardScreen />
    </Suspense>
  );
}
