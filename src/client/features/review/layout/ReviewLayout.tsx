import type { ReactNode } from "react";
import { DragHandle } from "./DragHandle";
import { usePaneSizesStore } from "./paneSizesStore";

interface Props {
  queue: ReactNode;
  canvas: ReactNode;
  panel: ReactNode;
}

/**
 * Queue | canvas | pair panel. The panes come in as elements made by the parent, so a resize
 * re-renders this grid only, never their contents.
 */
export function ReviewLayout({ queue, canvas, panel }: Props) {
  const queueWidth = usePaneSizesStore((state) => state.queue);
  const panelWidth = usePaneSizesStore((state) => state.panel);
  const resized = usePaneSizesStore((state) => state.paneResized);
  return (
    <main className="review-layout" style={{ gridTemplateColumns: `${queueWidth}px 6px minmax(240px, 1fr) 6px ${panelWidth}px` }}>
      <div className="review-layout__pane">{queue}</div>
      <DragHandle label="Resize the queue" width={queueWidth} direction={1} onResize={(w) => resized("queue", w)} />
      <div className="review-layout__pane review-layout__pane--canvas">{canvas}</div>
      <DragHandle label="Resize the pair panel" width={panelWidth} direction={-1} onResize={(w) => resized("panel", w)} />
      <div className="review-layout__pane">{panel}</div>
    </main>
  );
}
