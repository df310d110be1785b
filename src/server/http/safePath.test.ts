import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { imageFileProbe, isInside, resolveInside, resolveInsideSync, safeRelativePath } from "./safePath";

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

const resolvers = [
  ["resolveInside", (root: string, name: string, rootReal?: string) => resolveInside(root, name, rootReal)],
  ["resolveInsideSync", async (root: string, name: string, rootReal?: string) => resolveInsideSync(root, name, rootReal)],
] as const;

describe.each(resolvers)("%s follows symlinks and stays in the root", (_name, resolveIn) => {
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
    symlinkSync(root, join(root, "self"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("resolves a file inside", async () => {
    expect(await resolveIn(root, "sub/a.jpg")).toEqual({ kind: "ok", path: join(root, "sub", "a.jpg") });
  });

  it("allows a symlink that stays inside, giving its real path", async () => {
    expect(await resolveIn(root, "alias.jpg")).toEqual({ kind: "ok", path: join(root, "sub", "a.jpg") });
  });

  it("refuses a symlinked file leading out", async () => {
    expect(await resolveIn(root, "leak.jpg")).toEqual({ kind: "refused" });
  });

  it("refuses a symlinked folder leading out", async () => {
    expect(await resolveIn(root, "outside/secret.txt")).toEqual({ kind: "refused" });
  });

  it("refuses the root itself, also through a symlink to it", async () => {
    expect(await resolveIn(root, "sub/..")).toEqual({ kind: "refused" });
    expect(await resolveIn(root, "./")).toEqual({ kind: "refused" });
    expect(await resolveIn(root, "self")).toEqual({ kind: "refused" });
  });

  it("reports a safe but absent name as missing", async () => {
    expect(await resolveIn(root, "sub/none.jpg")).toEqual({ kind: "missing" });
  });

  it("reports every name as missing when the root does not exist", async () => {
    expect(await resolveIn(join(dir, "no-such-folder"), "a.jpg")).toEqual({ kind: "missing" });
  });

  it("uses a given real root instead of resolving it", async () => {
    // The root named does not exist, but its real path is given: the file under that is found.
    expect(await resolveIn(join(dir, "gone"), "sub/a.jpg", root)).toEqual({ kind: "ok", path: join(root, "sub", "a.jpg") });
  });

  it("refuses traversal before touching the disk", async () => {
    expect(await resolveIn(root, "../secret.txt")).toEqual({ kind: "refused" });
    expect(await resolveIn(join(dir, "no-such-folder"), "../secret.txt")).toEqual({ kind: "refused" });
  });
});

describe("imageFileProbe (missing_image at import and lint)", () => {
  let dir: string;
  let root: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "mmr-probe-"));
    root = join(dir, "images");
    mkdirSync(join(root, "folder.jpg"), { recursive: true });
    writeFileSync(join(root, "a.jpg"), "a");
    writeFileSync(join(dir, "secret.jpg"), "s");
    symlinkSync(join(dir, "secret.jpg"), join(root, "leak.jpg"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("is true exactly for regular files that resolve inside the folder", () => {
    const exists = imageFileProbe(root);
    expect(exists("a.jpg")).toBe(true);
    expect(exists("./a.jpg")).toBe(true);
    expect(exists("none.jpg")).toBe(false);
    expect(exists("folder.jpg")).toBe(false); // a folder is no image file
    expect(exists("leak.jpg")).toBe(false); // leads out
    expect(exists("../secret.jpg")).toBe(false); // unsafe
  });

  it("is false for everything when the folder does not exist", () => {
    expect(imageFileProbe(join(dir, "none"))("a.jpg")).toBe(false);
  });
});

describe("isInside", () => {
  const root = join(tmpdir(), "root");
  it("holds for the root and what lies below it, not for what lies beside or above", () => {
    expect(isInside(root, root)).toBe(true);
    expect(isInside(root, join(root, "a", "b.jpg"))).toBe(true);
    expect(isInside(root, join(root, "..dots.jpg"))).toBe(true); // a name starting with two dots
    expect(isInside(root, join(root, ".."))).toBe(false);
    expect(isInside(root, join(root, "..", "x"))).toBe(false);
    expect(isInside(root, `${root}-sibling`)).toBe(false);
    expect(isInside(root, "/")).toBe(false);
  });
});
