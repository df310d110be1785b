import { lazy, Suspense } from "react";
import { useConflictStore } from "./conflictStore";

/* The side-by-side view loads on the first 409, keeping it out of the initial bundle. */
const ConflictView = lazy(() => import("./ConflictView").then((m) => ({ default: m.ConflictView })));

/** Someone saved first: both decisions side by side (ConflictView), shown while a conflict waits. */
export function ConflictDialog() {
  const conflict = useConflictStore((state) => state.conflict);
  if (!conflict) return null;
  return (
    <Suspense fallback={null}>
      <ConflictView />
    </Suspense>
  );
}
