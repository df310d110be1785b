import { useEffect, useState } from "react";
import { loadLargeThumb, loadThumb, peekThumb, thumbKey, type ThumbEntry } from "./thumbCache";

export type RenderState = "loading" | "ready" | "error";

/** A card's painted picture for one decision version; a recycled card never shows the old pair. */
export function useThumb(pairId: string, version: number, size: "card" | "large" = "card"): { entry: ThumbEntry | null; state: RenderState } {
  const key = `${size}:${thumbKey(pairId, version)}`;
  const [loaded, setLoaded] = useState<{ key: string; entry: ThumbEntry | null; state: RenderState }>(() => {
    const hit = size === "card" ? peekThumb(pairId, version) : undefined;
    return { key, entry: hit ?? null, state: hit ? "ready" : "loading" };
  });
  useEffect(() => {
    let live = true;
    const load = size === "card" ? loadThumb : loadLargeThumb;
    load(pairId, version).then(
      (entry) => live && setLoaded({ key, entry, state: "ready" }),
      () => live && setLoaded({ key, entry: null, state: "error" }),
    );
    return () => {
      live = false;
    };
  }, [key, pairId, version, size]);
  return loaded.key === key ? loaded : { entry: null, state: "loading" };
}
