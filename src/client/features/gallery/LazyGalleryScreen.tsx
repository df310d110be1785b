import { lazy, Suspense } from "react";

/* The gallery loads on first visit, keeping it out of the initial bundle. */
const GalleryScreen = lazy(() => import("./GalleryScreen").then((m) => ({ default: m.GalleryScreen })));

export function LazyGalleryScreen() {
  return (
    <Suspense fallback={<main className="screen-message muted">Loading the gallery…</main>}>
      <GalleryScreen />
    </Suspense>
  );
}
