import { useEffect, useSyncExternalStore } from "react";
import { loadImage, peekImage, subscribeImages, type ImageResult } from "../../../canvas/imageCache";

/** The decoded image at `url`, or undefined while it loads. A prefetched image is there at once. */
export function useImage(url: string): ImageResult | undefined {
  const result = useSyncExternalStore(subscribeImages, () => peekImage(url));
  const missing = result === undefined;
  useEffect(() => {
    if (missing) void loadImage(url);
  }, [url, missing]);
  return result;
}
