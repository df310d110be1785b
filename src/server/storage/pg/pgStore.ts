import pg from "pg";
import type { PairFilter, PairList, PairListQuery, SplitSummary, Stats, StatusCounts } from "../../../shared/api";
import type { Decision, FlagId, Granularity, HistoryEntry, Status } from "../../../shared/domain";
import { flagIds, granularities } from "../../../shared/domain";
import type { LoaderPreview } from "../../../shared/insightsApi";
import { UserError } from "../../errors";
import { BusyError, SchemaTooNewError, StorageError } from "../errors";
import type { InsightsStore } from "../insights";
import type {
  BatchDecisionResult,
  DecisionLogEntry,
  ExportRecord,
  ImportResult,
  ImportedImage,
  PairContext,
  PredictionStore,
  RoundStore,
  CommentStore,
  ReviewStore,
  SaveDecisionRequest,
  SaveDecisionResult,
  SplitImport,
  SplitSource,
  StoredPairDetail,
} from "../store";
import { flagBit, maskToFlags } from "../sqlite/flags";
import { decisionFromRow, type DecisionRow } from "../sqlite/rows";
import { clientConfig, redact } from "./connection";
import { historyOf, lockedPairOf, lockImagesSql, readLockedSql, writeDecision, writeDecisions, type LockedPair, type LockedRow } from "./decisionWrite";
import { toStorageError, typed, typedFacade, typedStream } from "./errors";
import { PgInsights } from "./insights";
import { loaderPreview } from "./loaderPreview";
import { migrate, NewerSchemaError } from "./migrations";
import { getPair, getPairContext } from "./pairDetail";
import { listPairs } from "./pairList";
import { disagreementNeighbours, listPairsByDisagreement, PgPredictions } from "./predictions";
import { IMPORT_LOCK, PgSplitImport } from "./splitImport";
import { createPgRounds } from "./rounds";
import { createPgComments } from "./comments";
import type { AccountStore } from "../accounts";
import { createPgAccounts } from "./accounts";

/*
 * The review store on PostgreSQL: a node-postgres pool, so N `serve` processes share one
 * database. Every method is async. It covers import, decisions (compare-and-set, idempotency,
 * group commit), history, stats, the split list, the queue (filters, full text, cursors, counts),
 * streamed export, the change counter, pair detail (neighbours in the filter) and the loader
 * preview; insights and predictions come from PgInsights / PgPredictions (./insights.ts,
 * ./predictions.ts). Every failure of node-postgres leaves a method as a typed error of
 * ../errors.ts (./errors.ts maps them): BusyError while an import holds the database or the
 * server is unreachable or restarting, ConflictError for a duplicate row, StorageError otherwise.
 *
 * Imports and decision writes exclude each other across every server on the database through
 * the advisory lock IMPORT_LOCK: an import holds it exclusively for its whole transaction, a
 * decision write tries to take it shared (in the same round trip as BEGIN) and answers BusyError
 * when it cannot, as the SQLite store does while its import runs.
 */

// bigint (count(*), sums) as numbers: every count here is far below 2^53.
pg.types.setTypeParser(pg.types.builtins.INT8, (value) => Number(value));

export type PgSplitImportHandle = SplitImport;

const IMPORT_BUSY = "an import is in progress on this database; try again when it has finished";

const PAGE = 256;
const zero = (): StatusCounts => ({ pending: 0, accepted: 0, rejected: 0 });
function add(counts: StatusCounts, status: string, n: number): void {
  if (status === "pending" || status === "accepted" || status === "rejected") counts[status as Status] += n;
}

export class PgStore implements ReviewStore {
  private importing = false;
  private insightsStore: InsightsStore | undefined;
  private predictionStore: PredictionStore | undefined;

  private constructor(
    readonly pool: pg.Pool,
    readonly url: string,
  ) {}

  /** Connects, migrates, and explains in one line what a user got wrong (server down, no database, newer schema). */
  static async open(url: string, options: { max?: number } = {}): Promise<PgStore> {
    // A server that does not answer (a host gone from the network) fails a request after 10 s
    // (BusyError, HTTP 503) instead of holding it until the OS gives up on the TCP connect.
    const pool = new pg.Pool({ ...clientConfig(url), max: options.max ?? 10, connectionTimeoutMillis: 10_000, keepAlive: true });
    // A client losing its server (PostgreSQL restarted) must not crash the process: idle ones are
    // reported to the pool, checked-out ones (a stream between pages, an import between images) to
    // the client itself; its next query then fails (BusyError) and the pool drops it on release.
    pool.on("error", () => undefined);
    pool.on("connect", (client) => client.on("error", () => undefined));
    const store = new PgStore(pool, url);
    try {
      const client = await pool.connect();
      try {
        await migrate(client);
      } finally {
        client.release();
      }
    } catch (error) {
      await pool.end().catch(() => undefined);
      const message = error instanceof Error ? error.message : String(error);
      const where = `--db ${redact(url)}`;
      if (error instanceof NewerSchemaError) throw new SchemaTooNewError(`${where}: ${message}`);
      const code = (error as { code?: unknown }).code;
      if (code === "ECONNREFUSED" || code === "ENOENT") {
        throw new UserError(`${where}: no PostgreSQL server answers there (start it: pg_ctlcluster 15 main start)`);
      }
      if (code === "3D000") throw new UserError(`${where}: ${message} (create it: createdb <name>)`);
      if (code === "28000" || code === "28P01") throw new UserError(`${where}: ${message}`);
      const typedError = toStorageError(error);
      if (typedError instanceof StorageError) throw new (typedError.constructor as new (m: string) => StorageError)(`${where}: ${typedError.message}`);
      throw typedError;
    }
    return store;
  }

  async close(): Promise<void> {
    await this.pool.end();
  }

  /** Review rounds, leases and votes (see RoundStore in ../store.ts); failures typed as the store's. */
  rounds(): RoundStore {
    return (this.roundStore ??= typedFacade<RoundStore>(createPgRounds(this.pool)));
  }
  private roundStore: RoundStore | undefined;
  /** Comment threads of pairs (see CommentStore in ../store.ts); failures typed as the store's. */
  comments(): CommentStore {
    return (this.commentStore ??= typedFacade<CommentStore>(createPgComments(this.pool)));
  }
  private commentStore: CommentStore | undefined;
  /** Users, sessions and API tokens (see ../accounts.ts); failures typed as the store's. */
  accounts(): AccountStore {
    return (this.accountStore ??= typedFacade<AccountStore>(createPgAccounts(this.pool)));
  }

  sharedLoginCounters(): { pool: pg.Pool; table: string } {
    return { pool: this.pool, table: "login_attempts" };
  }
  private accountStore: AccountStore | undefined;

  getSplit(name: string): Promise<SplitSource | null> {
    return typed(async () => {
      const { rows } = await this.pool.query<{ name: string; source_file: string; source_hash: string; imported_at: string }>(
        "SELECT name, source_file, source_hash, imported_at FROM splits WHERE name = $1",
        [name],
      );
      const row = rows[0];
      return row ? { name: row.name, sourceFile: row.source_file, sourceHash: row.source_hash, importedAt: row.imported_at } : null;
    });
  }

  listSplits(): Promise<SplitSummary[]> {
    return typed(() => this.splitSummaries());
  }

  private async splitSummaries(): Promise<SplitSummary[]> {
    const splits = await this.pool.query<{ name: string; source_file: string; imported_at: string; images: number }>(
      // Images from the split's summary (recounted by each import): counting 46K image rows took 30 ms.
      "SELECT s.name, s.source_file, s.imported_at, (SELECT coalesce(sum(ss.images), 0) FROM split_summary ss WHERE ss.split = s.name)::int AS images FROM splits s ORDER BY s.name",
    );
    const counts = await this.pool.query<{ split: string; status: string; n: number }>(
      "SELECT split, status, sum(n) AS n FROM pair_counts GROUP BY split, status",
    );
    const byStatus = new Map<string, StatusCounts>();
    for (const row of counts.rows) {
      let c = byStatus.get(row.split);
      if (!c) byStatus.set(row.split, (c = zero()));
      add(c, row.status, row.n);
    }
    return splits.rows.map((s) => {
      const c = byStatus.get(s.name) ?? zero();
      return { name: s.name, sourceFile: s.source_file, importedAt: s.imported_at, images: s.images, pairs: c.pending + c.accepted + c.rejected, byStatus: c };
    });
  }

  /**
   * An atomic import of one split on a connection of its own. One at a time per database: a second
   * one (from this server or another) is BusyError at once.
   */
  async beginImport(source: SplitSource): Promise<SplitImport> {
    if (this.importing) throw new BusyError(IMPORT_BUSY);
    this.importing = true;
    let job: PgSplitImport;
    try {
      job = await PgSplitImport.begin(this.pool, source, () => (this.importing = false));
    } catch (error) {
      this.importing = false;
      throw toStorageError(error);
    }
    return {
      addImage: (image: ImportedImage) => typed(() => job.addImage(image)),
      commit: (): Promise<ImportResult> => typed(() => job.commit()),
      abort: () => typed(() => job.abort()),
    };
  }

  /** Rejects with InvalidCursorError for a cursor it did not issue. */
  listPairs(query: PairListQuery): Promise<PairList> {
    return typed(() => {
      const { split, model } = query;
      // "model disagrees most" (sort=disagreement&model=…): the model's predictions, lowest IoU first
      if (query.sort === "disagreement" && split !== undefined && model !== undefined) return listPairsByDisagreement(this.pool, { ...query, split, model });
      return listPairs(this.pool, query);
    });
  }

  /** The pair with everything the review screen shows; neighbours follow `filter` (index-backed keyset steps). */
  getPair(id: string, filter: PairFilter): Promise<StoredPairDetail | null> {
    return typed(async () => {
      const { split, model } = filter;
      if (filter.sort !== "disagreement" || split === undefined || model === undefined) return getPair(this.pool, id, filter);
      const [pair, near] = await Promise.all([getPair(this.pool, id, {}), disagreementNeighbours(this.pool, { ...filter, split, model }, id)]);
      return pair ? { ...pair, ...near } : null;
    });
  }

  getPairContext(id: string): Promise<PairContext | null> {
    return typed(() => getPairContext(this.pool, id));
  }

  saveDecision(request: SaveDecisionRequest): Promise<SaveDecisionResult> {
    return typed(() =>
      this.writeTransaction(
        (client, imagesLocked, read, commit) => writeDecision(client, request, null, { imageLocked: imagesLocked, locked: read, commit }),
        [request.id],
        request,
      ),
    );
  }

  /** Decisions are saved one transaction each, side by side on the pool (see ReviewStore.groupCommits). */
  readonly groupCommits = false;

  /** Group commit: one transaction (one WAL flush) for all, each in its own savepoint (decisionWrite.ts). */
  saveDecisions(requests: readonly SaveDecisionRequest[]): Promise<BatchDecisionResult[]> {
    return typed(() =>
      this.writeTransaction(
        (client, imagesLocked, read) =>
          writeDecisions(
            client,
            requests,
            (error) => {
              // A lost connection fails the whole transaction (nothing is acknowledged); anything
              // else rolls back this decision alone.
              const typedError = toStorageError(error);
              if (typedError instanceof BusyError) throw typedError;
              return typedError;
            },
            imagesLocked,
            read,
          ),
        requests.map((r) => r.id),
        // A decision alone (the common case of the group commit) is read in the BEGIN batch.
        requests.length === 1 ? requests[0] : undefined,
      ),
    );
  }

  /**
   * A decision transaction: BEGIN, a shared try-lock on IMPORT_LOCK (BusyError while an import of
   * any server holds it) and the row locks of the images of `lockImagesOf` (decisionWrite.ts's
   * lockImagesSql) in one round trip, `work` (told whether the images are locked), COMMIT. With
   * `readFirst`, the same round trip also reads that decision's pair under its image's lock
   * (readLockedSql), which `work` gets (null: no such pair; undefined: not read). A client whose
   * connection broke is destroyed, not handed back to the pool.
   */
  private async writeTransaction<T>(
    work: (client: pg.PoolClient, imagesLocked: boolean, read: LockedPair | null | undefined, commit: { committed: boolean }) => Promise<T>,
    lockImagesOf: readonly string[] = [],
    readFirst?: SaveDecisionRequest,
  ): Promise<T> {
    if (this.importing) throw new BusyError(IMPORT_BUSY);
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      const lockImages = lockImagesSql(lockImagesOf, IMPORT_LOCK);
      const read = lockImages !== null && readFirst !== undefined ? await readLockedSql(client, readFirst.id, readFirst.idempotencyKey) : null;
      const results = (await client.query(
        `BEGIN; SELECT pg_try_advisory_xact_lock_shared(${IMPORT_LOCK}) AS ok${lockImages ? `; ${lockImages}` : ""}${read ? `; ${read}` : ""}`,
      )) as unknown as pg.QueryResult[];
      if ((results[1]?.rows[0] as { ok?: boolean } | undefined)?.ok !== true) throw new BusyError(IMPORT_BUSY);
      const commit = { committed: false };
      const result = await work(client, lockImages !== null, read ? lockedPairOf(results[3]?.rows[0] as LockedRow | undefined) : undefined, commit);
      if (!commit.committed) await client.query("COMMIT");
      return result;
    } catch (error) {
      await client.query("ROLLBACK").catch((rollbackError: unknown) => {
        broken = rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError));
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  history(id: string): Promise<HistoryEntry[] | null> {
    return typed(() => historyOf(this.pool, id));
  }

  stats(split?: string): Promise<Stats> {
    return typed(() => this.statsOf(split));
  }

  private async statsOf(split?: string): Promise<Stats> {
    const one = split !== undefined;
    const params = one ? [split] : [];
    const byStatus = zero();
    const byGranularity = Object.fromEntries(granularities.map((g) => [g, zero()])) as Record<Granularity, StatusCounts>;
    const byFlag: Record<string, StatusCounts> = Object.fromEntries(flagIds.map((f) => [f, zero()]));
    const targetHistogram: Record<string, number> = {};
    const groups = await this.pool.query<{ status: string; granularity: string; flags: number; target_count: number; n: number }>(
      `SELECT status, granularity, flags, target_count, sum(n)::int AS n FROM pair_counts
       ${one ? "WHERE split = $1 " : ""}GROUP BY status, granularity, flags, target_count HAVING sum(n) > 0`,
      params,
    );
    for (const g of groups.rows) {
      add(byStatus, g.status, g.n);
      const gran = byGranularity[g.granularity as Granularity];
      if (gran) add(gran, g.status, g.n);
      for (const flag of flagIds) if ((g.flags & flagBit(flag)) !== 0) add(byFlag[flag]!, g.status, g.n);
      targetHistogram[String(g.target_count)] = (targetHistogram[String(g.target_count)] ?? 0) + g.n;
    }
    // Reasons and reviewers of the current decided pairs, from their tallies (summed over the stripes).
    const tally = (table: string, column: string) =>
      `SELECT ${column} AS key, sum(n)::int AS n FROM ${table} ${one ? "WHERE split = $1 " : ""}GROUP BY ${column} HAVING sum(n) > 0 ORDER BY n DESC, ${column}`;
    const byReason: Record<string, number> = {};
    const reasons = await this.pool.query<{ key: string; n: number }>(tally("split_reasons", "reason"), params);
    for (const row of reasons.rows) byReason[row.key] = row.n;
    const byReviewer: Record<string, number> = {};
    const reviewers = await this.pool.query<{ key: string; n: number }>(tally("split_reviewers", "reviewer"), params);
    for (const row of reviewers.rows) byReviewer[row.key] = row.n;
    const splits = await this.splitSummaries();
    return {
      splits: one ? splits.filter((s) => s.name === split) : splits,
      total: byStatus.pending + byStatus.accepted + byStatus.rejected,
      byStatus,
      byGranularity,
      byFlag,
      byReason,
      byReviewer,
      targetHistogram,
    };
  }

  imageFileName(split: string, imageId: number): Promise<string | null> {
    return typed(async () => {
      const { rows } = await this.pool.query<{ file_name: string }>("SELECT file_name FROM images WHERE split = $1 AND image_id = $2", [split, imageId]);
      return rows[0]?.file_name ?? null;
    });
  }

  changeCounter(split: string): Promise<number> {
    return typed(async () => {
      // The import's count on the split's row plus the decisions' stripes.
      const { rows } = await this.pool.query<{ changes: string }>(
        "SELECT s.changes + coalesce((SELECT sum(c.n) FROM split_changes c WHERE c.split = s.name), 0) AS changes FROM splits s WHERE s.name = $1",
        [split],
      );
      return Number(rows[0]?.changes ?? 0);
    });
  }

  /** What the official loader will make of an export's kept pairs (export screen). */
  loaderPreview(split: string, includePending: boolean): Promise<LoaderPreview> {
    return typed(() => loaderPreview(this.pool, split, includePending));
  }

  /** Dashboard, gallery and export-preview aggregates (./insights.ts); failures typed as the store's. */
  insights(): InsightsStore {
    return (this.insightsStore ??= typedFacade<InsightsStore>(new PgInsights(this.pool)));
  }

  /** Imported model predictions (./predictions.ts); failures typed as the store's. */
  predictions(): PredictionStore {
    return (this.predictionStore ??= typedFacade<PredictionStore>(new PgPredictions(this.pool)));
  }

  /**
   * Records of a split in file order, in pages inside one REPEATABLE READ transaction on a client
   * of its own: a consistent snapshot however long the consumer takes, memory bounded by a page.
   */
  exportRecords(split: string): AsyncIterable<ExportRecord> {
    return typedStream(
      this.snapshot(async function* (client) {
        let after = -1;
        for (;;) {
          const images = await client.query<{ pk: number; ordinal: number; raw: string }>(
            "SELECT pk, ordinal, raw FROM images WHERE split = $1 AND ordinal > $2 ORDER BY ordinal LIMIT $3",
            [split, after, PAGE],
          );
          if (images.rows.length === 0) return;
          const pks = images.rows.map((i) => i.pk);
          const pairs = await client.query<{ image_pk: number; idx: number; flags: number; d: DecisionRow | null }>(
            `SELECT p.image_pk, p.idx, p.flags, to_jsonb(d) AS d FROM pairs p LEFT JOIN decisions d ON d.pair_id = p.id
             WHERE p.image_pk = ANY($1::int[])`,
            [pks],
          );
          const decisions = new Map<number, Map<number, Decision>>();
          const flags = new Map<number, Map<number, FlagId[]>>();
          for (const row of pairs.rows) {
            if (!flags.has(row.image_pk)) flags.set(row.image_pk, new Map());
            flags.get(row.image_pk)!.set(row.idx, maskToFlags(row.flags));
            if (row.d) {
              if (!decisions.has(row.image_pk)) decisions.set(row.image_pk, new Map());
              decisions.get(row.image_pk)!.set(row.idx, decisionFromRow(row.d));
            }
          }
          for (const image of images.rows) {
            yield { raw: image.raw, decisions: decisions.get(image.pk) ?? new Map(), pairFlags: flags.get(image.pk) ?? new Map() };
          }
          after = images.rows.at(-1)!.ordinal;
        }
      }),
    );
  }

  /** Decided (accepted or rejected) pairs of the split in dataset order, streamed like exportRecords. */
  decisionLog(split: string): AsyncIterable<DecisionLogEntry> {
    return typedStream(
      this.snapshot(async function* (client) {
        let after = -1;
        for (;;) {
          const { rows } = await client.query<DecisionRow & { seq: number }>(
            `SELECT p.seq, d.* FROM pairs p JOIN decisions d ON d.pair_id = p.id
             WHERE p.split = $1 AND p.seq > $2 AND d.status <> 'pending' ORDER BY p.seq LIMIT $3`,
            [split, after, PAGE * 4],
          );
          if (rows.length === 0) return;
          for (const row of rows) yield { id: row.pair_id, decision: decisionFromRow(row) };
          after = rows.at(-1)!.seq;
        }
      }),
    );
  }

  private async *snapshot<T>(read: (client: pg.PoolClient) => AsyncGenerator<T>): AsyncGenerator<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
      yield* read(client);
      await client.query("COMMIT");
    } finally {
      // Abandoned half-way (the consumer stopped): roll the read back before the client is reused.
      await client.query("ROLLBACK").catch((error: unknown) => {
        broken = error instanceof Error ? error : new StorageError(String(error));
      });
      client.release(broken);
    }
  }
}
