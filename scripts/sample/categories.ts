import { existsSync, readFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { z } from "zod";

/*
 * PACO-LVIS categories for the generators, read from the shared fixture at run time so the
 * generated names and ids are exactly PACO's.
 */

const categoryFileSchema = z.array(z.looseObject({ id: z.number().int(), name: z.string() }));

export interface PacoCategory {
  id: number;
  name: string;
  /** Position in the id-sorted list of all categories (MMR's `sorted_category_id`). */
  sortedId: number;
}

export interface PacoCategories {
  objects: PacoCategory[];
  /** Part categories of each object category, keyed by object name. */
  partsOf: Map<string, PacoCategory[]>;
  byName: Map<string, PacoCategory>;
  get(name: string): PacoCategory;
}

const here = dirname(fileURLToPath(import.meta.url));
const candidates = [
  process.env.MMR_PACO_CATEGORIES,
  // ../shared beside the project, wherever the project sits.
  resolve(here, "../../../shared/fixtures/paco-categories.json"),
].filter((p): p is string => Boolean(p));

export function loadPacoCategories(file?: string): PacoCategories {
  const path = file ?? candidates.find((p) => existsSync(p));
  if (!path) {
    throw new Error(`paco-categories.json not found (looked in ${candidates.join(", ")}); set MMR_PACO_CATEGORIES`);
  }
  const raw = categoryFileSchema.parse(JSON.parse(readFileSync(path, "utf8")));
  const sorted = [...raw].sort((a, b) => a.id - b.id);
  const byName = new Map<string, PacoCategory>();
  sorted.forEach((c, sortedId) => byName.set(c.name, { id: c.id, name: c.name, sortedId }));
  const objects: PacoCategory[] = [];
  const partsOf = new Map<string, PacoCategory[]>();
  for (const category of byName.values()) {
    const colon = category.name.indexOf(":");
    if (colon < 0) {
      objects.push(category);
      continue;
    }
    const object = category.name.slice(0, colon);
    const list = partsOf.get(object) ?? [];
    list.push(category);
    partsOf.set(object, list);
  }
  return {
    objects,
    partsOf,
    byName,
    get(name) {
      const category = byName.get(name);
      if (!category) throw new Error(`unknown PACO category ${name}`);
      return category;
    },
  };
}
