import { createPortal } from "react-dom";
import { TargetNames } from "./TargetNames";
import { ThumbCanvas } from "./ThumbCanvas";
import { THUMB_H, THUMB_W } from "./thumbRender";
import { LARGE_SCALE } from "./thumbCache";
import { useThumb } from "./useThumb";

const W = THUMB_W * LARGE_SCALE;
const H = THUMB_H * LARGE_SCALE;
const MARGIN = 12;

/** Where the enlarged picture goes: beside the card where it fits, clamped into the window. */
export function placeBeside(card: DOMRect, view: { width: number; height: number }, size: { width: number; height: number }) {
  const right = card.right + MARGIN;
  const left = card.left - MARGIN - size.width;
  let x = right + size.width <= view.width ? right : left >= 0 ? left : Math.max(0, (view.width - size.width) / 2);
  x = Math.min(Math.max(0, x), Math.max(0, view.width - size.width));
  const y = Math.min(Math.max(MARGIN, card.top), Math.max(0, view.height - size.height - MARGIN));
  return { x, y };
}

/** Hover-to-enlarge: the card's picture at twice the size, with every target's full name. */
export function EnlargedCard({ pairId, version, question, anchor }: { pairId: string; version: number; question: string; anchor: DOMRect }) {
  const { entry, state } = useThumb(pairId, version, "large");
  // The question and names take ~90 px under the picture; the whole fits in the window.
  const width = Math.max(240, Math.min(W, window.innerWidth - 2 * MARGIN, ((window.innerHeight - 2 * MARGIN - 90) * W) / H));
  const height = (width * H) / W + 90;
  const { x, y } = placeBeside(anchor, { width: window.innerWidth, height: window.innerHeight }, { width, height });
  return createPortal(
    <div className="card-enlarged" style={{ left: x, top: y, width }} data-testid="card-enlarged" aria-hidden="true">
      <ThumbCanvas pairId={pairId} entry={entry} state={state} width={W} height={H} className="card-enlarged__canvas" testId="card-enlarged-canvas" />
      <p className="card-enlarged__question">{question}</p>
      {entry && <TargetNames targets={entry.targets} className="card-enlarged__targets" max={80} />}
    </div>,
    document.body,
  );
}
