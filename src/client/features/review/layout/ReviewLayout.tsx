import { useEffect, useRef, type CSSProperties, type ReactNode } from "react";
import { DragHandle } from "./DragHandle";
import { usePaneSizesStore } from "./paneSizesStore";
import { DRAWER_QUERY, STACK_QUERY, useQueueDrawerStore } from "./queueDrawerStore";
import { useMediaQuery } from "./useMediaQuery";

interface Props {
  queue: ReactNode;
  canvas: ReactNode;
  panel: ReactNode;
  /** Changes when another pair opens: a drawer open over the screen closes then. */
  pairId: string;
}

/**
 * Queue | canvas | pair panel. The panes come in as elements made by the parent, so a resize
 * re-renders this grid only, never their contents. Narrow screens keep the canvas at least half
 * the width: below ~1100 px the queue becomes a drawer (`q`), below ~760 px (a 1280 px window at
 * 200 % zoom) canvas and pair panel stack and the page scrolls down, never sideways.
 */
export function ReviewLayout({ queue, canvas, panel, pairId }: Props) {
  const queueWidth = usePaneSizesStore((state) => state.queue);
  const panelWidth = usePaneSizesStore((state) => state.panel);
  const resized = usePaneSizesStore((state) => state.paneResized);
  const drawer = useMediaQuery(DRAWER_QUERY);
  const stacked = useMediaQuery(STACK_QUERY);
  const open = useQueueDrawerStore((state) => state.open);
  const { drawerToggled, drawerClosed } = useQueueDrawerStore.getState();
  const drawerRef = useRef<HTMLDivElement>(null);

  useEffect(() => drawerClosed(), [pairId, drawerClosed]);
  useEffect(() => {
    const root = drawerRef.current;
    if (drawer && open && root) (root.querySelector<HTMLElement>('[role="listbox"]') ?? root.querySelector<HTMLElement>("button, input, select"))?.focus();
  }, [drawer, open]);

  const mode = stacked ? "stacked" : drawer ? "drawer" : "wide";
  const style = { "--queue-w": `${queueWidth}px`, "--panel-w": `${panelWidth}px` } as CSSProperties;
  return (
    <main className={`review-layout review-layout--${mode}`} style={style} data-testid="review-layout" data-layout={mode}>
      <h1 className="visually-hidden">Review {pairId}</h1>
      {drawer ? (
        <>
          <button type="button" className="queue-drawer__toggle" aria-expanded={open} aria-controls="queue-drawer" aria-keyshortcuts="q" onClick={drawerToggled}>
            Queue <kbd>q</kbd>
          </button>
          <div
            ref={drawerRef}
            id="queue-drawer"
            className="queue-drawer"
            hidden={!open}
            onKeyDown={(event) => {
              if (event.key === "Escape") {
                event.stopPropagation();
                drawerClosed();
              }
            }}
          >
            {queue}
          </div>
          {open && <div className="queue-drawer__scrim" onClick={drawerClosed} aria-hidden="true" />}
        </>
      ) : (
        <>
          <div className="review-layout__pane">{queue}</div>
          <DragHandle label="Resize the queue" width={queueWidth} direction={1} onResize={(w) => resized("queue", w)} />
        </>
      )}
      <div className="review-layout__pane review-layout__pane--canvas">{canvas}</div>
      {!stacked && <DragHandle label="Resize the pair panel" width={panelWidth} direction={-1} onResize={(w) => resized("panel", w)} />}
      <div className="review-layout__pane review-layout__pane--panel">{panel}</div>
    </main>
  );
}
