import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

import importX, { createNodeResolver } from "eslint-plugin-import-x";

const features = ["review", "gallery", "dashboard", "export", "rounds"];

/*
 * Boundaries by resolved path, not by how an import is spelled: `../gallery/x` and
 * `../../features/gallery/x` resolve to the same file and are caught alike. These zones add to
 * the client- and shared-wide `no-restricted-imports` rules below instead of replacing them.
 * eslint.boundaries.test.ts proves each zone with a deliberate violation.
 */
const zones = [
  ...features.map((feature) => ({
    target: `./src/client/features/${feature}`,
    from: "./src/client/features",
    except: [`./${feature}`],
    message: "features do not import each other; move shared code to src/client/ (lib, filters, api…)",
  })),
  { target: "./src/client", from: "./src/server", message: "client never imports server code" },
  { target: "./src/server", from: "./src/client", message: "server never imports client code" },
  { target: "./src/shared", from: ["./src/client", "./src/server"], message: "src/shared is pure: it imports neither side" },
];

export default tseslint.config(
  { ignores: ["dist/**", "node_modules/**", "test-results/**", "playwright-report/**", "bench-data/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["src/shared/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/server/**", "**/client/**"], message: "src/shared is pure: it imports neither side" },
            { group: ["node:*"], message: "src/shared runs in the browser too: no node:* imports" },
            { group: ["react", "react-dom", "konva", "react-konva", "better-sqlite3", "hono"], message: "src/shared holds no UI or server libraries" },
          ],
        },
      ],
    },
  },
  {
    files: ["src/client/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks },
    rules: {
      "react-hooks/rules-of-hooks": "error",
      "react-hooks/exhaustive-deps": "warn",
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["**/server/**"], message: "client never imports server code" },
            { group: ["node:*"], message: "client code runs in the browser" },
          ],
        },
      ],
    },
  },
  {
    files: ["src/**/*.{ts,tsx}"],
    plugins: { "import-x": importX },
    settings: {
      "import-x/resolver-next": [createNodeResolver({ extensions: [".ts", ".tsx", ".js", ".mjs", ".json"] })],
    },
    rules: { "import-x/no-restricted-paths": ["error", { basePath: import.meta.dirname, zones }] },
  },
  {
    // Playwright fixtures must destructure their (empty) dependencies.
    files: ["e2e/**/*.ts"],
    rules: { "no-empty-pattern": "off" },
  },
  {
    files: ["src/server/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/client/**"], message: "server never imports client code" }] },
      ],
    },
  },
);
