import type pg from "pg";
import type { PairFilter, PairList, PairListQuery } from "../../../shared/api";
import { pairId, type Status } from "../../../shared/domain";
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
import { decodeCursor, encodeCursor } from "../sqlite/predictions";
import { toSummary, type SummaryRow } from "../sqlite/summaryRow";
import { CopyBuffer } from "./copy";
import { inTransaction } from "./decisionWrite";
import { filterWhere, Params, SUMMARY_COLUMNS } from "./pairList";

/*
 * Imported model predictions on PostgreSQL (tables prediction_models and predictions of migration
 * 1), with the semantics of ../sqlite/predictions.ts: one row per predicted pair, keyed by pair id
 * (stable across re-imports of the split). An import is one transaction on a client of its own:
 * rows go in through COPY, nobody sees them before COMMIT, and a committed import replaces the
 * model's earlier one. "Lowest IoU first" walks predictions_sort (model_pk, sort_iou, pair_id);
 * cursors are the SQLite store's (interchangeable).
 */

const DEFAULT_LIMIT = 50;
/** Sort key of a pair without an IoU: after every real one (IoU lies in [0, 1]). */
const NO_IOU = 2;
/** Buffered COPY text above which the import sends what it has (bounded memory). */
const FLUSH_CHARS = 16 << 20;
/** One prediction import at a time on the database (the model's rows are replaced). */
const IMPORT_LOCK = 7262003;

interface ModelRow {
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

type Db = pg.Pool | pg.ClientBase;

async function modelPk(db: Db, split: string, model: string): Promise<number | null> {
  const { rows } = await db.query<{ pk: number }>("SELECT pk FROM prediction_models WHERE split = $1 AND name = $2", [split, model]);
  return rows[0]?.pk ?? null;
}

/** The IoU range of a filter, on the alias `pr` (predictions). */
function iouRange(filter: PairFilter, params: Params): string[] {
  const clauses: string[] = [];
  if (filter.minIou !== undefined) clauses.push(`pr.iou >= ${params.add(filter.minIou)}::float8`);
  if (filter.maxIou !== undefined) clauses.push(`pr.sort_iou <= ${params.add(filter.maxIou)}::float8`);
  return clauses;
}

/** Whether the filter narrows the pairs beyond the split (which the model implies) and the IoU range. */
function hasPairFilter(query: PairFilter): boolean {
  return (["status", "granularity", "minTargets", "maxTargets", "category", "flag", "reviewer", "reason", "q", "disagree", "decidedBy", "decidedHour"] as const).some(
    (key) => query[key] !== undefined,
  );
}

class PgPredictionImport implements PredictionImport {
  private open = true;
  private count = 0;
  private readonly rows = new CopyBuffer("predictions", ["model_pk", "pair_id", "h", "w", "masks", "scores", "target_ious", "iou", "sort_iou"]);

  constructor(
    private readonly client: pg.PoolClient,
    private readonly pk: number,
  ) {}

  async add(p: StoredPrediction): Promise<void> {
    if (!this.open) throw new Error("the prediction import is closed");
    this.rows.add(
      [this.pk, p.pairId, p.height, p.width, JSON.stringify(p.masks), p.scores ? JSON.stringify(p.scores) : null, JSON.stringify(p.targetIous), p.iou, p.iou ?? NO_IOU],
      () => `prediction of pair ${p.pairId}`,
    );
    this.count++;
    if (this.rows.size > FLUSH_CHARS) await this.guard(() => this.rows.flush(this.client));
  }

  async commit(): Promise<{ pairs: number }> {
    if (!this.open) throw new Error("the prediction import is closed");
    await this.guard(async () => {
      await this.rows.flush(this.client);
      await this.client.query("UPDATE prediction_models SET pairs = $1 WHERE pk = $2", [this.count, this.pk]);
      await this.client.query("COMMIT");
    });
    this.end();
    return { pairs: this.count };
  }

  async abort(): Promise<void> {
    if (!this.open) return;
    try {
      await this.client.query("ROLLBACK");
    } catch {
      // The connection is gone: PostgreSQL rolls the transaction back itself.
    } finally {
      this.end();
    }
  }

  /** A failed statement ends the transaction: roll back and give the connection back. */
  private async guard(work: () => Promise<void>): Promise<void> {
    try {
      await work();
    } catch (error) {
      await this.abort();
      throw error;
    }
  }

  private end(): void {
    this.open = false;
    this.client.release();
  }
}

export class PgPredictions implements PredictionStore {
  constructor(readonly pool: pg.Pool) {}

  async listModels(split?: string): Promise<PredictionModel[]> {
    const { rows } = await this.pool.query<ModelRow>(
      `SELECT m.split, m.name, m.source_file, m.imported_at, m.pairs,
         (SELECT avg(iou) FROM predictions WHERE model_pk = m.pk AND iou IS NOT NULL) AS mean_iou
       FROM prediction_models m WHERE ($1::text IS NULL OR m.split = $1) ORDER BY m.split, m.name COLLATE "C"`,
      [split ?? null],
    );
    return rows.map((row) => ({
      split: row.split,
      model: row.name,
      sourceFile: row.source_file,
      importedAt: row.imported_at,
      pairs: row.pairs,
      meanIou: row.mean_iou === null ? null : Number(row.mean_iou),
    }));
  }

  async removeModel(split: string, model: string): Promise<boolean> {
    return inTransaction(this.pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1)", [IMPORT_LOCK]);
      const pk = await modelPk(client, split, model);
      if (pk === null) return false;
      await client.query("DELETE FROM predictions WHERE model_pk = $1", [pk]);
      await client.query("DELETE FROM prediction_models WHERE pk = $1", [pk]);
      return true;
    });
  }

  async beginImport(split: string, model: string, sourceFile: string, importedAt: string): Promise<PredictionImport> {
    const client = await this.pool.connect();
    try {
      await client.query("BEGIN");
      await client.query("SELECT pg_advisory_xact_lock($1)", [IMPORT_LOCK]);
      const old = await modelPk(client, split, model);
      if (old !== null) {
        await client.query("DELETE FROM predictions WHERE model_pk = $1", [old]);
        await client.query("DELETE FROM prediction_models WHERE pk = $1", [old]);
      }
      const { rows } = await client.query<{ pk: number }>(
        "INSERT INTO prediction_models (split, name, source_file, imported_at, pairs) VALUES ($1, $2, $3, $4, 0) RETURNING pk",
        [split, model, sourceFile, importedAt],
      );
      return new PgPredictionImport(client, rows[0]!.pk);
    } catch (error) {
      await client.query("ROLLBACK").catch(() => undefined);
      client.release();
      throw error;
    }
  }

  async findPair(split: string, imageId: number, index: number): Promise<PredictionPairRef | null> {
    const id = pairId(split, imageId, index);
    const { rows } = await this.pool.query<{ image_pk: number }>("SELECT image_pk FROM pairs WHERE id = $1", [id]);
    return rows[0] ? { pairId: id, imagePk: rows[0].image_pk, index } : null;
  }

  async imageRecord(imagePk: number): Promise<{ raw: string; height: number; width: number } | null> {
    const { rows } = await this.pool.query<{ width: number; height: number; raw: string }>("SELECT width, height, raw FROM images WHERE pk = $1", [imagePk]);
    const row = rows[0];
    return row ? { raw: row.raw, height: row.height, width: row.width } : null;
  }

  async get(split: string, model: string, id: string): Promise<StoredPrediction | null> {
    const { rows } = await this.pool.query<PredictionRow>(
      `SELECT pr.pair_id, pr.h, pr.w, pr.masks, pr.scores, pr.target_ious, pr.iou FROM predictions pr
       JOIN prediction_models m ON m.pk = pr.model_pk WHERE m.split = $1 AND m.name = $2 AND pr.pair_id = $3`,
      [split, model, id],
    );
    const row = rows[0];
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
  }

  async iouByStatus(split: string, model: string): Promise<IouStatusRow[]> {
    const pk = await modelPk(this.pool, split, model);
    if (pk === null) return [];
    // Both sides from covering indexes (predictions_sort, pairs_id_status); rows as arrays: 154K of them.
    const { rows } = await this.pool.query<[number, Status]>({
      text: `SELECT pr.iou, p.status FROM predictions pr JOIN pairs p ON p.id = pr.pair_id
             WHERE pr.model_pk = $1 AND pr.iou IS NOT NULL ORDER BY pr.sort_iou, pr.pair_id`,
      values: [pk],
      rowMode: "array",
    });
    return rows.map(([iou, status]) => ({ iou, status }));
  }

  async listByIou(query: PredictionListQuery): Promise<PredictionList> {
    const pk = await modelPk(this.pool, query.split, query.model);
    if (pk === null) return { items: [], nextCursor: null, total: 0 };
    const limit = query.limit ?? DEFAULT_LIMIT;
    let after: [number, string] | null = null;
    if (query.cursor !== undefined && query.cursor !== "") after = decodeCursor(query.cursor);

    const countParams = new Params();
    const countClauses = [`pr.model_pk = ${countParams.add(pk)}::int`, ...iouRange(query, countParams)];
    // Only the split (implied by the model) and the IoU range: count from the index alone.
    const countSql = hasPairFilter(query)
      ? `SELECT count(*)::int AS n FROM predictions pr JOIN pairs p ON p.id = pr.pair_id
         WHERE ${[...countClauses, filterWhere({ ...query, split: undefined }, countParams)].join(" AND ")}`
      : `SELECT count(*)::int AS n FROM predictions pr WHERE ${countClauses.join(" AND ")}`;

    const params = new Params();
    const clauses = [`pr.model_pk = ${params.add(pk)}::int`, ...iouRange(query, params), filterWhere({ ...query, split: undefined }, params)];
    if (after) clauses.push(`(pr.sort_iou, pr.pair_id) > (${params.add(after[0])}::float8, ${params.add(after[1])}::text)`);
    const pageSql = `SELECT ${SUMMARY_COLUMNS}, pr.sort_iou, pr.iou FROM predictions pr JOIN pairs p ON p.id = pr.pair_id
       WHERE ${clauses.join(" AND ")} ORDER BY pr.sort_iou, pr.pair_id LIMIT ${params.add(limit + 1)}`;

    const [count, page] = await Promise.all([
      this.pool.query<{ n: number }>(countSql, countParams.values),
      this.pool.query<SummaryRow & { sort_iou: number; iou: number | null }>(pageSql, params.values),
    ]);
    const more = page.rows.length > limit;
    const rows = more ? page.rows.slice(0, limit) : page.rows;
    const last = rows.at(-1);
    return {
      items: rows.map((row) => ({ ...toSummary({ ...row, image_id: Number(row.image_id), version: Number(row.version) }), iou: row.iou })),
      nextCursor: more && last ? encodeCursor(last.sort_iou, last.id) : null,
      total: count.rows[0]!.n,
    };
  }
}

/*
 * The queue's "model disagrees most" order (`sort=disagreement&model=…`, optional IoU range) for
 * the PostgreSQL store's listPairs and pair neighbours, as ../sqlite/predictions.ts has them.
 */

/** The pair list in disagreement order, with per-status counts of the filter without its status. */
export async function listPairsByDisagreement(pool: pg.Pool, query: PairListQuery & { split: string; model: string }): Promise<PairList> {
  const list = await new PgPredictions(pool).listByIou(query);
  const counts = { pending: 0, accepted: 0, rejected: 0 };
  const pk = await modelPk(pool, query.split, query.model);
  if (pk !== null) {
    const params = new Params();
    const clauses = [`pr.model_pk = ${params.add(pk)}::int`, ...iouRange(query, params), filterWhere({ ...query, split: undefined }, params, true)];
    const { rows } = await pool.query<{ status: Status; n: number }>(
      `SELECT p.status, count(*)::int AS n FROM predictions pr JOIN pairs p ON p.id = pr.pair_id WHERE ${clauses.join(" AND ")} GROUP BY p.status`,
      params.values,
    );
    for (const row of rows) if (row.status in counts) counts[row.status] = row.n;
  }
  return { items: list.items, nextCursor: list.nextCursor, total: list.total, counts };
}

/** Previous and next pair of `id` in the disagreement order of `filter` (null at the ends). */
export async function disagreementNeighbours(
  pool: pg.Pool,
  filter: PairFilter & { split: string; model: string },
  id: string,
): Promise<{ prev: string | null; next: string | null }> {
  const pk = await modelPk(pool, filter.split, filter.model);
  if (pk === null) return { prev: null, next: null };
  const key = await pool.query<{ sort_iou: number }>("SELECT sort_iou FROM predictions WHERE model_pk = $1 AND pair_id = $2", [pk, id]);
  const sortIou = key.rows[0]?.sort_iou;
  if (sortIou === undefined) return { prev: null, next: null };
  const step = async (before: boolean): Promise<string | null> => {
    const op = before ? "<" : ">";
    const dir = before ? " DESC" : "";
    const params = new Params();
    const clauses = [
      `pr.model_pk = ${params.add(pk)}::int`,
      ...iouRange(filter, params),
      filterWhere({ ...filter, split: undefined }, params),
      `(pr.sort_iou, pr.pair_id) ${op} (${params.add(sortIou)}::float8, ${params.add(id)}::text)`,
    ];
    const { rows } = await pool.query<{ pair_id: string }>(
      `SELECT pr.pair_id FROM predictions pr JOIN pairs p ON p.id = pr.pair_id WHERE ${clauses.join(" AND ")}
       ORDER BY pr.sort_iou${dir}, pr.pair_id${dir} LIMIT 1`,
      params.values,
    );
    return rows[0]?.pair_id ?? null;
  };
  const [prev, next] = await Promise.all([step(true), step(false)]);
  return { prev, next };
}
