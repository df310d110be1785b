#!/usr/bin/env node
// `npm run dev`: the API server on the sample data (restarted on change by tsx watch) and Vite's
// dev server with hot reload, which proxies /api to it.
import { spawn } from "node:child_process";
import { join, dirname } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const apiPort = process.env.MMR_API_PORT ?? "5174";
const children = [
  spawn(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), "watch", "src/server/cli/run.ts", "serve", "--port", apiPort, "--db", ".cache/dev.db", ...process.argv.slice(2)], {
    cwd: root,
    stdio: "inherit",
  }),
  spawn(process.execPath, [join(root, "node_modules/vite/bin/vite.js")], {
    cwd: root,
    stdio: "inherit",
    env: { ...process.env, MMR_API_PORT: apiPort },
  }),
];
const stop = () => children.forEach((child) => child.kill("SIGTERM"));
process.on("SIGINT", stop);
process.on("SIGTERM", stop);
for (const child of children) child.on("exit", (code) => { stop(); process.exitCode = code ?? 0; });
