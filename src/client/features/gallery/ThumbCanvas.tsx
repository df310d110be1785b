import { useEffect, useRef, useState } from "react";
import { THUMB_H, THUMB_W } from "./thumbRender";
import { loadThumb, peekThumb, type ThumbBitmap } from "./thumbCache";

type RenderState = "loading" | "ready" | "error";

/** The card's picture: the cached thumbnail drawn into a canvas, with its render state exposed. */
export function ThumbCanvas({ pairId, version }: { pairId: string; version: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const key = `${pairId}#${version}`;
  const [state, setState] = useState<{ key: string; value: RenderState }>({ key, value: "loading" });

  useEffect(() => {
    let live = true;
    const draw = (bitmap: ThumbBitmap) => {
      const ctx = ref.current?.getContext("2d");
      if (!live || !ctx) return;
      ctx.clearRect(0, 0, THUMB_W, THUMB_H);
      ctx.drawImage(bitmap, 0, 0);
      setState({ key, value: "ready" });
    };
    const hit = peekThumb(pairId, version);
    if (hit) draw(hit);
    else
      loadThumb(pairId, version).then(draw, () => {
        if (live) setState({ key, value: "error" });
      });
    return () => {
      live = false;
    };
  }, [key, pairId, version]);

  // A recycled card shows "loading" until the new pair is painted, never the old pair's state.
  const value = state.key === key ? state.value : "loading";
  return (
    <canvas
      ref={ref}
      className="gallery-card__canvas"
      width={THUMB_W}
      height={THUMB_H}
      data-testid="card-canvas"
      data-pair-id={pairId}
      data-render-state={value}
      aria-hidden="true"
    />
  );
}
