import { readdirSync, readFileSync, statSync, writeFileSync } from "node:fs";
import { extname, join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import type { Plugin } from "vite";
import { compressibleExtensions } from "../../src/server/http/contentTypes.ts";

/*
 * Writes `file.br` and `file.gz` next to every compressible file of the client build, once, at
 * build time with the strongest settings, so the server sends them as they are (staticClient.ts)
 * and spends no CPU per request. Files that do not shrink by a tenth are left alone.
 */

const MIN_BYTES = 1024;

function files(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path) : [path];
  });
}

export function precompressDir(dir: string): { files: number; bytes: number; br: number; gz: number } {
  const total = { files: 0, bytes: 0, br: 0, gz: 0 };
  for (const file of files(dir)) {
    if (!compressibleExtensions.has(extname(file).toLowerCase())) continue;
    const body = readFileSync(file);
    if (body.length < MIN_BYTES) continue;
    const br = brotliCompressSync(body, {
      params: { [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY, [constants.BROTLI_PARAM_SIZE_HINT]: body.length },
    });
    const gz = gzipSync(body, { level: 9 });
    if (br.length <= body.length * 0.9) writeFileSync(`${file}.br`, br);
    if (gz.length <= body.length * 0.9) writeFileSync(`${file}.gz`, gz);
    total.files++;
    total.bytes += body.length;
    total.br += br.length;
    total.gz += gz.length;
  }
  return total;
}

/** The Vite plugin: precompresses the output folder after the bundle is written. */
export function precompress(): Plugin {
  let outDir = "dist";
  return {
    name: "mmr-precompress",
    apply: "build",
    configResolved(config) {
      outDir = join(config.root, config.build.outDir);
    },
    closeBundle() {
      const t = precompressDir(outDir);
      const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
      this.info(`precompressed ${t.files} files: ${kb(t.bytes)} → ${kb(t.br)} br, ${kb(t.gz)} gzip`);
    },
  };
}
