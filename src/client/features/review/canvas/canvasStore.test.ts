import { beforeEach, describe, expect, it } from "vitest";
import {
  fitRequested,
  hoverChanged,
  maskFocused,
  opacityChanged,
  othersToggled,
  overlaysToggled,
  selectZoom,
  useCanvasStore,
  viewportChanged,
} from "./canvasStore";

describe("canvas store", () => {
  beforeEach(() => useCanvasStore.setState({ hovered: null, hoverSource: null, showOthers: false, overlaysHidden: false, viewports: {}, activeImage: null }));

  it("toggles with the o and h events", () => {
    othersToggled();
    overlaysToggled();
    expect(useCanvasStore.getState()).toMatchObject({ showOthers: true, overlaysHidden: true });
    othersToggled();
    expect(useCanvasStore.getState().showOthers).toBe(false);
  });

  it("records where a hover came from and does not notify for the same hover", () => {
    let calls = 0;
    const off = useCanvasStore.subscribe(() => calls++);
    hoverChanged(3, "canvas");
    hoverChanged(3, "canvas");
    expect(calls).toBe(1);
    expect(useCanvasStore.getState()).toMatchObject({ hovered: 3, hoverSource: "canvas" });
    hoverChanged(null);
    expect(useCanvasStore.getState().hoverSource).toBeNull();
    off();
  });

  it("counts fit and zoom requests so a repeat counts again", () => {
    const fit = useCanvasStore.getState().fitSeq;
    fitRequested();
    expect(useCanvasStore.getState().fitSeq).toBe(fit + 1);
    maskFocused(4);
    const first = useCanvasStore.getState().zoomRequest;
    maskFocused(4);
    expect(useCanvasStore.getState().zoomRequest).not.toBe(first);
    expect(useCanvasStore.getState().zoomRequest?.index).toBe(4);
  });

  it("keeps a viewport per image and clamps opacity", () => {
    viewportChanged("val:1", { scale: 2, x: 0, y: 0 });
    viewportChanged("val:2", { scale: 0.5, x: 0, y: 0 }, true);
    expect(useCanvasStore.getState().viewports["val:1"]?.vp.scale).toBe(2);
    expect(selectZoom(useCanvasStore.getState())).toBe(0.5);
    opacityChanged(3);
    expect(useCanvasStore.getState().opacity).toBe(1);
  });
});
