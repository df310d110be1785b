import type { Decision, DecisionInput, Edits, FlagId, Granularity, HistoryEntry, Status } from "../../shared/domain";
import type { PairDetail, PairFilter, PairList, PairListQuery, PairSummary, SplitSummary, Stats } from "../../shared/api";
import type { PairAnalysis } from "../../shared/analyze";
import type { LoaderPreview } from "../../shared/insightsApi";
import type { InsightsStore } from "./insights";
import type { Lease, Round, SlotState, Vote } from "../../shared/rounds";
import type { Comment, DiscussedPair } from "../../shared/comments";
import type pg from "pg";
import type { AccountStore } from "./accounts";

export { InvalidCursorError } from "./errors";

/*
 * The storage boundary. SQLite implements it (sqlite/), a networked database can too: every method
 * returns a promise (or an async iterable for the streamed reads), so nothing above this interface
 * assumes a synchronous driver. Keep every line of SQL behind it.
 *
 * Contract (checked for every implementation by contract/storeContract.ts):
 * - failures callers handle are the typed errors of ./errors.ts (NotFoundError, ConflictError,
 *   InvalidCursorError, BusyError, SchemaTooNewError), never a driver's own error;
 * - the store keeps data, not domain rules: it returns what was imported and decided (the review
 *   service rebuilds raw answers of edited pairs and the HTTP layer builds image URLs);
 * - a resolved write is durable (on stable storage) and visible to every later read.
 */

/** An annotation as the importer derived it (area, mask box and compressed RLE computed once). */
export interface ImportedAnnotation {
  index: number;
  annId: number | null;
  categoryId: number;
  categoryName: string;
  kind: "object" | "part";
  instanceName: string;
  parent: number | null;
  bbox: [number, number, number, number];
  area: number;
  maskBox: [number, number, number, number];
  /**
   * Compressed COCO RLE of the mask and its `[h, w]`, whatever form the file used. Empty when
   * `rleInRecord`: worker threads leave out the copy of a string the raw record already holds.
   */
  rle: string;
  size: [number, number];
  /**
   * True when the record's own `annotations[index].segmentation.counts` is exactly `rle`: the store
   * may then read the mask back from the raw record instead of keeping a second copy.
   */
  rleInRecord?: boolean;
}

/** A pair as the importer analysed it, with what decides whether a re-import keeps its decision. */
export interface ImportedPair extends PairAnalysis {
  /** Hash of question, text answer and targets: decides whether a re-import keeps a decision. */
  contentHash: string;
}

export interface ImportedImage {
  /** Position of the record in the file, from 0. */
  ordinal: number;
  imageId: number;
  fileName: string;
  width: number;
  height: number;
  /** The record's JSON text exactly as read: the source of a lossless export. */
  raw: string;
  /** `raw` as the UTF-8 bytes read from the file, when the reader kept them (stored without re-encoding). */
  rawBytes?: Uint8Array;
  /**
   * `annotations` in SQLite's stored encoding (sqlite/annotationCodec.ts), when worker threads
   * computed it next to the analysis, off the thread that writes the database.
   */
  encodedAnnotations?: string;
  annotations: ImportedAnnotation[];
  pairs: ImportedPair[];
  /** `unsafe_path` / `missing_image` of the record; derived from the pairs' flags when absent. */
  fileFlags?: FlagId[];
}

export interface SplitSource {
  name: string;
  sourceFile: string;
  sourceHash: string;
  importedAt: string;
}

export interface ImportResult {
  split: string;
  images: number;
  pairs: number;
  /** Pairs whose decision was kept from an earlier import of the same split. */
  keptDecisions: number;
  /** Ids of decided pairs whose content changed in this import (their decision was reset). */
  changedPairs: string[];
}

/**
 * An import in progress: everything is one transaction, invisible until commit. Calls are made one
 * at a time (the importer awaits each `addImage` before the next).
 */
export interface SplitImport {
  /** Rejects with ConflictError when the image breaks a uniqueness rule (same image id twice). */
  addImage(image: ImportedImage): Promise<void>;
  commit(): Promise<ImportResult>;
  /** Leaves the store exactly as it was before `beginImport`. */
  abort(): Promise<void>;
}

/** What the review service needs to validate an edit and re-run the checks of one pair. */
export interface PairContext {
  id: string;
  split: string;
  imageId: number;
  index: number;
  /**
   * The record's JSON text as imported, read when called (once: later calls give the same text).
   * Only an edit needs it: a decision or vote as imported never asks, so the store need not read,
   * decompress and ship a record of tens of KB on every write.
   */
  record(): Promise<string>;
  /** Flags that do not depend on edits (`unsafe_path`, `missing_image`) as computed at import. */
  fileFlags: FlagId[];
  decision: Decision | null;
  /**
   * The open review round whose unfinished slot holds the pair, read with the pair: a direct
   * decision on such a pair is refused (its votes or its adjudication decide it).
   */
  activeRound: number | null;
  /**
   * Flags and granularity of the pair as imported (no edits). A decision without edits reuses them
   * instead of re-parsing and re-analysing the raw record on every write (optional: when absent the
   * review service recomputes them from `raw`).
   */
  imported?: { flags: FlagId[]; granularity: Granularity; targets?: number[] };
}

export type SaveDecisionResult =
  | { kind: "saved"; decision: Decision; replayed: boolean }
  | { kind: "conflict"; current: Decision | null }
  /** The idempotency key was already used on this pair for a different decision. */
  | { kind: "key_reused" }
  /** The pair is in an open review round (read under the write's lock): its votes decide it. Nothing was written. */
  | { kind: "in_round"; roundId: number }
  | { kind: "not_found" };

export interface SaveDecisionRequest {
  id: string;
  input: DecisionInput;
  /** Flags and granularity after applying the input's edits. */
  flags: FlagId[];
  granularity: Granularity;
  /** ISO time of the write. */
  now: string;
  /** A retried request with the same key returns the first result and writes nothing. */
  idempotencyKey?: string;
}

/** A decision of a group commit: its own result, or the error that rolled back its savepoint alone. */
export type BatchDecisionResult = SaveDecisionResult | { kind: "failed"; error: unknown };

/** One decided pair for the decision log (SPEC section 5). */
export interface DecisionLogEntry {
  id: string;
  decision: Decision;
}

/** A record as the exporter needs it: the original text plus the decisions of its pairs. */
export interface ExportRecord {
  raw: string;
  /** By question index; pairs without a decision are absent. */
  decisions: Map<number, Decision>;
  /**
   * Current flags (edits applied) of every pair of the record, by question index: lets export
   * decide an untouched record without parsing it. Optional for stores that do not keep them.
   */
  pairFlags?: Map<number, FlagId[]>;
}

/** The image of a stored pair: what the store keeps (the HTTP layer adds the URL from split and id). */
export type StoredPairImage = Omit<PairDetail["image"], "url">;

/**
 * A pair as the store keeps it. `rawAnswer` is the raw answer as imported: when the pair's text
 * answer or targets were edited, the review service rebuilds it (the same rule as export), and the
 * HTTP layer adds `image.url`. See review/pairView.ts.
 */
export type StoredPairDetail = Omit<PairDetail, "image"> & { image: StoredPairImage };

export interface ReviewStore {
  /** Closes the store; pending durable syncs finish first. */
  close(): Promise<void>;

  getSplit(name: string): Promise<SplitSource | null>;
  listSplits(): Promise<SplitSummary[]>;
  /**
   * Starts an atomic import of one split (replacing an earlier import of the same name). Rejects
   * with BusyError while another import holds the store.
   */
  beginImport(source: SplitSource): Promise<SplitImport>;

  /** Rejects with InvalidCursorError for a cursor it did not issue. */
  listPairs(query: PairListQuery): Promise<PairList>;
  /** The pair with everything the review screen shows; neighbours follow `filter`. */
  getPair(id: string, filter: PairFilter): Promise<StoredPairDetail | null>;
  getPairContext(id: string): Promise<PairContext | null>;
  /**
   * Compare-and-set on `input.baseVersion`; appends a history entry in the same transaction. A lost
   * race is `{ kind: "conflict", current }` with the winner's decision, not an error.
   */
  saveDecision(request: SaveDecisionRequest): Promise<SaveDecisionResult>;
  /**
   * Group commit: saves several decisions in one transaction, so one durable commit (fsync) covers
   * them all; each runs as `saveDecision` would, in order, in its own savepoint (one failing
   * decision is `{ kind: "failed" }` and rolls back alone). Resolves once the transaction is on
   * stable storage; rejects (acknowledging none) when the transaction or its sync failed.
   */
  saveDecisions(requests: readonly SaveDecisionRequest[]): Promise<BatchDecisionResult[]>;
  /**
   * Whether decisions that arrive together should be saved with saveDecisions (review/groupCommit.ts).
   * SQLite: yes, it has one writer and each commit is a sync of its own. PostgreSQL: no, its pool
   * runs transactions side by side and it already flushes concurrent commits together, while a
   * batch runs its decisions one after another on one connection, three round trips each, and
   * answers none before the last (bench:team: batches of 10 made the slowest decisions 80–220 ms).
   */
  readonly groupCommits: boolean;
  history(id: string): Promise<HistoryEntry[] | null>;
  /** Every count over all splits, or over `split` only. */
  stats(split?: string): Promise<Stats>;

  /** The file name of image `imageId` of `split`, as written in its record; null when unknown. */
  imageFileName(split: string, imageId: number): Promise<string | null>;

  /**
   * Records of a split in file order, streamed from the store (bounded memory) from one consistent
   * snapshot: decisions saved while the stream is read do not show up in it.
   */
  exportRecords(split: string): AsyncIterable<ExportRecord>;
  /** Decided pairs of a split in dataset order, streamed like `exportRecords`. */
  decisionLog(split: string): AsyncIterable<DecisionLogEntry>;
  /** Increases on every saved decision (and import) of the split; 0 for an unknown split. */
  changeCounter(split: string): Promise<number>;
  /** What the official loader will make of an export's kept pairs (optional: the export screen's counts). */
  loaderPreview?(split: string, includePending: boolean): Promise<LoaderPreview>;

  /** Dashboard, gallery and export-preview aggregates (see ./insights.ts). */
  insights(): InsightsStore;
  /** Imported model predictions (see PredictionStore below). */
  predictions(): PredictionStore;
  /** Review rounds, leases and votes (see RoundStore below). */
  rounds(): RoundStore;
  /** Comment threads of pairs (see CommentStore below). */
  comments(): CommentStore;
  /** Users, sessions and API tokens (see ./accounts.ts). */
  accounts(): AccountStore;
  /**
   * PostgreSQL only: the pool and table where failed logins are counted for every server process
   * of the database (auth/loginLimiter.ts). Absent: each process counts in its memory.
   */
  sharedLoginCounters?(): { pool: pg.Pool; table: string };
}

// ---------------------------------------------------------------------------------------------
// Model predictions (issue 12)
// ---------------------------------------------------------------------------------------------

/** A model's predictions imported for one split. */
export interface PredictionModel {
  split: string;
  model: string;
  sourceFile: string;
  importedAt: string;
  pairs: number;
  /** Mean of the pairs' IoU (pairs with targets), null when none. */
  meanIou: number | null;
}

/** One pair's prediction as stored, with its scores against the split as imported. */
export interface StoredPrediction {
  pairId: string;
  height: number;
  width: number;
  /** Compressed COCO RLE strings, one per target in placeholder order. */
  masks: string[];
  scores: number[] | null;
  /** Per target: the official I / (U + 1e-5) (1 for an empty union), null when unscorable. */
  targetIous: (number | null)[];
  /** The pair's IoU (mean over its targets), null when it has no targets or is unscorable. */
  iou: number | null;
}

/** A pair a prediction line may name, found by image id and question index. */
export interface PredictionPairRef {
  pairId: string;
  imagePk: number;
  index: number;
}

/** An import of one model in progress: one transaction, invisible until commit. */
export interface PredictionImport {
  add(prediction: StoredPrediction): Promise<void>;
  commit(): Promise<{ pairs: number }>;
  /** Leaves the store exactly as it was. */
  abort(): Promise<void>;
}

/** A pair's IoU with its current status, for the dashboard. */
export interface IouStatusRow {
  iou: number;
  status: Status;
}

export interface PredictionStore {
  listModels(split?: string): Promise<PredictionModel[]>;
  /** False when there was no such model. */
  removeModel(split: string, model: string): Promise<boolean>;
  /** Replaces an earlier import of the same model when committed. */
  beginImport(split: string, model: string, sourceFile: string, importedAt: string): Promise<PredictionImport>;
  findPair(split: string, imageId: number, index: number): Promise<PredictionPairRef | null>;
  /** The record text of an image as imported, with its size. */
  imageRecord(imagePk: number): Promise<{ raw: string; height: number; width: number } | null>;
  get(split: string, model: string, pairId: string): Promise<StoredPrediction | null>;
  /** Every scored pair of the model with its current status, lowest IoU first. */
  iouByStatus(split: string, model: string): Promise<IouStatusRow[]>;
  /** Pairs of `filter` that the model predicted, lowest IoU first (then dataset order). */
  listByIou(query: PredictionListQuery): Promise<PredictionList>;
}

export interface PredictionListQuery extends PairFilter {
  split: string;
  model: string;
  minIou?: number;
  maxIou?: number;
  cursor?: string;
  limit?: number;
}

export interface PredictionList {
  items: (PairSummary & { iou: number | null })[];
  nextCursor: string | null;
  total: number;
}

// ---------------------------------------------------------------------------------------------
// Review rounds (issue 11)
// ---------------------------------------------------------------------------------------------

/** A round to create: its settings and the plan (votes needed per pair, in hand-out order). */
export interface NewRound {
  name: string;
  split: string;
  filter: Record<string, unknown>;
  overlap: number;
  share: number;
  seed: string;
  blind: boolean;
  reviewers: string[];
  createdBy: string;
  createdAt: string;
  slots: { pairId: string; needed: number }[];
}

/** A vote to cast, with what the review service derived from its edits. */
export interface CastVoteRequest {
  roundId: number;
  pairId: string;
  reviewer: string;
  status: "accepted" | "rejected";
  reasons: string[];
  note: string;
  edits: Edits | null;
  /** Target list after the edits. */
  targets: number[];
  /** Flags and granularity after the edits (what the final decision is saved with). */
  flags: FlagId[];
  granularity: Granularity;
  /** Granularity of the pair as imported (agreement is reported by it). */
  importedGranularity: Granularity;
  now: string;
  nowMs: number;
}

export type CastVoteResult =
  | { kind: "voted"; vote: Vote; state: SlotState; decision: Decision | null }
  | { kind: "not_found" }
  | { kind: "not_in_pool" }
  /** The pair already has its votes (or is leased to the others who will cast them). */
  | { kind: "full" }
  /** The pair's final decision is made (agreed or adjudicated), or the round is closed. */
  | { kind: "closed" };

export interface ResolveRequest {
  roundId: number;
  pairId: string;
  lead: string;
  input: Omit<DecisionInput, "baseVersion" | "reviewer">;
  flags: FlagId[];
  granularity: Granularity;
  now: string;
}

export type ResolveResult = { kind: "resolved"; decision: Decision } | { kind: "not_found" } | { kind: "not_in_adjudication"; state: SlotState };

export interface SlotView {
  roundId: number;
  pairId: string;
  state: SlotState;
  needed: number;
  votes: Vote[];
}

export interface RoundCounts {
  votesNeeded: number;
  votesCast: number;
  byState: Record<SlotState, number>;
  /** Per reviewer of the pool: votes cast and the times (ms) of their latest votes (up to 100). */
  reviewers: { reviewer: string; votes: number; recent: number[] }[];
}

/**
 * Rounds, slots, leases and votes. Every write is one transaction; leases and votes lock the pair's
 * slot, so `next` never hands an overlap-1 pair to two reviewers at once, also across processes.
 */
export interface RoundStore {
  /** Pairs already in an unfinished slot of another open round are left out (`skipped`). */
  create(round: NewRound): Promise<{ round: Round; skipped: number }>;
  list(): Promise<Round[]>;
  get(id: number): Promise<Round | null>;
  update(id: number, patch: { blind?: boolean; closed?: boolean }): Promise<Round | null>;
  /**
   * The pair the reviewer holds (renewed), else the first pair (hand-out order) of their open rounds
   * (or of `roundId` only) that they have not voted on and whose votes and others' live leases leave
   * room; null when none.
   */
  next(reviewer: string, nowMs: number, leaseMs: number, roundId?: number): Promise<Lease | null>;
  /** Extends the reviewer's lease; null when the pair has no room for them any more. */
  renew(roundId: number, pairId: string, reviewer: string, nowMs: number, leaseMs: number): Promise<Lease | null>;
  release(roundId: number, pairId: string, reviewer: string): Promise<void>;
  vote(request: CastVoteRequest): Promise<CastVoteResult>;
  resolve(request: ResolveRequest): Promise<ResolveResult>;
  slot(roundId: number, pairId: string): Promise<SlotView | null>;
  /** Every slot of the round with at least one vote, in hand-out order. */
  votes(roundId: number): Promise<SlotView[]>;
  adjudication(roundId: number): Promise<SlotView[]>;
  counts(roundId: number): Promise<RoundCounts | null>;
  /** Votes of every round on pairs of the split, by pair id (the decision log lists them). */
  votesOfSplit(split: string): Promise<Map<string, Vote[]>>;
}

/** A comment to store; mentions are parsed from the text by the caller. */
export interface NewComment {
  pairId: string;
  split: string;
  author: string;
  text: string;
  mentions: string[];
  discussion: boolean;
  at: string;
}

export interface CommentEditChange {
  text: string;
  mentions: string[];
  at: string;
}

export interface CommentStore {
  add(comment: NewComment): Promise<Comment>;
  /** One comment by id; null when there is none. */
  get(id: number): Promise<Comment | null>;
  /** Replaces a comment's text and mentions and sets its `editedAt`; null when there is none. */
  edit(id: number, change: CommentEditChange): Promise<Comment | null>;
  /** The pair's thread, oldest first. */
  list(pairId: string): Promise<Comment[]>;
  /** Pairs of the split with a thread (or whose thread mentions `mention`), latest activity first. */
  discussed(split: string, mention?: string): Promise<DiscussedPair[]>;
}
