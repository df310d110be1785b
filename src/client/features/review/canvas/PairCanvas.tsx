import { lazy, Suspense, useEffect, useLayoutEffect, useRef, useState } from "react";
// The core entry: Konva's Stage, Layer and Shape only, without every shape and filter.
import { Layer, Shape, Stage } from "react-konva/lib/ReactKonvaCore";
import type Konva from "konva";
import type { PairDetail } from "../../../../shared/api";
import { CanvasView } from "../../../canvas/view";
import { annotationsByIndex, buildOthers, buildTargets, byCategory, byTargetPosition, findSceneMask, pairScope, sceneMaskFor } from "../../../canvas/scene";
import { clampViewport, fitToBoxes as fitToBoxesOf, fitViewport, zoomAt, zoomToBox, type Box } from "../../../canvas/viewport";
import { getMask } from "../../../canvas/maskCache";
import { pairOpened, useCanvasStore, viewportChanged, type CanvasKey } from "./canvasStore";
import { OffscreenMarkers } from "./OffscreenMarkers";
import { rawBoxesOf, targetBoxes } from "./targetBoxes";
import { registerCanvas } from "./canvasProbe";
import { useElementSize } from "./useElementSize";
import { useImage } from "./useImage";
import { useStableArray } from "./useStableArray";
import { usePointerControls, type PointerTarget } from "./usePointerControls";
import { CanvasToolbar } from "./CanvasToolbar";
import { CanvasTooltip } from "./CanvasTooltip";
import { Legend } from "./Legend";
import { predictionGateOpen } from "../predictions/predictionStore";
import "./canvas.css";

/* The model overlay's painter loads after the first paint, keeping it out of the initial bundle. */
const PredictionOverlay = lazy(() => import("../predictions/PredictionOverlay").then((m) => ({ default: m.PredictionOverlay })));

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
  const hidden = useCanvasStore((s) => s.hiddenTargets);
  const outlineOnly = useCanvasStore((s) => s.outlineOnly);
  const colorBy = useCanvasStore((s) => s.colorBy);
  const brightness = useCanvasStore((s) => s.brightness);
  const contrast = useCanvasStore((s) => s.contrast);
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

  // A hover (or a hidden target) of the previous pair means nothing on this one.
  useLayoutEffect(() => pairOpened(), [detail.id]);

  useEffect(() => registerCanvas(view, latest), [view]);

  /*
   * Viewport. A pair opens fitted to its targets' boxes, so none starts outside the view; with
   * the zoom pinned, the zoom and pan this image had are kept instead. A resize keeps what the
   * view was: refits a fitted view, clamps a zoomed one.
   */
  const shownPair = useRef<string | null>(null);
  useLayoutEffect(() => {
    view.view = size;
    view.scene.width = imgW;
    view.scene.height = imgH;
    const img = { width: imgW, height: imgH };
    const { viewports, pinned } = useCanvasStore.getState();
    const stored = viewports[scope];
    const opening = shownPair.current !== detail.id;
    shownPair.current = detail.id;
    const fitTargets = () => viewportChanged(scope, view.setViewport(fitToTargetsOf(), "none"), true, "targets");
    const fitToTargetsOf = () => fitToBoxesFor(latest.current.detail, latest.current.targets, img, size);
    if (opening && !(pinned && stored)) {
      fitTargets();
    } else if (stored?.fitted) {
      if (stored.fit === "targets") fitTargets();
      else viewportChanged(scope, view.setViewport(fitViewport(img, size), "none"), true, "image");
    } else {
      viewportChanged(scope, view.setViewport(stored ? clampViewport(stored.vp, img, size) : fitToTargetsOf(), "none"), false);
    }
  }, [view, scope, size, imgW, imgH, detail.id]);

  // The scene: rebuilt from cached masks, painted synchronously, then marked ready.
  useLayoutEffect(() => {
    const root = rootRef.current;
    const s = view.scene;
    s.image = image;
    s.targets = buildTargets(detail, targets, colorBy === "category" ? byCategory(detail, targets) : byTargetPosition, hidden);
    s.others = showOthers ? buildOthers(detail, targets) : [];
    s.showBoxes = showBoxes;
    s.opacity = opacity;
    s.overlaysHidden = overlaysHidden;
    s.outlineOnly = outlineOnly;
    s.imageFilter = brightness === 1 && contrast === 1 ? "none" : `brightness(${brightness}) contrast(${contrast})`;
    s.rawBoxes = rawBoxesOf(detail, targets, s.targets);
    const hovered = useCanvasStore.getState().hovered;
    s.hovered = hovered;
    s.hoverMask = hovered === null ? undefined : (findSceneMask(s, hovered) ?? sceneMaskFor(detail, targets, hovered));
    view.drawAll();
    if (root) {
      root.dataset.pairId = detail.id;
      root.dataset.imageState = image ? "ready" : "loading";
      root.dataset.renderState = image && predictionGateOpen(detail.id) ? "ready" : "loading";
    }
  }, [view, detail, targets, image, showOthers, showBoxes, opacity, overlaysHidden, size, hidden, outlineOnly, colorBy, brightness, contrast]);

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
          viewportChanged(sc, view.setViewport(fitViewport(view.imageSize(), view.view)), true, "image");
        }
        if (st.keyRequest && st.keyRequest !== prev.keyRequest) {
          const key = st.keyRequest.key;
          const fitTargets = key === "fitTargets";
          const vp = key === "fitTargets" ? fitToBoxesFor(d, t, view.imageSize(), view.view) : keyViewport(view, key);
          viewportChanged(sc, view.setViewport(vp), fitTargets, fitTargets ? "targets" : undefined);
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
      <div
        ref={areaRef}
        className="pc-area"
        tabIndex={0}
        role="group"
        data-canvas-keys=""
        aria-roledescription="image canvas"
        aria-label={`Image ${detail.image.fileName} with ${targets.length} target mask${targets.length === 1 ? "" : "s"}`}
        aria-describedby={`pc-alt-${detail.index}`}
        aria-keyshortcuts="+ - 0 ArrowLeft ArrowRight ArrowUp ArrowDown"
      >
        <CanvasAlt id={`pc-alt-${detail.index}`} detail={detail} targets={targets} />
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
        <Suspense fallback={null}>
          <PredictionOverlay detail={detail} />
        </Suspense>
        {missing && (
          <div className="pc-error" role="alert">
            {missing.status === 404 ? "Image not found" : `Image could not be loaded (${missing.status || "network error"})`}:{" "}
            {detail.image.fileName}
          </div>
        )}
        {!image && <div className="pc-loading">Loading image…</div>}
        <CanvasTooltip tipRef={tooltipRef} detail={detail} targets={targets} />
        <OffscreenMarkers detail={detail} targets={targets} viewSize={size} />
      </div>
      <Legend detail={detail} targets={targets} />
    </div>
  );
}

/**
 * The pair's target boxes framed for opening (see fitToBoxes). A `box_mismatch` pair frames the
 * raw answer's boxes too, so the mismatch the flag claims is in view with Boxes on.
 */
function fitToBoxesFor(detail: PairDetail, targets: readonly number[], image: { width: number; height: number }, size: { width: number; height: number }) {
  const boxes = targetBoxes(detail, targets);
  if (detail.flags.includes("box_mismatch")) for (const raw of rawBoxesOf(detail, targets, [])) boxes.push(raw.box);
  return fitToBoxesOf(boxes, image, size);
}

const ZOOM_STEP = 1.25;
/** Share of the view an arrow key pans. */
const PAN_STEP = 0.1;

function keyViewport(view: CanvasView, key: Exclude<CanvasKey, "fitTargets">) {
  const centre = { x: view.view.width / 2, y: view.view.height / 2 };
  if (key === "zoomIn" || key === "zoomOut") {
    return zoomAt(view.vp, centre, key === "zoomIn" ? ZOOM_STEP : 1 / ZOOM_STEP, view.imageSize(), view.view);
  }
  const dx = key === "left" ? 1 : key === "right" ? -1 : 0;
  const dy = key === "up" ? 1 : key === "down" ? -1 : 0;
  // Arrow left looks further left: the image moves right on screen.
  return { ...view.vp, x: view.vp.x + dx * view.view.width * PAN_STEP, y: view.vp.y + dy * view.view.height * PAN_STEP };
}

/** The canvas's text alternative: every target by number, name, category and kind. */
function CanvasAlt({ id, detail, targets }: { id: string; detail: PairDetail; targets: readonly number[] }) {
  const anns = annotationsByIndex(detail);
  return (
    <ol id={id} className="visually-hidden">
      {targets.map((index, k) => {
        const ann = anns.get(index);
        return <li key={`${k}:${index}`}>{ann ? `Target ${k + 1}: ${ann.instanceName}, ${ann.categoryName}, ${ann.kind}` : `Target ${k + 1}: missing annotation`}</li>;
      })}
    </ol>
  );
}
