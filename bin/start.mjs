#!/usr/bin/env node
// `npm start`: build the browser app when it is missing or older than its sources, then serve the
// bundled sample dataset (or whatever arguments follow `npm start --`).
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");

function newestMtime(path) {
  const info = statSync(path);
  if (!info.isDirectory()) return info.mtimeMs;
  let newest = info.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const built = join(root, "dist/client/index.html");
const sources = ["src/client", "src/shared", "index.html", "public", "vite.config.ts"].map((p) => join(root, p));
const stale =
  !existsSync(built) || Math.max(...sources.filter(existsSync).map(newestMtime)) > statSync(built).mtimeMs;
if (stale) {
  console.log("Building the app…");
  const result = spawnSync(process.execPath, [join(root, "node_modules/vite/bin/vite.js"), "build", "--logLevel", "warn"], {
    cwd: root,
    stdio: "inherit",
  });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

const args = process.argv.slice(2);
const result = spawnSync(process.execPath, [join(root, "bin/mmr-review.mjs"), "serve", ...args], {
  cwd: root,
  stdio: "inherit",
});
process.exit(result.status ?? 1);
