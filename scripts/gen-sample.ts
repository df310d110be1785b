import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { encodePng } from "./sample/png";
import { sampleReadme } from "./sample/readme";
import { buildSample, sampleJson } from "./sample/sample";

/*
 * Writes the bundled sample dataset: sample/MMR_sample.json, sample/images/**.png and
 * sample/README.md (`npm run gen:sample`). Deterministic: running it twice changes nothing.
 */

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const sampleDir = join(root, "sample");
const imagesDir = join(sampleDir, "images");

const built = buildSample();
rmSync(imagesDir, { recursive: true, force: true });
let imageBytes = 0;
for (const { scene } of built) {
  if (!scene.meta.writeImage) continue;
  const png = encodePng(scene.canvas.rgb, scene.width, scene.height);
  const out = join(imagesDir, scene.meta.fileName);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, png);
  imageBytes += png.length;
}
const json = sampleJson(built);
writeFileSync(join(sampleDir, "MMR_sample.json"), json);
writeFileSync(join(sampleDir, "README.md"), sampleReadme(built));
const pairs = built.reduce((n, b) => n + b.pairs.length, 0);
console.log(
  `sample: ${built.length} records, ${pairs} pairs, ${built.filter((b) => b.scene.meta.writeImage).length} images ` +
    `(${(imageBytes / 1024).toFixed(0)} KB), MMR_sample.json ${(Buffer.byteLength(json) / 1024).toFixed(0)} KB`,
);
