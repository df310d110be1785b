// One-off codemod: moves the client's router, toast store and query client into src/client/lib/
// and rewrites every relative import of them. Idempotent, so it can be re-run after merging a
// branch whose files still import the old paths:  node scripts/codemods/client-lib-move.mjs
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";

const root = resolve(dirname(new URL(import.meta.url).pathname), "../..");
const moves = ["router", "toastStore", "queryClient"].map((name) => ({
  from: join(root, "src/client/app", name),
  to: join(root, "src/client/lib", name),
}));

mkdirSync(join(root, "src/client/lib"), { recursive: true });
for (const { from, to } of moves) {
  if (existsSync(`${from}.ts`)) execFileSync("git", ["mv", `${from}.ts`, `${to}.ts`], { cwd: root, stdio: "inherit" });
}

function files(dir) {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === "node_modules" ? [] : files(path);
    return /\.(ts|tsx|mjs)$/.test(name) ? [path] : [];
  });
}

const spec = (fromDir, target) => {
  const rel = relative(fromDir, target);
  return rel.startsWith(".") ? rel : `./${rel}`;
};

let changed = 0;
for (const file of [...files(join(root, "src")), ...files(join(root, "e2e"))]) {
  const text = readFileSync(file, "utf8");
  const moved = moves.find((m) => `${m.to}.ts` === file);
  // A moved file's own imports were written relative to where it was.
  const oldDir = dirname(moved ? `${moved.from}.ts` : file);
  const next = text.replace(/(from\s+|import\s*\(\s*|import\s+)(["'])(\.{1,2}\/[^"']+)\2/g, (whole, lead, quote, path) => {
    const target = resolve(oldDir, path);
    const hit = moves.find((m) => m.from === target);
    const resolved = hit ? hit.to : target;
    const rewritten = spec(dirname(file), resolved);
    return rewritten === path ? whole : `${lead}${quote}${rewritten}${quote}`;
  });
  if (next !== text) {
    writeFileSync(file, next);
    changed += 1;
  }
}
console.log(`rewrote imports in ${changed} files`);
