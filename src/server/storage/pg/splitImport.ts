import type pg from "pg";
import type { Decision } from "../../../shared/domain";
import { pairId } from "../../../shared/domain";
import type { ImportedImage, ImportedPair, ImportResult, SplitSource } from "../store";
import { FILE_FLAGS_MASK, flagsToMask } from "../sqlite/flags";
import { decisionFromRow, type DecisionRow } from "../sqlite/rows";
import { BusyError, ConflictError } from "../errors";
import { CopyBuffer } from "./copy";
import type { PairState } from "../decisionRecord";
import { isActive, priorState, reimportPair, resetDecision, type Prior } from "../reimport";
import { appendHistory, storeDecision } from "./decisionWrite";
import { recountSummary } from "./splitSummary";
import { recountDecidedTallies } from "./splitTallies";

/*
 * One split import as one PostgreSQL transaction on a client of its own, opened by `begin` and
 * ended by commit or abort: rows go in through COPY, nobody sees any of it before COMMIT, and a
 * ROLLBACK leaves everything as it was. Decisions are reconciled as the SQLite import does (see
 * ../reimport.ts): kept when the pair's content hash is unchanged, reset to pending with a history
 * entry when it changed or the pair disappeared.
 */

/**
 * Advisory lock an import holds exclusively for its whole transaction; decision writes take it
 * shared (PgStore), so they wait for nothing and fail fast (BusyError) while an import runs.
 */
export const IMPORT_LOCK = 7262002;
/** Advisory lock that makes a second import (of any server) fail at once instead of queueing. */
const IMPORT_ONLY_LOCK = 7262003;
/** Buffered COPY text above which the import sends what it has (bounded memory). */
const FLUSH_CHARS = 16 << 20;

export class PgSplitImport {
  private readonly priors = new Map<string, Prior>();
  private readonly seen = new Set<string>();
  private readonly imageIds = new Set<number>();
  private readonly resets: { id: string; before: Decision; after: Decision; state: PairState }[] = [];
  private images = 0;
  private pairs = 0;
  private kept = 0;
  private readonly changed: string[] = [];
  private open = true;
  private nextImagePk = 0;
  private nextPairPk = 0;
  private readonly categoryPairs = new Map<string, number[]>();

  private readonly imageRows = new CopyBuffer("images", ["pk", "split", "ordinal", "image_id", "file_name", "width", "height", "file_flags", "raw"]);
  private readonly annotationRows = new CopyBuffer("annotations", [
    "image_pk", "idx", "ann_id", "category_id", "category", "kind", "instance_name", "parent", "bbox", "area", "mask_box", "rle", "h", "w",
  ]);
  private readonly pairRows = new CopyBuffer("pairs", [
    "pk", "id", "split", "seq", "image_pk", "image_id", "idx", "question", "text_answer", "raw_answer", "orig_targets",
    "imported_flags", "imported_granularity", "content_hash", "targets", "target_count", "granularity", "flags", "flag_order",
    "status", "reviewer", "edited_question", "edited_answer",
  ]);

  private constructor(
    private readonly client: pg.PoolClient,
    private readonly source: SplitSource,
    private readonly onEnd: () => void,
  ) {}

  static async begin(pool: pg.Pool, source: SplitSource, onEnd: () => void): Promise<PgSplitImport> {
    const client = await pool.connect();
    const job = new PgSplitImport(client, source, onEnd);
    try {
      await client.query("BEGIN");
      // One import at a time across every server on this database (pks are assigned here): a
      // second one is refused at once; then wait for the decision writes in flight to finish.
      const only = await client.query<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${IMPORT_ONLY_LOCK}) AS ok`);
      if (only.rows[0]?.ok !== true) throw new BusyError("an import is in progress on this database; try again when it has finished");
      await client.query(`SELECT pg_advisory_xact_lock(${IMPORT_LOCK})`);
      await job.start();
    } catch (error) {
      await job.abort();
      throw error;
    }
    return job;
  }

  private async start(): Promise<void> {
    const { client, source } = this;
    const priors = await client.query<DecisionRow & { hash: string | null }>(
      `SELECT d.*, p.content_hash AS hash FROM decisions d LEFT JOIN pairs p ON p.id = d.pair_id
       WHERE d.pair_id >= $1 AND d.pair_id < $2 FOR UPDATE OF d`,
      [`${source.name}:`, `${source.name};`],
    );
    for (const row of priors.rows) this.priors.set(row.pair_id, { hash: row.hash, row });
    await client.query("DELETE FROM pair_categories WHERE pair_pk IN (SELECT pk FROM pairs WHERE split = $1)", [source.name]);
    await client.query("DELETE FROM pairs WHERE split = $1", [source.name]);
    await client.query("DELETE FROM annotations WHERE image_pk IN (SELECT pk FROM images WHERE split = $1)", [source.name]);
    await client.query("DELETE FROM images WHERE split = $1", [source.name]);
    const next = await client.query<{ image: number; pair: number }>(
      "SELECT (SELECT coalesce(max(pk), 0) FROM images) + 1 AS image, (SELECT coalesce(max(pk), 0) FROM pairs) + 1 AS pair",
    );
    this.nextImagePk = next.rows[0]!.image;
    this.nextPairPk = next.rows[0]!.pair;
    await client.query(
      `INSERT INTO splits (name, source_file, source_hash, imported_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (name) DO UPDATE SET source_file = excluded.source_file, source_hash = excluded.source_hash,
         imported_at = excluded.imported_at, changes = splits.changes + 1`,
      [source.name, source.sourceFile, source.sourceHash, source.importedAt],
    );
  }

  async addImage(image: ImportedImage): Promise<void> {
    if (!this.open) throw new Error("this import has already ended");
    if (this.imageIds.has(image.imageId)) throw new ConflictError(`duplicate image_id ${image.imageId} in split ${this.source.name}`);
    this.imageIds.add(image.imageId);
    const what = () => `split ${this.source.name}, image_id ${image.imageId}`;
    const fileFlags = image.fileFlags
      ? flagsToMask(image.fileFlags)
      : image.pairs.reduce((mask, pair) => mask | (flagsToMask(pair.flags) & FILE_FLAGS_MASK), 0);
    const imagePk = this.nextImagePk++;
    this.imageRows.add([imagePk, this.source.name, image.ordinal, image.imageId, image.fileName, image.width, image.height, fileFlags, image.raw], what);
    for (const a of image.annotations) {
      this.annotationRows.add(
        [
          imagePk, a.index, a.annId, a.categoryId, a.categoryName, a.kind, a.instanceName, a.parent, JSON.stringify(a.bbox), a.area,
          JSON.stringify(a.maskBox), a.rleInRecord ? null : a.rle, a.size[0], a.size[1],
        ],
        what,
      );
    }
    for (const pair of image.pairs) this.addPair(image, imagePk, pair);
    this.images++;
    if (this.imageRows.size + this.annotationRows.size + this.pairRows.size > FLUSH_CHARS) await this.flush();
  }

  private addPair(image: ImportedImage, imagePk: number, pair: ImportedPair): void {
    const id = pairId(this.source.name, image.imageId, pair.index);
    const prior = this.priors.get(id);
    if (prior) this.seen.add(id);
    const importedFlags = flagsToMask(pair.flags);
    const imported: PairState = { flags: importedFlags, granularity: pair.granularity, targets: pair.targets };
    const { decision, state, kept, reset } = reimportPair(prior, pair.contentHash, imported, this.source.importedAt);
    if (kept) this.kept++;
    if (reset) this.queueReset(id, reset, decision!, state);
    const pk = this.nextPairPk++;
    this.pairRows.add(
      [
        pk, id, this.source.name, this.pairs, imagePk, image.imageId, pair.index, pair.question, pair.textAnswer, pair.rawAnswer,
        JSON.stringify(pair.targets), importedFlags, pair.granularity, pair.contentHash, JSON.stringify(state.targets),
        state.targets.length, state.granularity, state.flags, state.flags === 0 ? 1 : 0, decision?.status ?? "pending",
        decision ? decision.reviewer : null, decision?.edits?.question ?? null, decision?.edits?.textAnswer ?? null,
      ],
      () => `pair ${id}`,
    );
    this.pairs++;
    const categories =
      state.targets === pair.targets
        ? pair.categories
        : state.targets.map((t) => image.annotations.find((a) => a.index === t)?.categoryName).filter((c) => c !== undefined);
    for (const category of new Set(categories)) {
      const pks = this.categoryPairs.get(category);
      if (pks) pks.push(pk);
      else this.categoryPairs.set(category, [pk]);
    }
  }

  /** A reset of a decision whose pair changed or went away, written at commit (a new version, with history). */
  private queueReset(id: string, before: Decision, after: Decision, state: PairState): void {
    this.resets.push({ id, before, after, state });
    this.changed.push(id);
  }

  private async flush(): Promise<void> {
    for (const rows of [this.imageRows, this.annotationRows, this.pairRows]) await rows.flush(this.client);
  }

  async commit(): Promise<ImportResult> {
    if (!this.open) throw new Error("this import has already ended");
    try {
      for (const [id, prior] of this.priors) {
        if (this.seen.has(id)) continue;
        const earlier = decisionFromRow(prior.row);
        if (isActive(earlier)) this.queueReset(id, earlier, resetDecision(earlier, this.source.importedAt), priorState(prior.row));
      }
      await this.flush();
      const categories = new CopyBuffer("pair_categories", ["category", "pair_pk"]);
      for (const category of [...this.categoryPairs.keys()].sort()) {
        for (const pk of this.categoryPairs.get(category)!) categories.add([category, pk], () => `category ${JSON.stringify(category)}`);
      }
      await categories.flush(this.client);
      for (const reset of this.resets) {
        await storeDecision(this.client, reset.id, reset.after, reset.state);
        await appendHistory(this.client, reset.id, reset.before, reset.after);
      }
      await this.client.query("DELETE FROM pair_counts WHERE split = $1", [this.source.name]);
      await this.client.query(
        `INSERT INTO pair_counts (split, status, granularity, flags, target_count, n)
         SELECT split, status, granularity, flags, target_count, count(*) FROM pairs WHERE split = $1 GROUP BY 1, 2, 3, 4, 5`,
        [this.source.name],
      );
      await recountSummary(this.client, this.source.name);
      await recountDecidedTallies(this.client, this.source.name);
      // Statistics of the new rows, in the same transaction (ANALYZE samples its own transaction's
      // inserts): without them, until autovacuum gets round to the table, the planner takes pairs
      // for a few hundred rows and answers the queue's first page (status=pending, q=the) with a
      // bitmap scan and sort of the whole split (EXPLAIN ANALYZE on 154K pairs: 365-444 ms,
      // against 0.3 ms as an index walk that stops after 51 rows). About 1-2 s of the import.
      await this.client.query("ANALYZE pairs, pair_categories");
      await this.client.query("COMMIT");
    } catch (error) {
      await this.abort();
      throw error;
    }
    this.end();
    return { split: this.source.name, images: this.images, pairs: this.pairs, keptDecisions: this.kept, changedPairs: this.changed };
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

  private end(): void {
    this.open = false;
    this.client.release();
    this.onEnd();
  }
}
