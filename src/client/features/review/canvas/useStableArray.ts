import { useRef } from "react";

/** The same array instance while the contents are equal, so effects do not rerun on a copy. */
export function useStableArray<T>(next: readonly T[]): readonly T[] {
  const ref = useRef(next);
  const prev = ref.current;
  if (prev !== next && (prev.length !== next.length || prev.some((v, i) => v !== next[i]))) {
    ref.current = next;
  }
  return ref.current;
}
