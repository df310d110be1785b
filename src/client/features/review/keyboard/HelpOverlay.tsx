import { lazy, Suspense } from "react";
import { useReviewModeStore } from "../reviewModeStore";

/* The key table loads on the first `?`, keeping it out of the initial bundle. */
const HelpDialog = lazy(() => import("./HelpDialog").then((m) => ({ default: m.HelpDialog })));

export function HelpOverlay() {
  const open = useReviewModeStore((state) => state.mode === "help");
  if (!open) return null;
  return (
    <Suspense fallback={null}>
      <HelpDialog />
    </Suspense>
  );
}
