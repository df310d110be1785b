/*
 * Target colours. The first seven are Okabe & Ito's colour-blind-safe set (black left out: it
 * vanishes on photos); targets 8–16 continue with Paul Tol's "muted" and "light" schemes, picked
 * to stay apart from the first seven. No palette of 16 hues is fully separable for every kind of
 * colour blindness, so the canvas never relies on colour alone: every target also carries its
 * placeholder number (legend, chips, instances panel) and objects/parts differ by outline style.
 * Past 16 the palette repeats.
 */
export const TARGET_COLORS: readonly string[] = [
  "#E69F00", // orange (Okabe–Ito)
  "#56B4E9", // sky blue
  "#009E73", // bluish green
  "#F0E442", // yellow
  "#0072B2", // blue
  "#D55E00", // vermillion
  "#CC79A7", // reddish purple
  "#44AA99", // teal (Tol muted)
  "#CC6677", // rose
  "#999933", // olive
  "#AA4499", // purple
  "#88CCEE", // light cyan
  "#DDCC77", // sand
  "#882255", // wine
  "#332288", // indigo
  "#EE8866", // light orange (Tol light)
];

/** Colour of the k-th target (0-based, placeholder order). */
export function targetColor(k: number): string {
  const n = TARGET_COLORS.length;
  return TARGET_COLORS[((k % n) + n) % n] ?? "#E69F00";
}

/** How non-target ("other") annotations look: quiet, so targets stay in front. */
export const OTHER_STYLE = {
  fill: "#D9D9D9",
  /** Others are filled at this fraction of the user's opacity. */
  fillAlphaFactor: 0.45,
  stroke: "rgba(240, 240, 240, 0.75)",
  /** A lighter halo than targets': others should read as context, not as answers. */
  halo: "rgba(0, 0, 0, 0.3)",
} as const;

/** Dark halo under every outline so it reads on light and dark pixels alike. */
export const HALO = "rgba(0, 0, 0, 0.6)";

/** Outline dash pattern for parts, in screen pixels; objects are solid. */
export const PART_DASH: readonly number[] = [6, 4];
