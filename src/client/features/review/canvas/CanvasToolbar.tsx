import {
  boxesToggled,
  fitRequested,
  opacityChanged,
  othersToggled,
  overlaysToggled,
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
      <Toggle pressed={showBoxes} onClick={boxesToggled} label="Boxes" title="Show annotation boxes" />
      <Toggle pressed={overlaysHidden} onClick={overlaysToggled} label="Hide overlays" keyHint="h" title="Hide every overlay to look at the pixels" />
      <span className="pc-spacer" />
      <button type="button" className="pc-btn" onClick={fitRequested} title="Fit image to view (f)">
        Fit <kbd>f</kbd>
      </button>
      <span className="pc-num pc-zoom" aria-label="Zoom">
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
