import {
  boxesToggled,
  colorByChanged,
  fitRequested,
  IMAGE_ADJUST,
  imageAdjusted,
  opacityChanged,
  othersToggled,
  outlineOnlyToggled,
  overlaysToggled,
  pinToggled,
  selectZoom,
  useCanvasStore,
} from "./canvasStore";

/** Opacity, the three toggles (with their keys), fit and the zoom readout. */
export function CanvasToolbar() {
  const opacity = useCanvasStore((s) => s.opacity);
  const showOthers = useCanvasStore((s) => s.showOthers);
  const showBoxes = useCanvasStore((s) => s.showBoxes);
  const overlaysHidden = useCanvasStore((s) => s.overlaysHidden);
  const zoom = useCanvasStore(selectZoom);
  const pinned = useCanvasStore((s) => s.pinned);
  return (
    <div className="pc-toolbar" role="toolbar" aria-label="Canvas">
      <label className="pc-opacity" title="Mask fill opacity">
        <span>Opacity</span>
        <input
          type="range"
          min={0}
          max={1}
          step={0.05}
          value={opacity}
          aria-label="Mask opacity"
          onChange={(e) => opacityChanged(Number(e.currentTarget.value))}
        />
        <span className="pc-num">{Math.round(opacity * 100)}%</span>
      </label>
      <Toggle pressed={showOthers} onClick={othersToggled} label="Others" keyHint="o" title="Show the image's other annotations" />
      <Toggle pressed={showBoxes} onClick={boxesToggled} label="Boxes" title="Show target boxes (solid) and the raw answer's boxes (dashed, R1, R2…)" />
      <ViewMenu />
      <Toggle pressed={overlaysHidden} onClick={overlaysToggled} label="Hide overlays" keyHint="h" title="Hide every overlay to look at the pixels" />
      <span className="pc-spacer" />
      <button type="button" className="pc-btn" onClick={fitRequested} title="Fit image to view (f)">
        Fit <kbd>f</kbd>
      </button>
      <Toggle pressed={pinned} onClick={pinToggled} label="Pin zoom" title="Keep this image's zoom and pan for its next pair (off: every pair opens fitted to its targets)" />
      <span className="pc-num pc-zoom" role="status" aria-label="Zoom">
        {zoom === null ? "–" : `${Math.round(zoom * 100)}%`}
      </span>
    </div>
  );
}

interface ToggleProps {
  pressed: boolean;
  onClick: () => void;
  label: string;
  keyHint?: string;
  title: string;
}

function Toggle({ pressed, onClick, label, keyHint, title }: ToggleProps) {
  return (
    <button
      type="button"
      className="pc-btn"
      aria-pressed={pressed}
      onClick={onClick}
      title={keyHint ? `${title} (${keyHint})` : title}
    >
      {label}
      {keyHint && <kbd>{keyHint}</kbd>}
    </button>
  );
}

/**
 * How masks and image are drawn, folded away until needed (all remembered): outlines only,
 * colour by target or by category, image brightness and contrast.
 */
function ViewMenu() {
  const brightness = useCanvasStore((s) => s.brightness);
  const contrast = useCanvasStore((s) => s.contrast);
  const outlineOnly = useCanvasStore((s) => s.outlineOnly);
  const colorBy = useCanvasStore((s) => s.colorBy);
  const touched = brightness !== 1 || contrast !== 1;
  const changed = touched || outlineOnly || colorBy !== "target";
  return (
    <details className="pc-adjust">
      <summary className="pc-btn" title="Outlines only, colour by category, brightness and contrast">
        View{changed ? " •" : ""} ▾
      </summary>
      <div className="pc-adjust__panel">
        <label className="pc-check">
          <input type="checkbox" checked={outlineOnly} onChange={outlineOnlyToggled} /> Outlines only
        </label>
        <label className="pc-select">
          <span>Colour</span>
          <select value={colorBy} onChange={(e) => colorByChanged(e.currentTarget.value === "category" ? "category" : "target")}>
            <option value="target">by target</option>
            <option value="category">by category</option>
          </select>
        </label>
        <Slider label="Brightness" value={brightness} onChange={(v) => imageAdjusted({ brightness: v })} />
        <Slider label="Contrast" value={contrast} onChange={(v) => imageAdjusted({ contrast: v })} />
        <button type="button" className="pc-btn" disabled={!touched} onClick={() => imageAdjusted({ brightness: 1, contrast: 1 })}>
          Reset
        </button>
      </div>
    </details>
  );
}

function Slider({ label, value, onChange }: { label: string; value: number; onChange: (v: number) => void }) {
  return (
    <label className="pc-opacity">
      <span>{label}</span>
      <input type="range" min={IMAGE_ADJUST[0]} max={IMAGE_ADJUST[1]} step={0.05} value={value} onChange={(e) => onChange(Number(e.currentTarget.value))} />
      <span className="pc-num">{Math.round(value * 100)}%</span>
    </label>
  );
}
