import js from "@eslint/js";
import tseslint from "typescript-eslint";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";

const features = ["review", "gallery", "dashboard", "export"];

/** Each feature folder may use shared client code, never another feature. */
const featureBoundaries = features.map((feature) => ({
  files: [`src/client/features/${feature}/**/*.{ts,tsx}`],
  rules: {
    "no-restricted-imports": [
      "error",
      {
        patterns: [
          { group: ["**/server/**"], message: "client never imports server code" },
          {
            group: features.filter((f) => f !== feature).map((f) => `**/features/${f}/**`),
            message: "features do not import each other; move shared code to src/client/",
          },
        ],
      },
    ],
  },
}));

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
  ...featureBoundaries,
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
