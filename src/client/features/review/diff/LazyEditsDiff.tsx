import { Suspense, lazy, type ComponentProps } from "react";
import type { EditsDiff as EditsDiffView } from "./EditsDiff";

/* The edit diff of the pair panel and its history, loaded when a pair first shows one (out of the initial bundle). */

const EditsDiff = lazy(() => import("./EditsDiff").then((m) => ({ default: m.EditsDiff })));

export function LazyEditsDiff(props: ComponentProps<typeof EditsDiffView>) {
  return (
    <Suspense fallback={<p className="muted">Loading the changes…</p>}>
      <EditsDiff {...props} />
    </Suspense>
  );
}
