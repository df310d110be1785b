import { targetColor } from "../../../canvas/palette";

interface Props {
  /** 0-based target position; null draws the neutral "other" swatch. */
  target: number | null;
  kind: "object" | "part";
  /** Overrides the target's colour (colour by category). */
  color?: string;
}

/** A small sample of how the mask is drawn: its fill and its outline (solid object, dashed part). */
export function Swatch({ target, kind, color: given }: Props) {
  const color = given ?? (target === null ? "#9aa0a6" : targetColor(target));
  return (
    <svg className="pc-swatch-svg" width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <rect
        x="1.5"
        y="1.5"
        width="11"
        height="11"
        rx="2"
        fill={color}
        fillOpacity={target === null ? 0.25 : 0.55}
        stroke={color}
        strokeWidth="2"
        strokeDasharray={kind === "part" ? "3 2" : undefined}
      />
    </svg>
  );
}
