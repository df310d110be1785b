import { lazy, Suspense } from "react";

/* The export screen loads on first visit, keeping it out of the initial bundle. */
const ExportScreen = lazy(() => import("./ExportScreen").then((m) => ({ default: m.ExportScreen })));

export function LazyExportScreen() {
  return (
    <Suspense fallback={<main className="screen-message muted">Loading…</main>}>
      <ExportScreen />
    </Suspense>
  );
}
