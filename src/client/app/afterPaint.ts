/**
 * Runs `work` once the browser has painted the current update. Effects of a key press otherwise
 * run before the paint (React flushes them synchronously after a discrete event), so the next
 * pair would show later than it must.
 */
export function afterPaint(work: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const frame = requestAnimationFrame(() => {
    timer = setTimeout(work, 0);
  });
  return () => {
    cancelAnimationFrame(frame);
    if (timer !== undefined) clearTimeout(timer);
  };
}
