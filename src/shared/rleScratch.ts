// Scratch buffers the decoder and encoder keep between calls grow through this, so one large mask
// does not make every later call allocate.

/** Returns `buf` when it holds at least n elements, else a new one (at least doubled). */
export function atLeast(buf: Int32Array, n: number): Int32Array {
  // Stryker disable next-line EqualityOperator,ArithmeticOperator: equivalent, callers overwrite what they read, so a new buffer of exactly n, or one more allocation, gives the same output
  return buf.length >= n ? buf : new Int32Array(Math.max(n, buf.length * 2));
}
