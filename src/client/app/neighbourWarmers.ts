/*
 * What else a pair that may open next needs, registered by the parts of the screen that load it
 * (the discussion thread, a lazy chunk, adds its comments). The review screen's neighbour prefetch
 * calls every warmer with the ids it warms, after the paint. A module of its own, with no imports,
 * so a lazy chunk can register without pulling the screen's modules into a shared chunk.
 */
const warmers = new Set<(pairId: string) => void>();

export function warmNeighboursWith(warm: (pairId: string) => void): () => void {
  warmers.add(warm);
  return () => {
    warmers.delete(warm);
  };
}

export function warmNeighbour(pairId: string): void {
  for (const warm of warmers) warm(pairId);
}
