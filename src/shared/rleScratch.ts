// Scratch buffers the decoder and encoder keep between calls grow through this, so one large mask
// does not make every later call allocate.

/** Returns `buf` when it holds at least n elements, else a new one (at least doubled). */
export function atLeast(buf: Int32Array, n: number): Int32Array {
  return buf.length >= n ? buf : new Int32Array(Math.max(n, buf.length * 2));
}
