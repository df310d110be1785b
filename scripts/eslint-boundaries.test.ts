import { ESLint } from "eslint";
import { describe, expect, it } from "vitest";

/*
 * The lint boundaries are path rules; each one is proved here by a deliberate violation linted
 * as if it lived at a real path of the repo (the imported files exist, so the resolver sees them).
 */

const eslint = new ESLint({ cwd: new URL("..", import.meta.url).pathname });

async function problems(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

describe("client boundaries", () => {
  it("refuses a feature importing another feature by a sibling relative path", async () => {
    const found = await problems(
      "src/client/features/review/probe.ts",
      'import { GAP } from "../gallery/gridLayout";\nexport const x = GAP;\n',
    );
    expect(found.some((p) => p.includes("features do not import each other"))).toBe(true);
  });

  it("refuses the same import spelled through the features folder", async () => {
    const found = await problems(
      "src/client/features/dashboard/charts/probe.ts",
      'import { galleryParamsFrom } from "../../../features/gallery/galleryParams";\nexport const x = galleryParamsFrom;\n',
    );
    expect(found.some((p) => p.includes("features do not import each other"))).toBe(true);
  });

  it("keeps the client-wide rules inside a feature (node:* and server code)", async () => {
    const found = await problems(
      "src/client/features/gallery/probe.ts",
      'import fs from "node:fs";\nimport { createApp } from "../../../server/http/app";\nexport const x = [fs, createApp];\n',
    );
    expect(found.some((p) => p.includes("client code runs in the browser"))).toBe(true);
    expect(found.some((p) => p.includes("client never imports server code"))).toBe(true);
  });

  it("lets a feature use its own files and shared client code", async () => {
    const found = await problems(
      "src/client/features/gallery/probe.ts",
      'import { GAP } from "./gridLayout";\nimport { filtersFromSearch } from "../../api/filters";\nexport const x = [GAP, filtersFromSearch];\n',
    );
    expect(found.filter((p) => p.startsWith("import-x") || p.startsWith("no-restricted"))).toEqual([]);
  });

  it("keeps src/shared pure", async () => {
    const found = await problems(
      "src/shared/probe.ts",
      'import { filtersFromSearch } from "../client/api/filters";\nexport const x = filtersFromSearch;\n',
    );
    expect(found.some((p) => p.includes("src/shared is pure"))).toBe(true);
  });
});
