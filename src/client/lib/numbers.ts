/*
 * Whole numbers as the app writes them (1,234). One formatter for all: `toLocaleString("en")`
 * builds an Intl.NumberFormat on every call, which the review screen made dozens of times a move
 * (every instance row, chip and count).
 */
const WHOLE = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });

/** `n` rounded to a whole number, with thousands separators. */
export function formatWhole(n: number): string {
  return WHOLE.format(Math.round(n));
}
