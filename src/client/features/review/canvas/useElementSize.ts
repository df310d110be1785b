import { useLayoutEffect, useState, type RefObject } from "react";
import type { Size } from "../../../canvas/viewport";

/** The element's content size, measured before the first paint and on every resize. */
export function useElementSize(ref: RefObject<HTMLElement | null>): Size {
  const [size, setSize] = useState<Size>({ width: 0, height: 0 });
  useLayoutEffect(() => {
    const el = ref.current;
    if (!el) return;
    const update = (width: number, height: number): void => {
      const w = Math.floor(width);
      const h = Math.floor(height);
      setSize((s) => (s.width === w && s.height === h ? s : { width: w, height: h }));
    };
    const r = el.getBoundingClientRect();
    update(r.width, r.height);
    const ro = new ResizeObserver((entries) => {
      const box = entries[0]?.contentRect;
      if (box) update(box.width, box.height);
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, [ref]);
  return size;
}
