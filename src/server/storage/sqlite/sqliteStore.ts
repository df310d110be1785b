import type Database from "better-sqlite3";
import type { PairFilter, PairList, PairListQuery, SplitSummary, Stats } from "../../../shared/api";
import type { HistoryEntry } from "../../../shared/domain";
import type {
  BatchDecisionResult,
  DecisionLogEntry,
  ExportRecord,
  PairContext,
  ReviewStore,
  SaveDecisionRequest,
  SaveDecisionResult,
  SplitImport,
  SplitSource,
  PredictionStore,
  RoundStore,
  CommentStore,
  StoredPairDetail,
} from "../store";
import type { LoaderPreview } from "../../../shared/insightsApi";
import type { InsightsStore } from "../insights";
import type { AccountStore } from "../accounts";
import { createSqliteAccounts } from "./accounts";
import { UserError } from "../../errors";
import { BusyError, SchemaTooNewError } from "../errors";
import { settle, toStorageError } from "./errors";
import { openDatabase } from "./database";
import { createDecisionWriter, historyOf } from "./decisionWrite";
import { decisionLog, exportRecords } from "./exportRead";
import { createSqliteInsights } from "./insights";
import { loaderPreview } from "./loaderPreview";
import { getPair, getPairContext } from "./pairDetail";
import { listPairs } from "./pairList";
import { createSqlitePredictions, disagreementNeighbours, listPairsByDisagreement, syncPredictions } from "./predictions";
import { createSqliteRounds } from "./rounds";
import { createSqliteComments } from "./comments";
import { SqliteSplitImport } from "./splitImport";
import { StatementCache } from "./statementCache";
import { listSplits, stats } from "./stats";
import { WalSync } from "./walSync";
import { Checkpointer } from "./checkpointer";

/** SQLite's default, restored after each decision write and import (scripts checkpoint as usual). */
const WAL_AUTOCHECKPOINT = 1000;
/** Record bytes an import writes between two early syncs of the WAL (see beginImport). */
const IMPORT_SYNC_BYTES = 64 * 1024 * 1024;

export interface SqliteStoreOptions {
  /** Keep raw records brotli-compressed (default false: plain UTF-8; see rawCodec.ts). */
  compressRaw?: boolean;
}

/**
 * `ReviewStore` on one better-sqlite3 connection. The driver is synchronous, so one process
 * serialises its calls; each method does its work at once and returns it as a settled promise
 * (driver errors become the typed errors of ../errors.ts).
 */
export class SqliteStore implements ReviewStore {
  private readonly db: Database.Database;
  private readonly statements: StatementCache;
  private readonly writeDecision: (request: SaveDecisionRequest) => SaveDecisionResult;
  /** A review round's final decision: written while the round still holds the pair. */
  private readonly writeFinalDecision: (request: SaveDecisionRequest) => SaveDecisionResult;
  private readonly writeDecisions: (requests: readonly SaveDecisionRequest[]) => BatchDecisionResult[];
  private importing = false;
  /** Null for an in-memory database (no WAL, nothing to make durable). */
  private readonly walSync: WalSync | null;
  /** Started with the first decision write or import of a file database (see checkpointer.ts). */
  private checkpointer: Checkpointer | null = null;

  constructor(
    private readonly file: string,
    private readonly options: SqliteStoreOptions = {},
  ) {
    this.db = openOrExplain(file);
    this.statements = new StatementCache(this.db);
    this.writeDecision = createDecisionWriter(this.db, this.statements, true);
    this.writeFinalDecision = createDecisionWriter(this.db, this.statements, false);
    // Inside the outer transaction each writeDecision call becomes a savepoint (better-sqlite3
    // nests transactions that way), so one failing decision rolls back alone.
    const batch = this.db.transaction((requests: readonly SaveDecisionRequest[]): BatchDecisionResult[] =>
      requests.map((request) => {
        try {
          return this.writeDecision(request);
        } catch (error) {
          return { kind: "failed", error: toStorageError(error) };
        }
      }),
    );
    this.writeDecisions = (requests) => batch.immediate(requests);
    this.walSync = file === ":memory:" || file === "" ? null : new WalSync(`${file}-wal`);
  }

  /**
   * Runs `work` in one transaction: bulk scripts (benchmark seeding, scripted mass decisions) pay
   * one fsync instead of one per decision. Synchronous store work inside (`saveDecisionNow`) nests
   * as savepoints.
   */
  batch<T>(work: () => T): T {
    this.assertNotImporting();
    return this.db.transaction(work).immediate();
  }

  /** `saveDecision` done synchronously, for `batch` (scripts and benchmarks only). */
  saveDecisionNow(request: SaveDecisionRequest): SaveDecisionResult {
    this.assertNotImporting();
    return this.writeDecision(request);
  }

  async close(): Promise<void> {
    await this.checkpointer?.close();
    if (this.db.open) this.db.close();
    await this.walSync?.close();
  }

  getSplit(name: string): Promise<SplitSource | null> {
    return settle(() => {
      const row = this.statements.get("SELECT name, source_file, source_hash, imported_at FROM splits WHERE name = ?").get(name) as
        | { name: string; source_file: string; source_hash: string; imported_at: string }
        | undefined;
      return row ? { name: row.name, sourceFile: row.source_file, sourceHash: row.source_hash, importedAt: row.imported_at } : null;
    });
  }

  listSplits(): Promise<SplitSummary[]> {
    return settle(() => listSplits(this.statements));
  }

  /**
   * A split import as one transaction. For a file database its COMMIT neither syncs nor
   * checkpoints on this thread: with SQLite's defaults the COMMIT of a 154K-pair import took 3.4 s
   * (0.8 s syncing the 730 MB WAL, 2.6 s checkpointing it into the database inline, timed around
   * the statement), all on the server's event loop. Instead the WAL is synced off the loop while
   * the import runs (every IMPORT_SYNC_BYTES of records, so little is left for the last sync) and
   * once more after COMMIT, before `commit()` resolves: an import is reported only once it is on
   * stable storage, as with synchronous=FULL. The checkpoint is left to the background checkpointer.
   */
  beginImport(source: SplitSource): Promise<SplitImport> {
    return settle(() => {
      this.assertNotImporting();
      const walSync = this.walSync;
      if (walSync) this.checkpointer ??= new Checkpointer(this.file, (message) => process.stderr.write(`${this.file}: ${message}\n`));
      const checkpointer = this.checkpointer?.active ? this.checkpointer : null;
      const end = (): void => {
        this.importing = false;
        if (walSync) this.db.pragma("synchronous = FULL");
        if (checkpointer) {
          this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT}`);
          checkpointer.committed();
        }
      };
      this.importing = true;
      if (walSync) this.db.pragma("synchronous = NORMAL");
      if (checkpointer) this.db.pragma("wal_autocheckpoint = 0");
      let job: SqliteSplitImport;
      try {
        job = new SqliteSplitImport(this.db, this.statements, source, end, this.options.compressRaw ?? false);
      } catch (error) {
        end();
        throw error;
      }
      let unsynced = 0;
      return {
        addImage: (image) =>
          settle(() => {
            job.addImage(image);
            unsynced += image.rawBytes?.length ?? image.raw.length;
            if (walSync && unsynced >= IMPORT_SYNC_BYTES) {
              unsynced = 0;
              // Early write-back only; a failure here is the final sync's to report.
              walSync.sync().catch(() => {});
            }
          }),
        commit: async () => {
          const result = await settle(() => job.commit());
          try {
            await walSync?.sync();
          } catch (error) {
            const why = error instanceof Error ? error.message : String(error);
            throw new UserError(`the import was committed, but syncing the database's WAL to disk failed (${why}): it may not survive a power loss; check the disk`);
          }
          return result;
        },
        abort: () => settle(() => job.abort()),
      };
    });
  }

  listPairs(query: PairListQuery): Promise<PairList> {
    return settle(() => {
      const { split, model } = query;
      if (query.sort === "disagreement" && split !== undefined && model !== undefined) {
        return listPairsByDisagreement(this.statements, this.syncPredictions(), { ...query, split, model });
      }
      return listPairs(this.statements, query);
    });
  }

  getPair(id: string, filter: PairFilter): Promise<StoredPairDetail | null> {
    return settle(() => {
      const pair = getPair(this.statements, id, filter);
      const { split, model } = filter;
      if (!pair || filter.sort !== "disagreement" || split === undefined || model === undefined) return pair;
      return { ...pair, ...disagreementNeighbours(this.statements, { ...filter, split, model }, id) };
    });
  }

  getPairContext(id: string): Promise<PairContext | null> {
    return settle(() => getPairContext(this.statements, id));
  }

  saveDecision(request: SaveDecisionRequest): Promise<SaveDecisionResult> {
    // The import's open transaction would swallow this write and roll it back with a failed import.
    return settle(() => {
      this.assertNotImporting();
      return this.writeDecision(request);
    });
  }

  /** Decisions that arrive together share one transaction and one sync (see ReviewStore.groupCommits). */
  readonly groupCommits = true;

  /**
   * Group commit. The transaction commits at once with synchronous=NORMAL (COMMIT writes the WAL
   * without syncing it) and the WAL is synced off the event loop before the promise resolves: as
   * durable as synchronous=FULL, without stalling every other request on the disk.
   */
  async saveDecisions(requests: readonly SaveDecisionRequest[]): Promise<BatchDecisionResult[]> {
    let results: BatchDecisionResult[];
    try {
      this.assertNotImporting();
      if (!this.walSync) return this.writeDecisions(requests);
      this.checkpointer ??= new Checkpointer(this.file, (message) => process.stderr.write(`${this.file}: ${message}\n`));
      const held = this.checkpointer.ready();
      if (held) await held;
      this.assertNotImporting(); // an import may have begun during the wait
      const inline = !this.checkpointer.active;
      this.db.pragma("synchronous = NORMAL");
      if (!inline) this.db.pragma("wal_autocheckpoint = 0");
      try {
        results = this.writeDecisions(requests);
      } finally {
        this.db.pragma("synchronous = FULL");
        if (!inline) this.db.pragma(`wal_autocheckpoint = ${WAL_AUTOCHECKPOINT}`);
      }
      if (!inline) this.checkpointer.committed();
    } catch (error) {
      throw toStorageError(error);
    }
    await this.walSync.sync();
    return results;
  }

  history(id: string): Promise<HistoryEntry[] | null> {
    return settle(() => historyOf(this.statements, id));
  }

  stats(split?: string): Promise<Stats> {
    return settle(() => stats(this.statements, split));
  }

  imageFileName(split: string, imageId: number): Promise<string | null> {
    return settle(() => {
      const name = this.statements.get("SELECT file_name FROM images WHERE split = ? AND image_id = ?").pluck().get(split, imageId);
      return typeof name === "string" ? name : null;
    });
  }

  exportRecords(split: string): AsyncIterable<ExportRecord> {
    return this.snapshot((statements) => exportRecords(statements, split));
  }

  decisionLog(split: string): AsyncIterable<DecisionLogEntry> {
    return this.snapshot((statements) => decisionLog(statements, split));
  }

  /** What the official loader will make of an export's kept pairs (export screen). */
  loaderPreview(split: string, includePending: boolean): Promise<LoaderPreview> {
    return settle(() => loaderPreview(this.statements, split, includePending));
  }

  /** Dashboard, gallery and export-preview queries (see ../insights.ts). */
  insights(): InsightsStore {
    return (this.insightsStore ??= createSqliteInsights(this.db));
  }
  private insightsStore: InsightsStore | undefined;

  rounds(): RoundStore {
    return (this.roundStore ??= createSqliteRounds(this.db, this.statements, this.writeFinalDecision, () => this.assertNotImporting()));
  }
  private roundStore: RoundStore | undefined;

  comments(): CommentStore {
    return (this.commentStore ??= createSqliteComments(this.statements, () => this.assertNotImporting()));
  }
  private commentStore: CommentStore | undefined;

  predictions(): PredictionStore {
    return (this.predictionStore ??= createSqlitePredictions(this.db, this.statements));
  }
  private predictionStore: PredictionStore | undefined;

  /** Users, sessions and API tokens (see ../accounts.ts). */
  accounts(): AccountStore {
    return (this.accountStore ??= createSqliteAccounts(this.db, this.statements));
  }
  private accountStore: AccountStore | undefined;
  private syncPredictions(): ReturnType<typeof syncPredictions> {
    return (this.syncPredictionStore ??= syncPredictions(this.db, this.statements));
  }
  private syncPredictionStore: ReturnType<typeof syncPredictions> | undefined;

  changeCounter(split: string): Promise<number> {
    return settle(() => {
      const changes = this.statements.get("SELECT changes FROM splits WHERE name = ?").pluck().get(split);
      return typeof changes === "number" ? changes : 0;
    });
  }

  /**
   * Runs a long read on its own read-only connection inside one read transaction: a consistent
   * snapshot (WAL) however long the consumer takes, while this connection keeps taking writes.
   * An in-memory database has no second connection; it reads page by page on this one.
   */
  private async *snapshot<T>(read: (statements: StatementCache) => Generator<T>): AsyncGenerator<T> {
    try {
      if (this.file === ":memory:" || this.file === "") {
        yield* read(this.statements);
        return;
      }
      const reader = openDatabase(this.file, { readonly: true });
      try {
        reader.exec("BEGIN");
        yield* read(new StatementCache(reader));
        reader.exec("COMMIT");
      } finally {
        reader.close();
      }
    } catch (error) {
      throw toStorageError(error);
    }
  }

  private assertNotImporting(): void {
    if (this.importing) throw new BusyError("an import is in progress on this store; try again when it has finished");
  }
}

/**
 * `openDatabase`, with the failures a user causes (`--db` in a missing folder, at a file that is no
 * SQLite database, at a database of a newer mmr-review) as one-line UserErrors.
 */
function openOrExplain(file: string): Database.Database {
  try {
    return openDatabase(file);
  } catch (error) {
    const code = (error as { code?: unknown }).code;
    const message = error instanceof Error ? error.message : String(error);
    if (code === "SQLITE_NOTADB") throw new UserError(`--db ${file}: not an mmr-review database (the file is not SQLite)`);
    if (/directory does not exist/.test(message)) throw new UserError(`--db ${file}: its folder does not exist`);
    if (code === "SQLITE_CANTOPEN") throw new UserError(`--db ${file}: cannot open or create it (does its folder exist and is it writable?)`);
    if (code === "SQLITE_READONLY" || code === "SQLITE_PERM") throw new UserError(`--db ${file}: the database is read-only`);
    if (error instanceof SchemaTooNewError) throw new SchemaTooNewError(`--db ${file}: ${message}`);
    if (typeof code === "string" && code.startsWith("SQLITE_")) throw new UserError(`--db ${file}: ${message} (${code})`);
    throw error;
  }
}
