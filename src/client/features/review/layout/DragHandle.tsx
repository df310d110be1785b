import { useRef, type KeyboardEvent, type PointerEvent } from "react";

interface Props {
  label: string;
  width: number;
  /** +1 when dragging right widens the pane (left pane), −1 when it narrows it (right pane). */
  direction: 1 | -1;
  onResize: (width: number) => void;
}

/** A vertical splitter: drag with the pointer, or focus it and use the arrow keys. */
export function DragHandle({ label, width, direction, onResize }: Props) {
  const start = useRef<{ x: number; width: number } | null>(null);
  const frame = useRef(0);

  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    event.currentTarget.setPointerCapture(event.pointerId);
    start.current = { x: event.clientX, width };
  };
  const onPointerMove = (event: PointerEvent<HTMLDivElement>) => {
    const origin = start.current;
    if (!origin) return;
    const next = origin.width + direction * (event.clientX - origin.x);
    // One layout per frame however fast the pointer reports.
    cancelAnimationFrame(frame.current);
    frame.current = requestAnimationFrame(() => onResize(next));
  };
  const onPointerUp = () => {
    start.current = null;
  };
  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key !== "ArrowLeft" && event.key !== "ArrowRight") return;
    event.preventDefault();
    event.stopPropagation();
    onResize(width + (event.key === "ArrowRight" ? 24 : -24) * direction);
  };

  return (
    <div
      className="drag-handle"
      role="separator"
      aria-orientation="vertical"
      aria-label={label}
      aria-valuenow={width}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onPointerMove={onPointerMove}
      onPointerUp={onPointerUp}
      onPointerCancel={onPointerUp}
      onKeyDown={onKeyDown}
    />
  );
}
