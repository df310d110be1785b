import { useEffect, useRef } from "react";
import type { ThumbEntry } from "./thumbCache";
import type { RenderState } from "./useThumb";

/** A painted picture drawn into a canvas, with its render state exposed for tests. */
export function ThumbCanvas({
  pairId,
  entry,
  state,
  width,
  height,
  className = "gallery-card__canvas",
  testId = "card-canvas",
}: {
  pairId: string;
  entry: ThumbEntry | null;
  state: RenderState;
  width: number;
  height: number;
  className?: string;
  testId?: string;
}) {
  const ref = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const ctx = ref.current?.getContext("2d");
    if (!ctx) return;
    ctx.clearRect(0, 0, width, height);
    if (entry) ctx.drawImage(entry.bitmap, 0, 0);
  }, [entry, width, height]);
  return (
    <canvas
      ref={ref}
      className={className}
      width={width}
      height={height}
      data-testid={testId}
      data-pair-id={pairId}
      data-render-state={state}
      aria-hidden="true"
    />
  );
}
