/*
 * Puts the tooltip beside the pointer, flipped to the pointer's left/top near the right/bottom
 * edges so it never clips. The pointer position is kept on the element, so the tooltip can place
 * itself again once React has filled in new text (and its size changed).
 */
export function placeTooltip(tip: HTMLElement, p: { x: number; y: number } | null): void {
  if (!p) {
    tip.style.visibility = "hidden";
    delete tip.dataset.px;
    return;
  }
  tip.dataset.px = String(p.x);
  tip.dataset.py = String(p.y);
  const area = tip.parentElement;
  if (!area || tip.hidden) return;
  const left = p.x + 16 + tip.offsetWidth > area.clientWidth;
  const up = p.y + 18 + tip.offsetHeight > area.clientHeight;
  const x = left ? p.x - 12 - tip.offsetWidth : p.x + 16;
  const y = up ? p.y - 10 - tip.offsetHeight : p.y + 18;
  tip.style.transform = `translate(${Math.max(4, x)}px, ${Math.max(4, y)}px)`;
  tip.style.visibility = "visible";
}

/** Places it again at the last pointer position (after its content changed). */
export function replaceTooltip(tip: HTMLElement): void {
  if (tip.dataset.px === undefined) return;
  placeTooltip(tip, { x: Number(tip.dataset.px), y: Number(tip.dataset.py) });
}
