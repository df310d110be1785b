import { useEffect, useLayoutEffect, useRef } from "react";
import { useQuery, useQueryClient } from "@tanstack/react-query";
import type { PairDetail } from "../../../../shared/api";
import { modelsQuery, pairPredictionQuery } from "../../../api/predictionsQueries";
import { WeightedLru } from "../../../canvas/lru";
import { paintPredictions, renderPredictions, type PredictionBitmap } from "../../../canvas/predictionLayer";
import { pairScope } from "../../../canvas/scene";
import { useCanvasStore } from "../canvas/canvasStore";
import { withCurrentIous } from "./pairIous";
import { activeModelChanged, modelPicked, pairShown, predictionLoaded, predictionsPainted, usePredictionStore } from "./predictionStore";
import "./predictions.css";

/*
 * The model's masks over the review canvas (key `p`), on a canvas of its own above the Konva stage,
 * following its viewport. Loads the pair's prediction whenever the split has a model (the chips and
 * the panel show IoU even with the overlay off) and prefetches the next pair's. When the overlay
 * is on, the pair canvas reports "ready" only once these masks are painted too.
 */

const bitmaps = new WeightedLru<string, PredictionBitmap>(64 * 640 * 480, () => {});
const bitmapKey = (model: string, pairId: string) => `${model}|${pairId}`;

export function PredictionOverlay({ detail }: { detail: PairDetail }) {
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const queryClient = useQueryClient();
  const shown = usePredictionStore((s) => s.shown);
  const picked = usePredictionStore((s) => s.model);
  const models = useQuery(modelsQuery(detail.split)).data ?? [];
  const model = models.find((m) => m.model === picked)?.model ?? models[0]?.model ?? null;
  const prediction = useQuery({ ...pairPredictionQuery(model ?? "", detail.id), enabled: model !== null });
  const scope = pairScope(detail);
  const ready = model === null || prediction.isFetched;

  useLayoutEffect(() => {
    activeModelChanged(model);
  }, [model]);

  useLayoutEffect(() => {
    pairShown(detail.id);
  }, [detail.id]);

  useLayoutEffect(() => {
    if (model !== null && prediction.isFetched) predictionLoaded(detail.id, prediction.data ? withCurrentIous(prediction.data, detail) : null);
  }, [model, detail, prediction.isFetched, prediction.data]);

  // The next pair's prediction, so `j` paints without waiting for the network.
  // With the overlay on, its bitmap is drawn too while the curator looks at this pair.
  useEffect(() => {
    const next = detail.next;
    if (model === null || !next) return;
    let cancelled = false;
    void queryClient.fetchQuery(pairPredictionQuery(model, next)).then((data) => {
      if (cancelled || !data || !usePredictionStore.getState().shown) return;
      const size = data.masks[0]?.size;
      const key = bitmapKey(model, next);
      if (size && !bitmaps.peek(key)) setTimeout(() => !cancelled && bitmaps.set(key, renderPredictions(data.masks, size[0], size[1]), size[0] * size[1]), 0);
    }).catch(() => {});
    return () => {
      cancelled = true;
    };
  }, [queryClient, model, detail.next]);

  useLayoutEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const root = canvas.closest<HTMLElement>("[data-testid='pair-canvas']");
    const paint = (): void => {
      const st = useCanvasStore.getState();
      const data = prediction.data;
      let bitmap: PredictionBitmap | null = null;
      if (shown && model !== null && data && !st.overlaysHidden) {
        const key = bitmapKey(model, detail.id);
        bitmap = bitmaps.get(key) ?? null;
        if (!bitmap) {
          bitmap = renderPredictions(data.masks, detail.image.height, detail.image.width);
          bitmaps.set(key, bitmap, detail.image.width * detail.image.height);
        }
      }
      paintPredictions(canvas, bitmap, st.viewports[scope]?.vp ?? { scale: 1, x: 0, y: 0 }, window.devicePixelRatio || 1);
    };
    if (!shown || model === null) {
      paint();
      canvas.dataset.predictionState = model === null ? "none" : "off";
      predictionsPainted(null);
      return;
    }
    if (!ready) {
      canvas.dataset.predictionState = "loading";
      predictionsPainted(null);
      if (root && root.dataset.pairId === detail.id) root.dataset.renderState = "loading";
      return;
    }
    paint();
    canvas.dataset.predictionState = prediction.data ? "ready" : "missing";
    predictionsPainted(detail.id);
    // The pair canvas may have finished first and left "loading" for us to lift.
    if (root && root.dataset.pairId === detail.id && root.dataset.imageState === "ready") root.dataset.renderState = "ready";
    return useCanvasStore.subscribe((st, prev) => {
      if (st.viewports[scope] !== prev.viewports[scope] || st.overlaysHidden !== prev.overlaysHidden) paint();
    });
  }, [shown, model, ready, prediction.data, detail, scope]);

  return (
    <>
      <canvas ref={canvasRef} className="pred-layer" data-testid="prediction-layer" data-model={model ?? undefined} aria-hidden="true" />
      {model !== null && (
        <div className="pred-badge" data-shown={shown ? "true" : "false"}>
          <span title="Key p shows or hides the model's masks (hatched, dotted outline)">Model (p): {shown ? "shown" : "hidden"}</span>
          {models.length > 1 ? (
            <select aria-label="Model" value={model} onChange={(e) => modelPicked(e.target.value)}>
              {models.map((m) => (
                <option key={m.model} value={m.model}>
                  {m.model}
                </option>
              ))}
            </select>
          ) : (
            <span className="pred-badge__model">{model}</span>
          )}
        </div>
      )}
    </>
  );
}
