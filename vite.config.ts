import { defineConfig } from "vitest/config";
import react from "@vitejs/plugin-react";
import { precompress } from "./scripts/build/precompress.ts";

const apiPort = Number(process.env.MMR_API_PORT ?? 5174);

export default defineConfig({
  plugins: [react(), precompress()],
  root: ".",
  publicDir: "public",
  build: {
    outDir: "dist/client",
    emptyOutDir: true,
    sourcemap: false,
  },
  server: {
    port: 5173,
    proxy: { "/api": `http://127.0.0.1:${apiPort}` },
  },
  test: {
    include: ["src/**/*.test.ts", "src/**/*.test.tsx", "scripts/**/*.test.ts"],
    environment: "node",
    pool: "forks",
    testTimeout: 30_000,
  },
});
