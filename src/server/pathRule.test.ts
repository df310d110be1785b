import { linkSync, mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fileFlags } from "../shared/checks";
import { isSafeFileName } from "../shared/paths";
import { lintSplit } from "./cli/lint";
import { exportChunks } from "./export/exportChunks";
import { createApp } from "./http/app";
import { safeRelativePath } from "./http/safePath";
import { importSplit } from "./import/importSplit";
import { openStore } from "./storage/open";
import type { ReviewStore } from "./storage/store";
import { fixtureRecord, splitText, tempDir } from "./test-fixtures/splitFiles";
import type { TempDir } from "./test-fixtures/splitFiles";

/*
 * One path rule: lint, import and the image route agree on every name of one table. Expected
 * verdicts are written by hand from the rule in src/shared/paths.ts (README "Images and paths").
 */

const PNG = Buffer.from("89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c4890000000d4944415478da63f8cfc0f01f0005000201ff5f3f76d20000000049454e44ae426082", "hex");

/** [file_name, safe, exists in the images folder] */
const table: [string, boolean, boolean][] = [
  ["a.png", true, true],
  ["sub/b.png", true, true],
  ["./sub/b.png", true, true],
  ["sub//b.png", true, true],
  ["a..b.png", true, true],
  ["missing.png", true, false],
  ["b/../y.png", false, false],
  ["./../x.jpg", false, false],
  ["../x.png", false, false],
  ["sub/../../x.png", false, false],
  ["/etc/x.png", false, false],
  ["//server/share/x.png", false, false],
  ["\\\\server\\share\\x.png", false, false],
  ["C:\\x.png", false, false],
  ["C:x.png", false, false],
  ["file:x.png", false, false],
  ["sub\\b.png", false, false],
  ["a\u0000.png", false, false],
  ["a\u001f.png", false, false],
  ["%2e%2e/x.png", false, false],
  ["%252e%252e/x.png", false, false],
  ["\uff0e\uff0e/x.png", false, false],
  [".../x.png", false, false],
];

let dir: TempDir;
let store: ReviewStore;
let images: string;
let split: string;

const recordFor = (k: number) => ({ ...fixtureRecord(k), file_name: table[k]![0] });

beforeAll(async () => {
  dir = tempDir("mmr-paths-");
  images = dir.file("images");
  for (const [name, , exists] of table) {
    if (!exists) continue;
    const path = `${images}/${safeRelativePath(name)}`;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, PNG);
  }
  // Files that are not images, inside the folder: a text file named .png, a hard link to a file
  // outside (realpath cannot tell), a symlink to outside.
  writeFileSync(dir.file("secret.txt"), "root:x:0:0\n");
  writeFileSync(`${images}/fake.png`, "root:x:0:0\n");
  linkSync(dir.file("secret.txt"), `${images}/hard.png`);
  symlinkSync(dir.file("secret.txt"), `${images}/soft.png`);
  const extra = ["fake.png", "hard.png", "soft.png"].map((name, k) => ({ ...fixtureRecord(100 + k), file_name: name }));
  const file = dir.write("paths.json", splitText([...table.map((_, k) => recordFor(k)), ...extra]));
  split = "paths";
  store = await openStore(dir.file("review.db"));
  await importSplit(store, file, { imagesDir: images, workers: 0 });
});

afterAll(async () => {
  await store.close();
  dir.remove();
});

const imageIdOf = (k: number): number => fixtureRecord(k).image_id;

describe("one path rule", () => {
  it("the shared rule and the server's lexical stage give the table's verdicts", async () => {
    for (const [name, safe] of table) {
      expect(isSafeFileName(name), JSON.stringify(name)).toBe(safe);
      expect(safeRelativePath(name) !== null, JSON.stringify(name)).toBe(safe);
      expect(fileFlags(name), JSON.stringify(name)).toEqual(safe ? [] : ["unsafe_path"]);
    }
  });

  it("lint flags unsafe_path and missing_image as the table says", async () => {
    const report = await lintSplit(dir.file("paths.json"), { images });
    table.forEach(([name, safe, exists], k) => {
      const flags = report.pairs.find((p) => p.id === `paths:${imageIdOf(k)}:0`)!.flags;
      expect(flags.includes("unsafe_path"), JSON.stringify(name)).toBe(!safe);
      expect(flags.includes("missing_image"), JSON.stringify(name)).toBe(safe && !exists);
    });
  });

  it("import stores the same flags", async () => {
    for (const [k, [name, safe, exists]] of table.entries()) {
      const pair = (await store.getPair(`paths:${imageIdOf(k)}:0`, { split }))!;
      expect(pair.flags.includes("unsafe_path"), JSON.stringify(name)).toBe(!safe);
      expect(pair.flags.includes("missing_image"), JSON.stringify(name)).toBe(safe && !exists);
    }
  });

  it("the image route serves exactly the safe names that exist, refuses the unsafe ones", async () => {
    const app = createApp({ store, imagesDirs: [images], clientDir: null, streamExport: (s, o) => exportChunks(store, s, o), logError: () => {} });
    for (const [k, [name, safe, exists]] of table.entries()) {
      const response = await app.request(`/api/images/${split}/${imageIdOf(k)}`);
      expect(response.status, JSON.stringify(name)).toBe(!safe ? 403 : exists ? 200 : 404);
      if (response.status === 200) expect(response.headers.get("content-type")).toBe("image/png");
    }
    // Not images, though inside the folder or linked into it: refused, and nothing leaks.
    for (const k of [100, 101, 102]) {
      const response = await app.request(`/api/images/${split}/${imageIdOf(k)}`);
      expect(response.status, String(k)).toBe(403);
      expect(await response.text()).not.toContain("root:");
    }
  });
});
