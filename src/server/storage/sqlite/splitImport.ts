import type Database from "better-sqlite3";
import type { Decision } from "../../../shared/domain";
import { pairId } from "../../../shared/domain";
import type { PairState } from "../decisionRecord";
import { ConflictError } from "../errors";
import { isActive, priorState, reimportPair, resetDecision, type Prior } from "../reimport";
import type { ImportedImage, ImportedPair, ImportResult, SplitImport, SplitSource } from "../store";
import { encodeAnnotations } from "./annotationCodec";
import { BatchInsert } from "./batchInsert";
import { appendHistory, storeDecision } from "./decisionWrite";
import { FILE_FLAGS_MASK, flagsToMask } from "./flags";
import { writeSplitCounts } from "./pairCounts";
import { recountDecisionSummaries, writeImageSummary, type ImageTally } from "./splitSummary";
import { encodeRaw } from "./rawCodec";
import { decisionFromRow, type DecisionRow } from "./rows";
import type { StatementCache } from "./statementCache";
import type { Sync } from "./sync";

/*
 * One split import as one SQLite transaction, opened by the constructor and ended by commit or
 * abort. The old rows of the split are deleted up front and the new ones inserted; decisions live
 * in their own table keyed by pair id, so they are reconciled against the new content instead of
 * being deleted: kept when the pair's content hash is unchanged, reset (with a history entry)
 * when it changed or the pair disappeared.
 */

export class SqliteSplitImport implements Sync<SplitImport> {
  private readonly priors = new Map<string, Prior>();
  private readonly seen = new Set<string>();
  private readonly imageIds = new Set<number>();
  private images = 0;
  private pairs = 0;
  private kept = 0;
  private readonly changed: string[] = [];
  private open = true;

  private readonly insertImage: BatchInsert;
  private readonly insertPair: BatchInsert;
  private readonly insertCategory: BatchInsert;
  /**
   * Pair pks per category, written at commit in (category, pk) order: pair_categories is keyed by
   * category first, and rows inserted in pair order land all over its b-tree (4.2 s of a 154K
   * import, timed per table); in key order every insert appends.
   */
  private readonly categoryPairs = new Map<string, PkList>();
  /** Row ids are assigned here, not by SQLite, so every insert can be batched (none needs lastInsertRowid). */
  private nextImagePk = 0;
  private nextPairPk = 0;
  /** The first pair pk of this import: its pairs are pks from here on, for the full-text build at commit. */
  private firstPairPk = 0;
  /**
   * pair_counts and split_summary of the new rows, tallied as they are written: recounting them
   * with GROUP BY over the split's pairs and a probe of every image's pairs at commit cost ~2 s of
   * a 154K import (timed at commit, load 5).
   */
  private readonly counts = new Map<string, { status: string; granularity: string; flags: number; targetCount: number; n: number }>();
  private readonly imageTally: ImageTally = { images: 0, acceptedImages: 0, acceptedBytes: 0, openImages: 0, openBytes: 0 };

  constructor(
    private readonly db: Database.Database,
    private readonly statements: StatementCache,
    private readonly source: SplitSource,
    private readonly onEnd: () => void,
    private readonly compressRaw = false,
  ) {
    // Batch sizes keep a statement near 300–500 bindings; an images batch holds ~16 records.
    this.insertImage = new BatchInsert(
      statements,
      "INSERT INTO images (pk, split, ordinal, image_id, file_name, width, height, file_flags, raw, annotations)",
      10,
      16,
    );
    this.insertPair = new BatchInsert(
      statements,
      `INSERT INTO pairs (pk, id, split, seq, image_pk, image_id, idx, question, text_answer, raw_answer, orig_targets,
         imported_flags, imported_granularity, content_hash, targets, target_count, granularity, flags, flag_order,
         status, reviewer, edited_question, edited_answer)`,
      23,
      16,
    );
    this.insertCategory = new BatchInsert(statements, "INSERT OR IGNORE INTO pair_categories (category, pair_pk)", 2, 128);

    db.exec("BEGIN IMMEDIATE");
    try {
      this.loadPriors();
      this.deleteOldRows();
      this.nextImagePk = (statements.get("SELECT coalesce(max(pk), 0) FROM images").pluck().get() as number) + 1;
      this.nextPairPk = (statements.get("SELECT coalesce(max(pk), 0) FROM pairs").pluck().get() as number) + 1;
      this.firstPairPk = this.nextPairPk;
      statements
        .get(
          `INSERT INTO splits (name, source_file, source_hash, imported_at) VALUES (?, ?, ?, ?)
           ON CONFLICT (name) DO UPDATE SET source_file = excluded.source_file, source_hash = excluded.source_hash,
             imported_at = excluded.imported_at, changes = changes + 1`,
        )
        .run(source.name, source.sourceFile, source.sourceHash, source.importedAt);
    } catch (error) {
      this.abort();
      throw error;
    }
  }

  private loadPriors(): void {
    // ';' follows ':' in byte order: the range holds exactly the ids of this split.
    const rows = this.statements
      .get(
        `SELECT d.*, p.content_hash AS hash FROM decisions d LEFT JOIN pairs p ON p.id = d.pair_id
         WHERE d.pair_id >= ? AND d.pair_id < ?`,
      )
      .all(`${this.source.name}:`, `${this.source.name};`) as (DecisionRow & { hash: string | null })[];
    for (const row of rows) this.priors.set(row.pair_id, { hash: row.hash, row });
  }

  private deleteOldRows(): void {
    const split = this.source.name;
    this.statements.get("DELETE FROM pairs_fts WHERE rowid IN (SELECT pk FROM pairs WHERE split = ?)").run(split);
    this.statements.get("DELETE FROM pair_categories WHERE pair_pk IN (SELECT pk FROM pairs WHERE split = ?)").run(split);
    this.statements.get("DELETE FROM pairs WHERE split = ?").run(split);
    this.statements.get("DELETE FROM images WHERE split = ?").run(split);
  }

  addImage(image: ImportedImage): void {
    if (!this.open) throw new Error("this import has already ended");
    if (this.imageIds.has(image.imageId)) {
      throw new ConflictError(`duplicate image_id ${image.imageId} in split ${this.source.name}`);
    }
    this.imageIds.add(image.imageId);
    const fileFlags = image.fileFlags
      ? flagsToMask(image.fileFlags)
      : image.pairs.reduce((mask, pair) => mask | (flagsToMask(pair.flags) & FILE_FLAGS_MASK), 0);
    const imagePk = this.nextImagePk++;
    const raw = encodeRaw(image.raw, this.compressRaw, image.rawBytes);
    this.insertImage.add(
      imagePk,
      this.source.name,
      image.ordinal,
      image.imageId,
      image.fileName,
      image.width,
      image.height,
      fileFlags,
      raw,
      image.encodedAnnotations ?? encodeAnnotations(image.annotations),
    );
    let accepted = false;
    let open = false;
    for (const pair of image.pairs) {
      const status = this.addPair(image, imagePk, pair);
      accepted ||= status === "accepted";
      open ||= status === "accepted" || status === "pending";
    }
    this.tallyImage(raw.length, accepted, open);
    this.images++;
  }

  /** An image of the split as split_summary counts it: kept by an export of accepted (open) pairs. */
  private tallyImage(bytes: number, accepted: boolean, open: boolean): void {
    const t = this.imageTally;
    t.images++;
    if (accepted) {
      t.acceptedImages++;
      t.acceptedBytes += bytes;
    }
    if (open) {
      t.openImages++;
      t.openBytes += bytes;
    }
  }

  /** One pair more under its (status, granularity, flags, target count) in pair_counts. */
  private countPair(status: string, granularity: string, flags: number, targetCount: number): void {
    const key = `${status}\u0000${granularity}\u0000${flags}\u0000${targetCount}`;
    const entry = this.counts.get(key);
    if (entry) entry.n++;
    else this.counts.set(key, { status, granularity, flags, targetCount, n: 1 });
  }

  /** Writes one pair; returns its status after the re-import rules. */
  private addPair(image: ImportedImage, imagePk: number, pair: ImportedPair): string {
    const id = pairId(this.source.name, image.imageId, pair.index);
    const prior = this.priors.get(id);
    // Only ids with a prior decision are looked up again (at commit): keeping every id of a 600K
    // split in a set cost ~50 MB of the import's peak memory for nothing.
    if (prior) this.seen.add(id);
    const importedFlags = flagsToMask(pair.flags);
    const imported: PairState = { flags: importedFlags, granularity: pair.granularity, targets: pair.targets };
    const { decision, state, kept, reset } = reimportPair(prior, pair.contentHash, imported, this.source.importedAt);
    if (kept) this.kept++;
    if (reset) this.writeReset(id, reset, decision!, state);

    const question = decision?.edits?.question ?? null;
    const answer = decision?.edits?.textAnswer ?? null;
    const pk = this.nextPairPk++;
    const status = decision?.status ?? "pending";
    this.insertPair.add(
      pk,
      id,
      this.source.name,
      this.pairs,
      imagePk,
      image.imageId,
      pair.index,
      pair.question,
      pair.textAnswer,
      pair.rawAnswer,
      JSON.stringify(pair.targets),
      importedFlags,
      pair.granularity,
      pair.contentHash,
      JSON.stringify(state.targets),
      state.targets.length,
      state.granularity,
      state.flags,
      state.flags === 0 ? 1 : 0,
      status,
      decision ? decision.reviewer : null,
      question,
      answer,
    );
    this.pairs++;
    this.countPair(status, state.granularity, state.flags, state.targets.length);

    const categories =
      state.targets === pair.targets
        ? pair.categories
        : state.targets.map((t) => image.annotations.find((a) => a.index === t)?.categoryName).filter((c) => c !== undefined);
    for (const category of new Set(categories)) {
      let pks = this.categoryPairs.get(category);
      if (!pks) this.categoryPairs.set(category, (pks = new PkList()));
      pks.push(pk);
    }
    return status;
  }

  /** Writes the reset of a decision whose pair changed or went away (a new version, with history). */
  private writeReset(id: string, before: Decision, after: Decision, state: PairState): void {
    storeDecision(this.statements, id, after, state);
    appendHistory(this.statements, id, before, after);
    this.changed.push(id);
  }

  commit(): ImportResult {
    if (!this.open) throw new Error("this import has already ended");
    try {
      for (const [id, prior] of this.priors) {
        if (this.seen.has(id)) continue;
        const earlier = decisionFromRow(prior.row);
        if (isActive(earlier)) this.writeReset(id, earlier, resetDecision(earlier, this.source.importedAt), priorState(prior.row));
      }
      for (const category of [...this.categoryPairs.keys()].sort()) {
        const pks = this.categoryPairs.get(category)!;
        for (let i = 0; i < pks.length; i++) this.insertCategory.add(category, pks.at(i));
      }
      for (const batch of [this.insertImage, this.insertPair, this.insertCategory]) batch.flush();
      // Full text in one statement after the load, from the pairs just written (edits applied):
      // row by row from JS it cost 11.8 s of a 154K import (timed per table, load 10).
      this.statements
        .get(
          `INSERT INTO pairs_fts (rowid, question, answer)
           SELECT pk, coalesce(edited_question, question), coalesce(edited_answer, text_answer) FROM pairs WHERE pk >= ? ORDER BY pk`,
        )
        .run(this.firstPairPk);
      writeSplitCounts(this.statements, this.source.name, this.counts.values());
      writeImageSummary(this.statements, this.source.name, this.imageTally);
      recountDecisionSummaries(this.statements, this.source.name);
      this.db.exec("COMMIT");
    } catch (error) {
      this.abort();
      throw error;
    }
    this.end();
    return { split: this.source.name, images: this.images, pairs: this.pairs, keptDecisions: this.kept, changedPairs: this.changed };
  }

  abort(): void {
    if (!this.open) return;
    try {
      if (this.db.inTransaction) this.db.exec("ROLLBACK");
    } finally {
      this.end();
    }
  }

  private end(): void {
    this.open = false;
    this.onEnd();
  }
}

/**
 * Pair pks of one category, held until commit off the JS heap: as JS arrays (8 bytes per element
 * plus growth slack, scanned by every major GC) they were much of what grew the main thread's heap
 * with the split's size.
 */
class PkList {
  private values = new Float64Array(64);
  length = 0;

  push(pk: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = pk;
  }

  at(i: number): number {
    return this.values[i]!;
  }
}
