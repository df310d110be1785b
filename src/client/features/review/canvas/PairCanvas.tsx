import { useEffect, useLayoutEffect, useRef, useState } from "react";
import { Layer, Shape, Stage } from "react-konva";
import type Konva from "konva";
import type { PairDetail } from "../../../../shared/api";
import { CanvasView } from "../../../canvas/view";
import { annotationsByIndex, buildOthers, buildTargets, findSceneMask, pairScope, sceneMaskFor } from "../../../canvas/scene";
import { clampViewport, fitViewport, zoomToBox, type Box } from "../../../canvas/viewport";
import { getMask } from "../../../canvas/maskCache";
import { hoverChanged, useCanvasStore, viewportChanged } from "./canvasStore";
import { useElementSize } from "./useElementSize";
import { useImage } from "./useImage";
import { useStableArray } from "./useStableArray";
import { usePointerControls, type PointerTarget } from "./usePointerControls";
import { CanvasToolbar } from "./CanvasToolbar";
import { CanvasTooltip } from "./CanvasTooltip";
import { Legend } from "./Legend";
import { PredictionOverlay } from "../predictions/PredictionOverlay";
import { predictionGateOpen } from "../predictions/predictionStore";
import "./canvas.css";

export interface PairCanvasProps {
  detail: PairDetail;
  /** Annotation indices in placeholder order; differs from detail.targets while editing. */
  targets: number[];
  editing: boolean;
  /** Edit mode: a click on a mask adds or removes that annotation as a target. */
  onToggleTarget?(annotationIndex: number): void;
}

/*
 * The pair's image with its target masks. React renders the frame once per pair; the view
 * (src/client/canvas/view.ts) paints, and pointer work never re-renders. `data-render-state`
 * is written directly in the commit that shows a pair, so tests see "ready" exactly when the
 * image and every target mask of that pair are on the canvas.
 */
export function PairCanvas({ detail, targets: targetsProp, editing, onToggleTarget }: PairCanvasProps) {
  const rootRef = useRef<HTMLDivElement>(null);
  const areaRef = useRef<HTMLDivElement>(null);
  const tooltipRef = useRef<HTMLDivElement>(null);
  const stageRef = useRef<Konva.Stage>(null);
  const imageLayerRef = useRef<Konva.Layer>(null);
  const maskLayerRef = useRef<Konva.Layer>(null);
  const overlayLayerRef = useRef<Konva.Layer>(null);
  const [view] = useState(() => new CanvasView());

  const targets = useStableArray(targetsProp);
  const size = useElementSize(areaRef);
  const image = useImage(detail.image.url);
  const showOthers = useCanvasStore((s) => s.showOthers);
  const showBoxes = useCanvasStore((s) => s.showBoxes);
  const opacity = useCanvasStore((s) => s.opacity);
  const overlaysHidden = useCanvasStore((s) => s.overlaysHidden);
  const scope = pairScope(detail);
  const { width: imgW, height: imgH } = detail.image;

  const latest = useRef<PointerTarget & { detail: PairDetail; targets: readonly number[] }>({
    scope,
    editing,
    onToggleTarget,
    detail,
    targets,
  });
  useLayoutEffect(() => {
    latest.current = { scope, editing, onToggleTarget, detail, targets };
  });

  useLayoutEffect(() => {
    const [stage, image, masks, overlay] = [stageRef.current, imageLayerRef.current, maskLayerRef.current, overlayLayerRef.current];
    view.attach(stage && image && masks && overlay ? { stage, image, masks, overlay } : null);
    return () => view.attach(null);
  }, [view]);

  // A hover index means nothing on another image.
  useLayoutEffect(() => () => hoverChanged(null), [scope]);

  // Viewport: the one this image had (zoom/pan survive pairs of one image), else fitted.
  useLayoutEffect(() => {
    view.view = size;
    view.scene.width = imgW;
    view.scene.height = imgH;
    const img = { width: imgW, height: imgH };
    const stored = useCanvasStore.getState().viewports[scope];
    const fitted = !stored || stored.fitted;
    const vp = fitted ? fitViewport(img, size) : clampViewport(stored.vp, img, size);
    viewportChanged(scope, view.setViewport(vp, "none"), fitted);
  }, [view, scope, size, imgW, imgH]);

  // The scene: rebuilt from cached masks, painted synchronously, then marked ready.
  useLayoutEffect(() => {
    const root = rootRef.current;
    const s = view.scene;
    s.image = image;
    s.targets = buildTargets(detail, targets);
    s.others = showOthers ? buildOthers(detail, targets) : [];
    s.showBoxes = showBoxes;
    s.opacity = opacity;
    s.overlaysHidden = overlaysHidden;
    const hovered = useCanvasStore.getState().hovered;
    s.hovered = hovered;
    s.hoverMask = hovered === null ? undefined : (findSceneMask(s, hovered) ?? sceneMaskFor(detail, targets, hovered));
    view.drawAll();
    if (root) {
      root.dataset.pairId = detail.id;
      root.dataset.imageState = image ? "ready" : "loading";
      root.dataset.renderState = image && predictionGateOpen(detail.id) ? "ready" : "loading";
    }
  }, [view, detail, targets, image, showOthers, showBoxes, opacity, overlaysHidden, size]);

  // Transient subscriptions: hover redraws the overlay only; fit and zoom-to-mask requests.
  useEffect(
    () =>
      useCanvasStore.subscribe((st, prev) => {
        const { detail: d, targets: t, scope: sc } = latest.current;
        if (st.hovered !== prev.hovered) {
          view.scene.hovered = st.hovered;
          view.scene.hoverMask =
            st.hovered === null ? undefined : (findSceneMask(view.scene, st.hovered) ?? sceneMaskFor(d, t, st.hovered));
          view.redrawOverlay();
        }
        if (st.fitSeq !== prev.fitSeq) {
          viewportChanged(sc, view.setViewport(fitViewport(view.imageSize(), view.view)), true);
        }
        if (st.zoomRequest && st.zoomRequest !== prev.zoomRequest) {
          const ann = annotationsByIndex(d).get(st.zoomRequest.index);
          if (ann) {
            const m = getMask(sc, ann);
            const box: Box = m.area > 0 ? m.box : [ann.bbox[0] ?? 0, ann.bbox[1] ?? 0, ann.bbox[2] ?? 0, ann.bbox[3] ?? 0];
            viewportChanged(sc, view.setViewport(zoomToBox(box, view.imageSize(), view.view)), false);
          }
        }
      }),
    [view],
  );

  usePointerControls(areaRef, tooltipRef, view, latest);

  const missing = image && !image.ok ? image : null;
  return (
    <div
      ref={rootRef}
      className="pc-root"
      data-testid="pair-canvas"
      data-pair-id={detail.id}
      data-render-state="loading"
      data-editing={editing ? "true" : undefined}
    >
      <CanvasToolbar />
      <div ref={areaRef} className="pc-area">
        <Stage ref={stageRef} width={size.width} height={size.height} listening={false}>
          <Layer ref={imageLayerRef} listening={false}>
            <Shape sceneFunc={view.drawImage} listening={false} perfectDrawEnabled={false} />
          </Layer>
          <Layer ref={maskLayerRef} listening={false}>
            <Shape sceneFunc={view.drawMasks} listening={false} perfectDrawEnabled={false} />
          </Layer>
          <Layer ref={overlayLayerRef} listening={false}>
            <Shape sceneFunc={view.drawOverlay} listening={false} perfectDrawEnabled={false} />
          </Layer>
        </Stage>
        <PredictionOverlay detail={detail} />
        {missing && (
          <div className="pc-error" role="alert">
            {missing.status === 404 ? "Image not found" : `Image could not be loaded (${missing.status || "network error"})`}:{" "}
            {detail.image.fileName}
          </div>
        )}
        {!image && <div className="pc-loading">Loading image…</div>}
        <CanvasTooltip tipRef={tooltipRef} detail={detail} targets={targets} />
      </div>
      <Legend detail={detail} targets={targets} />
    </div>
  );
}
