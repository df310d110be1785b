import { lazy, Suspense } from "react";

/* The rounds screens load on first visit, keeping them out of the initial bundle. */
const RoundsScreen = lazy(() => import("./RoundsScreen").then((m) => ({ default: m.RoundsScreen })));

export function LazyRoundsScreen() {
  return (
    <Suspense fallback={<main className="screen-message muted">Loading the rounds…</main>}>
      <RoundsScreen />
    </Suspense>
  );
}
