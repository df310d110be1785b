import type Database from "better-sqlite3";
import type { PairFilter, PairList, PairListQuery } from "../../../shared/api";
import type { Status } from "../../../shared/domain";
import { pairId } from "../../../shared/domain";
import { InvalidCursorError } from "../errors";
import type {
  IouStatusRow,
  PredictionImport,
  PredictionList,
  PredictionListQuery,
  PredictionModel,
  PredictionPairRef,
  PredictionStore,
  StoredPrediction,
} from "../store";
import { filterWhere } from "./filterSql";
import { decodeRaw } from "./rawCodec";
import type { StatementCache } from "./statementCache";
import type { Sync } from "./sync";
import { SUMMARY_COLUMNS, toSummary, type SummaryRow } from "./summaryRow";

/* Imported model predictions (migration 4): models per split, one row per predicted pair. */

const DEFAULT_LIMIT = 50;
/** Sort key of a pair without an IoU: after every real one (IoU lies in [0, 1]). */
const NO_IOU = 2;

interface ModelRow {
  pk: number;
  split: string;
  name: string;
  source_file: string;
  imported_at: string;
  pairs: number;
  mean_iou: number | null;
}

interface PredictionRow {
  pair_id: string;
  h: number;
  w: number;
  masks: string;
  scores: string | null;
  target_ious: string;
  iou: number | null;
}

function toModel(row: ModelRow): PredictionModel {
  return {
    split: row.split,
    model: row.name,
    sourceFile: row.source_file,
    importedAt: row.imported_at,
    pairs: row.pairs,
    meanIou: row.mean_iou,
  };
}

export function encodeCursor(key: number, id: string): string {
  return Buffer.from(JSON.stringify([key, id])).toString("base64url");
}

export function decodeCursor(cursor: string): [number, string] {
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
    if (Array.isArray(value) && value.length === 2 && typeof value[0] === "number" && Number.isFinite(value[0]) && typeof value[1] === "string") {
      return [value[0], value[1]];
    }
  } catch {
    // fall through
  }
  throw new InvalidCursorError();
}

type SyncPredictionStore = Omit<Sync<PredictionStore>, "beginImport"> & {
  beginImport(split: string, model: string, sourceFile: string, importedAt: string): Sync<PredictionImport>;
};

/** The prediction store of a SQLite review database: synchronous queries behind the async contract. */
export function createSqlitePredictions(db: Database.Database, statements: StatementCache): PredictionStore {
  const sync = syncPredictions(db, statements);
  return {
    listModels: async (split) => sync.listModels(split),
    removeModel: async (split, model) => sync.removeModel(split, model),
    beginImport: async (split, model, sourceFile, importedAt) => {
      const job = sync.beginImport(split, model, sourceFile, importedAt);
      return { add: async (p) => job.add(p), commit: async () => job.commit(), abort: async () => job.abort() };
    },
    findPair: async (split, imageId, index) => sync.findPair(split, imageId, index),
    imageRecord: async (imagePk) => sync.imageRecord(imagePk),
    get: async (split, model, id) => sync.get(split, model, id),
    iouByStatus: async (split, model) => sync.iouByStatus(split, model),
    listByIou: async (query) => sync.listByIou(query),
  };
}

export function syncPredictions(db: Database.Database, statements: StatementCache): SyncPredictionStore {
  const modelPk = (split: string, model: string): number | null => {
    const pk = statements.get("SELECT pk FROM prediction_models WHERE split = ? AND name = ?").pluck().get(split, model);
    return typeof pk === "number" ? pk : null;
  };

  return {
    listModels(split) {
      const rows = statements
        .get(
          `SELECT m.pk, m.split, m.name, m.source_file, m.imported_at, m.pairs,
             (SELECT avg(iou) FROM predictions WHERE model_pk = m.pk AND iou IS NOT NULL) AS mean_iou
           FROM prediction_models m WHERE (? IS NULL OR m.split = ?) ORDER BY m.split, m.name`,
        )
        .all(split ?? null, split ?? null) as ModelRow[];
      return rows.map(toModel);
    },

    removeModel(split, model) {
      return db.transaction(() => {
        const pk = modelPk(split, model);
        if (pk === null) return false;
        statements.get("DELETE FROM predictions WHERE model_pk = ?").run(pk);
        statements.get("DELETE FROM prediction_models WHERE pk = ?").run(pk);
        return true;
      }).immediate();
    },

    beginImport(split, model, sourceFile, importedAt): Sync<PredictionImport> {
      db.exec("BEGIN IMMEDIATE");
      let open = true;
      let count = 0;
      let pk: number;
      let insert: Database.Statement;
      try {
        const old = modelPk(split, model);
        if (old !== null) {
          statements.get("DELETE FROM predictions WHERE model_pk = ?").run(old);
          statements.get("DELETE FROM prediction_models WHERE pk = ?").run(old);
        }
        pk = Number(
          statements
            .get("INSERT INTO prediction_models (split, name, source_file, imported_at, pairs) VALUES (?, ?, ?, ?, 0)")
            .run(split, model, sourceFile, importedAt).lastInsertRowid,
        );
        insert = statements.get(
          "INSERT INTO predictions (model_pk, pair_id, h, w, masks, scores, target_ious, iou, sort_iou) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        );
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
      return {
        add(p: StoredPrediction) {
          if (!open) throw new Error("the prediction import is closed");
          insert.run(pk, p.pairId, p.height, p.width, JSON.stringify(p.masks), p.scores ? JSON.stringify(p.scores) : null, JSON.stringify(p.targetIous), p.iou, p.iou ?? NO_IOU);
          count++;
        },
        commit() {
          if (!open) throw new Error("the prediction import is closed");
          statements.get("UPDATE prediction_models SET pairs = ? WHERE pk = ?").run(count, pk);
          db.exec("COMMIT");
          open = false;
          return { pairs: count };
        },
        abort() {
          if (!open) return;
          open = false;
          if (db.inTransaction) db.exec("ROLLBACK");
        },
      };
    },

    findPair(split, imageId, index): PredictionPairRef | null {
      const id = pairId(split, imageId, index);
      const row = statements.get("SELECT image_pk FROM pairs WHERE id = ?").get(id) as { image_pk: number } | undefined;
      return row ? { pairId: id, imagePk: row.image_pk, index } : null;
    },

    imageRecord(imagePk) {
      const row = statements.get("SELECT width, height, raw FROM images WHERE pk = ?").get(imagePk) as
        | { width: number; height: number; raw: Buffer }
        | undefined;
      return row ? { raw: decodeRaw(row.raw), height: row.height, width: row.width } : null;
    },

    get(split, model, id): StoredPrediction | null {
      const pk = modelPk(split, model);
      if (pk === null) return null;
      const row = statements
        .get("SELECT pair_id, h, w, masks, scores, target_ious, iou FROM predictions WHERE model_pk = ? AND pair_id = ?")
        .get(pk, id) as PredictionRow | undefined;
      if (!row) return null;
      return {
        pairId: row.pair_id,
        height: row.h,
        width: row.w,
        masks: JSON.parse(row.masks) as string[],
        scores: row.scores === null ? null : (JSON.parse(row.scores) as number[]),
        targetIous: JSON.parse(row.target_ious) as (number | null)[],
        iou: row.iou,
      };
    },

    iouByStatus(split, model): IouStatusRow[] {
      const pk = modelPk(split, model);
      if (pk === null) return [];
      // Both sides from covering indexes (migration 4): reading 154K pairs rows took seconds.
      return statements
        .get(
          `SELECT pr.iou AS iou, p.status AS status FROM predictions pr INDEXED BY predictions_sort
           JOIN pairs p INDEXED BY pairs_id_status ON p.id = pr.pair_id
           WHERE pr.model_pk = ? AND pr.iou IS NOT NULL ORDER BY pr.sort_iou, pr.pair_id`,
        )
        .all(pk) as { iou: number; status: Status }[];
    },

    listByIou(query: PredictionListQuery): PredictionList {
      const pk = modelPk(query.split, query.model);
      if (pk === null) return { items: [], nextCursor: null, total: 0 };
      // Only the split (implied by the model) and the IoU range: count from the index alone.
      const pairFilter = (["status", "granularity", "minTargets", "maxTargets", "category", "flag", "reviewer", "reason", "q"] as const).some(
        (key) => query[key] !== undefined,
      );
      const where = filterWhere({ ...query, split: undefined });
      const clauses = ["pr.model_pk = ?"];
      const params: unknown[] = [pk];
      if (query.minIou !== undefined) {
        clauses.push("pr.iou >= ?");
        params.push(query.minIou);
      }
      if (query.maxIou !== undefined) {
        clauses.push("pr.sort_iou <= ?");
        params.push(query.maxIou);
      }
      const iouWhere = clauses.join(" AND ");
      const join = `FROM predictions pr JOIN pairs p ON p.id = pr.pair_id WHERE ${iouWhere} AND ${where.sql}`;
      const total = (
        pairFilter
          ? statements.get(`SELECT count(*) ${join}`).pluck().get(...params, ...where.params)
          : statements.get(`SELECT count(*) FROM predictions pr WHERE ${iouWhere}`).pluck().get(...params)
      ) as number;
      const pageParams = [...params, ...where.params];
      let after = "";
      if (query.cursor !== undefined && query.cursor !== "") {
        const [k, id] = decodeCursor(query.cursor);
        after = " AND (pr.sort_iou, pr.pair_id) > (?, ?)";
        pageParams.push(k, id);
      }
      const limit = query.limit ?? DEFAULT_LIMIT;
      // Walks predictions_sort in order and stops after a page: no sort of the whole model.
      const rows = statements
        .get(`SELECT ${SUMMARY_COLUMNS}, pr.sort_iou, pr.iou ${join}${after} ORDER BY pr.sort_iou, pr.pair_id LIMIT ?`)
        .all(...pageParams, limit + 1) as (SummaryRow & { sort_iou: number; iou: number | null })[];
      const more = rows.length > limit;
      const page = more ? rows.slice(0, limit) : rows;
      const last = page.at(-1);
      return {
        items: page.map((row) => ({ ...toSummary(row), iou: row.iou })),
        nextCursor: more && last ? encodeCursor(last.sort_iou, last.id) : null,
        total,
      };
    },
  };
}

/*
 * The queue's "model disagrees most" order (`sort=disagreement&model=…`, optional IoU range): the
 * pair list and a pair's neighbours, through the predictions join above instead of pairList.ts.
 */

function iouRange(filter: PairFilter): { sql: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  if (filter.minIou !== undefined) {
    clauses.push("pr.iou >= ?");
    params.push(filter.minIou);
  }
  if (filter.maxIou !== undefined) {
    clauses.push("pr.sort_iou <= ?");
    params.push(filter.maxIou);
  }
  return { sql: clauses.length ? clauses.join(" AND ") : "1", params };
}

export function listPairsByDisagreement(
  statements: StatementCache,
  predictions: SyncPredictionStore,
  query: PairListQuery & { split: string; model: string },
): PairList {
  const list = predictions.listByIou(query);
  const counts = { pending: 0, accepted: 0, rejected: 0 };
  const pk = statements.get("SELECT pk FROM prediction_models WHERE split = ? AND name = ?").pluck().get(query.split, query.model);
  if (typeof pk === "number") {
    const where = filterWhere({ ...query, split: undefined }, true);
    const range = iouRange(query);
    const rows = statements
      .get(
        `SELECT p.status AS status, count(*) AS n FROM predictions pr JOIN pairs p ON p.id = pr.pair_id
         WHERE pr.model_pk = ? AND ${range.sql} AND ${where.sql} GROUP BY p.status`,
      )
      .all(pk, ...range.params, ...where.params) as { status: Status; n: number }[];
    for (const row of rows) counts[row.status] = row.n;
  }
  return { items: list.items, nextCursor: list.nextCursor, total: list.total, counts };
}

/** Previous and next pair of `id` in the disagreement order of `filter` (null at the ends). */
export function disagreementNeighbours(
  statements: StatementCache,
  filter: PairFilter & { split: string; model: string },
  id: string,
): { prev: string | null; next: string | null } {
  const pk = statements.get("SELECT pk FROM prediction_models WHERE split = ? AND name = ?").pluck().get(filter.split, filter.model);
  if (typeof pk !== "number") return { prev: null, next: null };
  const key = statements.get("SELECT sort_iou FROM predictions WHERE model_pk = ? AND pair_id = ?").pluck().get(pk, id);
  if (typeof key !== "number") return { prev: null, next: null };
  const where = filterWhere({ ...filter, split: undefined });
  const range = iouRange(filter);
  const step = (before: boolean): string | null => {
    const op = before ? "<" : ">";
    const dir = before ? " DESC" : "";
    const row = statements
      .get(
        `SELECT pr.pair_id FROM predictions pr JOIN pairs p ON p.id = pr.pair_id
         WHERE pr.model_pk = ? AND ${range.sql} AND ${where.sql} AND (pr.sort_iou, pr.pair_id) ${op} (?, ?)
         ORDER BY pr.sort_iou${dir}, pr.pair_id${dir} LIMIT 1`,
      )
      .pluck()
      .get(pk, ...range.params, ...where.params, key, id);
    return typeof row === "string" ? row : null;
  };
  return { prev: step(true), next: step(false) };
}
