import { brotliCompressSync, brotliDecompressSync, constants } from "node:zlib";

/*
 * How a record's original JSON text is kept. Plain UTF-8 by default: brotli at quality 1 shrinks
 * gen:scale records ~4x but costs ~6 s of CPU on the 154K-pair import (on the one thread that
 * owns the connection) and ~2 s on export, while writing the plain text is cheap on a local disk.
 * Compression stays available (`compressRaw`) for databases on slow or small disks; the first
 * byte names the encoding, so both kinds of rows stay readable whatever the default.
 */

const PLAIN = 0;
const BROTLI = 1;

const brotliOptions = {
  params: {
    [constants.BROTLI_PARAM_QUALITY]: 1,
    [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
  },
};

/** `text` as stored; `bytes`, when given, are its UTF-8 encoding as read (copied, not re-encoded). */
export function encodeRaw(text: string, compress = false, bytes?: Uint8Array): Buffer {
  if (!compress && bytes) {
    const out = Buffer.allocUnsafe(1 + bytes.length);
    out[0] = PLAIN;
    out.set(bytes, 1);
    return out;
  }
  if (!compress) {
    // Encoded straight after the kind byte: one pass over the text, no second copy of the bytes.
    const out = Buffer.allocUnsafe(1 + Buffer.byteLength(text, "utf8"));
    out[0] = PLAIN;
    out.write(text, 1, "utf8");
    return out;
  }
  const body = Buffer.from(text, "utf8");
  const packed = brotliCompressSync(body, { ...brotliOptions, params: { ...brotliOptions.params, [constants.BROTLI_PARAM_SIZE_HINT]: body.length } });
  return Buffer.concat([Buffer.of(BROTLI), packed]);
}

export function decodeRaw(stored: Buffer): string {
  const kind = stored[0];
  const body = stored.subarray(1);
  if (kind === PLAIN) return body.toString("utf8");
  if (kind === BROTLI) return brotliDecompressSync(body).toString("utf8");
  throw new Error(`unknown raw record encoding ${String(kind)}`);
}
