import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { resolveInside, safeRelativePath } from "./safePath";

describe("safeRelativePath refuses names that could leave the images folder", () => {
  const attacks: [string, string][] = [
    ["plain parent", "../x"],
    ["parent in the middle", "x/../../y"],
    ["encoded slash", "..%2fx"],
    ["encoded dots", "%2e%2e/x"],
    ["encoded dots, upper case", "%2E%2E%2Fx"],
    ["double-encoded", "%252e%252e%252fx"],
    ["triple-encoded", "%25252e%25252e%25252fx"],
    ["backslash parent", "..\\x"],
    ["backslash separators", "a\\b.jpg"],
    ["absolute POSIX", "/etc/passwd"],
    ["absolute Windows drive", "C:\\x"],
    ["drive-relative Windows", "C:x"],
    ["UNC share", "\\\\server\\x"],
    ["URL scheme", "file:///etc/passwd"],
    ["NUL byte", "x.jpg\0.png"],
    ["encoded NUL", "x.jpg%00.png"],
    ["dot-dot-dot-dot slash", "....//x"],
    ["three dots", ".../x"],
    ["fullwidth dots", "\uff0e\uff0e/x"],
    ["one dot leaders", "\u2024\u2024/x"],
    ["encoded fullwidth dots", "%EF%BC%8E%EF%BC%8E/x"],
    ["only a dot", "."],
    ["empty", ""],
    ["parent with trailing space", ".. /x"],
    ["relative ../etc/passwd from a record", "../../etc/passwd"],
  ];
  it.each(attacks)("%s: %j", (_label, name) => {
    expect(safeRelativePath(name)).toBeNull();
  });

  it("accepts ordinary COCO names and normalises harmless segments", () => {
    expect(safeRelativePath("train2017/000000000139.jpg")).toBe("train2017/000000000139.jpg");
    expect(safeRelativePath("./val2017//x.png")).toBe("val2017/x.png");
    expect(safeRelativePath("100%.jpg")).toBe("100%.jpg");
    expect(safeRelativePath("..x.jpg")).toBe("..x.jpg");
  });
});

describe("resolveInside follows symlinks and stays in the root", () => {
  let dir: string;
  let root: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mmr-safepath-"));
    root = join(dir, "images");
    mkdirSync(join(root, "sub"), { recursive: true });
    writeFileSync(join(root, "sub", "a.jpg"), "a");
    writeFileSync(join(dir, "secret.txt"), "secret");
    symlinkSync(join(dir, "secret.txt"), join(root, "leak.jpg"));
    symlinkSync(dir, join(root, "outside"));
    symlinkSync(join(root, "sub", "a.jpg"), join(root, "alias.jpg"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("resolves a file inside", async () => {
    expect(await resolveInside(root, "sub/a.jpg")).toEqual({ kind: "ok", path: join(root, "sub", "a.jpg") });
  });

  it("allows a symlink that stays inside", async () => {
    expect(await resolveInside(root, "alias.jpg")).toMatchObject({ kind: "ok" });
  });

  it("refuses a symlinked file leading out", async () => {
    expect(await resolveInside(root, "leak.jpg")).toEqual({ kind: "refused" });
  });

  it("refuses a symlinked folder leading out", async () => {
    expect(await resolveInside(root, "outside/secret.txt")).toEqual({ kind: "refused" });
  });

  it("refuses the root itself", async () => {
    expect(await resolveInside(root, "sub/..")).toEqual({ kind: "refused" });
    expect(await resolveInside(root, "./")).toEqual({ kind: "refused" });
  });

  it("reports a safe but absent name as missing", async () => {
    expect(await resolveInside(root, "sub/none.jpg")).toEqual({ kind: "missing" });
  });

  it("refuses traversal before touching the disk", async () => {
    expect(await resolveInside(root, "../secret.txt")).toEqual({ kind: "refused" });
  });
});
