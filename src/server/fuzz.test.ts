import { copyFileSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mulberry32 } from "../shared/sampling";
import { lintSplit } from "./cli/lint";
import { UserError } from "./errors";
import { importSplit } from "./import/importSplit";
import { openStore } from "./storage/open";
import type { ReviewStore } from "./storage/store";
import { dumpDatabase } from "./test-fixtures/dbDump";
import { tempDir } from "./test-fixtures/splitFiles";
import type { TempDir } from "./test-fixtures/splitFiles";

/*
 * Seeded, bounded fuzzing of import and lint (issue 13): mutations of the bundled sample —
 * truncation, byte flips, type swaps, huge numbers and sides, deep nesting, invalid UTF-8,
 * polygon extremes, counts that do not add up — each run in-process. Every run must end in a
 * result or a one-line UserError (lint's documented exit codes 0/1, or 2), within its time budget;
 * a failed import must leave the database exactly as it was. A failure prints the seed and case
 * so it can be replayed: FUZZ_SEED=<seed> npx vitest run src/server/fuzz.test.ts
 */

const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const CASES = 120;
/** The whole test stops adding cases after this long (slow machines run fewer). */
const TOTAL_MS = 25_000;
/** One lint or import of a mutated two-record split; generous — a hang or a blow-up is far beyond. */
const CASE_MS = 5_000;
/** Resident memory the whole run may add (one record's worst case is ~64 MB; leaks would pile up). */
const MEMORY_MB = 512;

const sample = JSON.parse(readFileSync(fileURLToPath(new URL("../../sample/MMR_sample.json", import.meta.url)), "utf8")) as Record<string, unknown>[];

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type Random = () => number;

function pick<T>(random: Random, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)]!;
}

/** Every [container, key] inside `value`, to choose one to mutate. */
function slots(value: Json, out: [Json[] | Record<string, Json>, string | number][] = []): typeof out {
  if (Array.isArray(value)) {
    value.forEach((child, i) => {
      out.push([value, i]);
      slots(child, out);
    });
  } else if (value !== null && typeof value === "object") {
    for (const [key, child] of Object.entries(value)) {
      out.push([value, key]);
      slots(child, out);
    }
  }
  return out;
}

function set(container: Json[] | Record<string, Json>, key: string | number, value: Json): void {
  (container as Record<string, Json>)[key as string] = value;
}

const HUGE = [1e308, -1e308, 2 ** 53, 2 ** 32, 2 ** 31, -1, -(2 ** 31), 0.5, 1e9, 4e7, 0];

/** Mutations on the parsed records; each returns the file's text. */
const valueMutations: Record<string, (records: Json[], random: Random) => string> = {
  "type swap": (records, random) => {
    const [container, key] = pick(random, slots(records));
    set(container, key, pick<Json>(random, [null, true, 0, -3, "x", "", [], {}, [[]], { size: "no" }]));
    return JSON.stringify(records);
  },
  "huge number": (records, random) => {
    const numbers = slots(records).filter(([c, k]) => typeof (c as Record<string, Json>)[k as string] === "number");
    const [container, key] = pick(random, numbers);
    set(container, key, pick(random, HUGE));
    return JSON.stringify(records);
  },
  "huge side": (records, random) => {
    const record = pick(random, records) as Record<string, Json>;
    const side = pick(random, [32768, 32769, 65536, 2 ** 31, 1e9, 0]);
    record[random() < 0.5 ? "height" : "width"] = side;
    // Sometimes the masks agree with the new size, so the size check alone is not what stops them.
    if (random() < 0.5) {
      for (const list of [record.annotations, ...((record.answers as Json[]) ?? [])]) {
        for (const a of (Array.isArray(list) ? list : []) as Record<string, Json>[]) {
          const seg = a?.segmentation as Record<string, Json> | undefined;
          if (seg && !Array.isArray(seg) && Array.isArray(seg.size)) seg.size = [record.height!, record.width!];
        }
      }
    }
    return JSON.stringify(records);
  },
  "polygon extremes": (records, random) => {
    const record = pick(random, records) as Record<string, Json>;
    const value = pick(random, [4e7, -4e7, 1e15, 1e300]);
    const polygon = Array.from({ length: 2 + Math.floor(random() * 6) }, () => [random() * 640, random() * 480]).flat();
    polygon[Math.floor(random() * polygon.length)] = value;
    const many = random() < 0.3;
    const segmentation = many ? Array.from({ length: 2000 }, () => polygon) : [polygon];
    for (const a of [...((record.annotations as Json[]) ?? []), ...(((record.answers as Json[][]) ?? [])[0] ?? [])] as Record<string, Json>[]) {
      if (a && typeof a === "object") a.segmentation = segmentation;
    }
    return JSON.stringify(records);
  },
  "counts off": (records, random) => {
    const record = pick(random, records) as Record<string, Json>;
    const a = pick(random, (record.annotations as Record<string, Json>[]) ?? [{}]);
    if (a && typeof a === "object") {
      const h = Number(record.height) || 1;
      const w = Number(record.width) || 1;
      a.segmentation = {
        size: [h, w],
        counts: pick(random, [[h * w + 1], [h * w - 1], [-5, h * w + 5], [0, 2 ** 32], "0", "!!!!", "ö", "1j1", "O".repeat(1000)]),
      };
    }
    return JSON.stringify(records);
  },
  "deep nesting": (records, random) => {
    // Written as text: JSON.stringify itself cannot go 100,000 levels deep.
    const depth = pick(random, [50, 120, 129, 300, 100_000]);
    const open = random() < 0.5 ? "[" : '{"k":';
    const close = open === "[" ? "]" : "}";
    const text = JSON.stringify(records);
    return `[{"extra":${open.repeat(depth)}1${close.repeat(depth)},${text.slice(2)}`;
  },
};

/** Mutations on the bytes. */
const byteMutations: Record<string, (bytes: Buffer, random: Random) => Buffer> = {
  truncation: (bytes, random) => bytes.subarray(0, Math.floor(random() * bytes.length)),
  "byte flips": (bytes, random) => {
    const out = Buffer.from(bytes);
    const flips = 1 + Math.floor(random() * 8);
    for (let i = 0; i < flips; i++) {
      const at = Math.floor(random() * out.length);
      out[at] = out[at]! ^ (1 << Math.floor(random() * 8));
    }
    return out;
  },
  "invalid UTF-8": (bytes, random) => {
    // Inside a string value (after a quote), so the JSON structure stays.
    const quotes: number[] = [];
    for (let i = 0; i < bytes.length; i++) if (bytes[i] === 0x22) quotes.push(i);
    const at = pick(random, quotes) + 1;
    const junk = Buffer.from(pick(random, [[0xff], [0xc3], [0xe2, 0x82], [0xed, 0xa0, 0x80], [0x80, 0x80], [0xf8, 0x88, 0x80, 0x80]]));
    return Buffer.concat([bytes.subarray(0, at), junk, bytes.subarray(at)]);
  },
};

let dir: TempDir;
let pristine: string;

beforeAll(async () => {
  dir = tempDir("mmr-fuzz-");
  pristine = dir.file("pristine.db");
  // A split already in the database: every failed import must leave it (and all else) unchanged.
  // Each case imports into a fresh copy, so the database (and its dump) stays small.
  const store = await openStore(pristine);
  await importSplit(store, dir.write("base.json", JSON.stringify(sample.slice(0, 3))), { workers: 0 });
  await store.close();
});

afterAll(async () => {
  dir.remove();
});

async function timed<T>(label: string, run: () => Promise<T>): Promise<{ value: T | null; error: unknown }> {
  const started = performance.now();
  let value: T | null = null;
  let error: unknown = null;
  try {
    value = await run();
  } catch (e) {
    error = e;
  }
  const ms = performance.now() - started;
  expect(ms, `${label} took ${ms.toFixed(0)} ms`).toBeLessThan(CASE_MS);
  return { value, error };
}

function expectUserError(label: string, error: unknown): void {
  if (error === null) return;
  expect(error, `${label}: ${error instanceof Error ? error.stack : String(error)}`).toBeInstanceOf(UserError);
  const message = (error as UserError).message;
  expect(message.includes("\n"), `${label}: message of more than one line: ${message}`).toBe(false);
  expect(message.length, `${label}: empty message`).toBeGreaterThan(0);
  expect((error as UserError).exitCode).toBe(2);
}

describe("fuzzing import and lint", () => {
  it(`${CASES} seeded mutations of the sample (seed ${SEED}) end in a result or one line, unchanged database on failure`, async () => {
    const random = mulberry32(SEED);
    const started = performance.now();
    const baseline = process.resourceUsage().maxRSS / 1024;
    const kinds = [...Object.keys(valueMutations), ...Object.keys(byteMutations)];
    const seen = new Map<string, { ok: number; refused: number }>();
    for (let n = 0; n < CASES && performance.now() - started < TOTAL_MS; n++) {
      const kind = kinds[n % kinds.length]!;
      // Two different records (a repeated image_id is refused by import only, by design).
      const first = Math.floor(random() * sample.length);
      const second = (first + 1 + Math.floor(random() * (sample.length - 1))) % sample.length;
      const records = structuredClone([sample[first], sample[second]]) as Json[];
      const bytes =
        kind in valueMutations
          ? Buffer.from(valueMutations[kind]!(records, random))
          : byteMutations[kind]!(Buffer.from(JSON.stringify(records)), random);
      const label = `case ${n} (${kind}, seed ${SEED})`;
      const file = dir.file(`fuzz_${n}.json`);
      writeFileSync(file, bytes);

      const lint = await timed(`${label} lint`, () => lintSplit(file));
      expectUserError(`${label} lint`, lint.error);

      const db = dir.file(`case_${n}.db`);
      copyFileSync(pristine, db);
      const store: ReviewStore = await openStore(db);
      const before = dumpDatabase(db);
      const imported = await timed(`${label} import`, () => importSplit(store, file, { workers: 0 }));
      expectUserError(`${label} import`, imported.error);
      if (imported.error !== null) expect(dumpDatabase(db), `${label}: a failed import changed the database`).toBe(before);
      await store.close();
      for (const suffix of ["", "-wal", "-shm"]) rmSync(db + suffix, { force: true });
      rmSync(file, { force: true });
      // Lint and import read the same records with the same rules: both accept or both refuse.
      expect(imported.error === null, `${label}: lint ${lint.error === null ? "accepted" : "refused"}, import did not: ${String(imported.error ?? lint.error)}`).toBe(lint.error === null);

      if (process.env.FUZZ_VERBOSE) console.log(label, (process.resourceUsage().maxRSS / 1024 - baseline).toFixed(0), "MB", String(imported.error ?? "ok").slice(0, 150));
      const tally = seen.get(kind) ?? { ok: 0, refused: 0 };
      if (imported.error === null) tally.ok++;
      else tally.refused++;
      seen.set(kind, tally);
    }
    const grown = process.resourceUsage().maxRSS / 1024 - baseline;
    expect(grown, `resident memory grew by ${grown.toFixed(0)} MB`).toBeLessThan(MEMORY_MB);
    // The corpus exercises both outcomes (a fuzz that only ever fails parsing tests nothing).
    const total = [...seen.values()].reduce((a, t) => ({ ok: a.ok + t.ok, refused: a.refused + t.refused }), { ok: 0, refused: 0 });
    expect(total.ok).toBeGreaterThan(0);
    expect(total.refused).toBeGreaterThan(0);
    expect(seen.size).toBe(kinds.length);
  }, 90_000);
});
