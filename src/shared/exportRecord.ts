import { analyzePairWithEdits, analyzeRecord } from "./analyze";
import { editedRawAnswer } from "./answers";
import { acceptBlockers, normalizeEdits, type Decision, type FlagId } from "./domain";
import { arrayItems, arrayText, objectMembers, rootSpan, splice } from "./jsonText";
import type { Span } from "./jsonText";
import type { Annotation, ImageRecord } from "./mmr";
import { polygonsToRle, rleToString } from "./rle";
import { segmentationForm } from "./rleCheck";
import { matchTargets } from "./targets";
import type { TargetMatch } from "./targets";

/*
 * Export assembly (SPEC section 5): one cleaned record's text from the record's text as read and
 * the decisions of its pairs. The output is spliced from the input text: every value nobody
 * changed is written as its original bytes (integers above 2^53, `1.0`, unknown fields, key
 * order), and only edited strings, rebuilt raw answers and converted masks are new text.
 *
 * Two modes. `loader-safe` (default) writes what the official MMR loader reads without failing
 * (LOADER.md): every written target copy a compressed RLE (polygons and uncompressed counts are
 * converted bit-exactly), no pair with a loader-breaking flag, no record without pairs.
 * `lossless` writes forms and records as read: with pending included and no decisions it is the
 * input.
 */

export type ExportMode = "loader-safe" | "lossless";

export interface ExportOptions {
  /** Keep pending (undecided) pairs too; accepted pairs are always kept, rejected never. */
  includePending: boolean;
  mode?: ExportMode;
  /**
   * Current flags of every pair of the record (edits applied), by question index, as the store
   * keeps them. Without it they are computed from the record (slower: masks are read).
   */
  pairFlags?: ReadonlyMap<number, readonly FlagId[]>;
}

/** Why a kept pair was left out of a loader-safe export: its first loader-breaking flag. */
export type LeftOut = Partial<Record<FlagId, number>>;

export interface RecordExport {
  /** The record's text, or null when it is left out. */
  text: string | null;
  pairs: number;
  /** Target copies written as compressed RLE converted from polygons or uncompressed counts. */
  convertedTargets: number;
  /** Pairs holding at least one converted target. */
  convertedPairs: number;
  /** Pairs that would have been kept but break the loader (loader-safe only), by flag. */
  leftOut: LeftOut;
  /** The record had pairs to keep, but none was left (loader-safe only), or it has no questions. */
  droppedNoPairs: boolean;
}

const MASK_FORM: FlagId = "mask_form";

function isKept(decision: Decision | undefined, includePending: boolean): boolean {
  const status = decision?.status ?? "pending";
  return status === "accepted" || (status === "pending" && includePending);
}

function empty(droppedNoPairs = false): RecordExport {
  return { text: null, pairs: 0, convertedTargets: 0, convertedPairs: 0, leftOut: {}, droppedNoPairs };
}

/**
 * The fast path of an undecided record: decided from the stored flags alone, without parsing
 * `raw`. Null when the record needs the full path.
 */
export function untouchedRecordExport(raw: string, pairCount: number, flags: ReadonlyMap<number, readonly FlagId[]>, opts: ExportOptions): RecordExport | null {
  if (!opts.includePending) return empty();
  if ((opts.mode ?? "loader-safe") === "lossless") return { ...empty(), text: raw, pairs: pairCount };
  if (pairCount === 0) return empty(true);
  for (const f of flags.values()) if (f.includes(MASK_FORM) || acceptBlockers(f).length > 0) return null;
  // Belt and braces for flags computed by an older version: any list-valued counts or polygon
  // segmentation in the text (annotations included) sends the record down the full path.
  if (NON_COMPRESSED.test(raw)) return null;
  return { ...empty(), text: raw, pairs: pairCount };
}

const NON_COMPRESSED = /"(?:counts|segmentation)"\s*:\s*\[/;

/** The cleaned record's text (see the module comment); `decisions` is keyed by question index. */
export function exportRecordText(raw: string, decisions: ReadonlyMap<number, Decision>, opts: ExportOptions): RecordExport {
  const mode = opts.mode ?? "loader-safe";
  const record = JSON.parse(raw) as ImageRecord;
  const n = record.questions.length;
  if (decisions.size === 0 && opts.pairFlags) {
    const fast = untouchedRecordExport(raw, n, opts.pairFlags, opts);
    if (fast) return fast;
  }
  let candidates: number[] = [];
  for (let i = 0; i < n; i++) if (isKept(decisions.get(i), opts.includePending)) candidates.push(i);

  const leftOut: LeftOut = {};
  const kept0 = candidates.length;
  if (mode === "loader-safe") {
    const flagsOf = opts.pairFlags ? (i: number) => opts.pairFlags!.get(i) ?? [] : computedFlags(record, decisions);
    candidates = candidates.filter((i) => {
      const blocker = acceptBlockers(flagsOf(i))[0];
      if (blocker === undefined) return true;
      leftOut[blocker] = (leftOut[blocker] ?? 0) + 1;
      return false;
    });
    // "Dropped" when lossless would have written it (as the fast path counts): a record with
    // nothing accepted is not written in either mode.
    if (candidates.length === 0) return { ...empty(kept0 > 0 || (n === 0 && opts.includePending)), leftOut };
  } else if (candidates.length === 0 && !(n === 0 && opts.includePending)) {
    return empty();
  }

  const { height, width } = record;
  let match: TargetMatch | null = null;
  const matched = (): TargetMatch => (match ??= matchTargets(record.annotations, record.answers, height, width));
  const kept = candidates;
  const edited = kept.some((i) => normalizeEdits(decisions.get(i)?.edits) !== null);

  // What each kept pair writes as its targets: its own copies, or annotations picked by an edit.
  type Source = { kind: "copy"; pair: number; k: number } | { kind: "annotation"; index: number };
  const plans = kept.map((i) => {
    const edits = normalizeEdits(decisions.get(i)?.edits);
    let sources: Source[] = (record.answers[i] ?? []).map((_, k) => ({ kind: "copy", pair: i, k }));
    let objects: Annotation[] = record.answers[i] ?? [];
    let targetsChanged = false;
    if (edits?.targets) {
      const m = matched();
      const before = m.targets[i] ?? [];
      targetsChanged = edits.targets.length !== before.length || edits.targets.some((t, k) => t !== before[k]);
      if (targetsChanged) {
        const count = record.annotations.length;
        sources = edits.targets.map((t): Source => {
          if (t < count) return { kind: "annotation", index: t };
          const at = m.orphanAt[t - count];
          if (!at) throw new RangeError(`image ${record.image_id}, pair ${i}: target ${t} is no annotation`);
          return { kind: "copy", pair: at[0], k: at[1] };
        });
        objects = edits.targets.map((t) => (t < count ? record.annotations[t]! : m.orphans[t - count]!));
      }
    }
    const convert = mode === "loader-safe" ? objects.map((o) => segmentationForm(o.segmentation) !== "compressed") : objects.map(() => false);
    return { i, edits, sources, objects, targetsChanged, convert };
  });

  const anyConversion = plans.some((p) => p.convert.some(Boolean));
  const convertedTargets = plans.reduce((sum, p) => sum + p.convert.filter(Boolean).length, 0);
  const convertedPairs = plans.filter((p) => p.convert.some(Boolean)).length;
  const result = (text: string): RecordExport => ({ text, pairs: kept.length, convertedTargets, convertedPairs, leftOut, droppedNoPairs: false });
  if (kept.length === n && !edited && !anyConversion) return result(raw);

  // Splice the four pair arrays of the original text.
  const members = objectMembers(raw, rootSpan(raw));
  const spanOf = (key: string): Span | undefined => {
    let found: Span | undefined;
    for (const m of members) if (m.key === key) found = m.value; // JSON.parse keeps the last
    return found;
  };
  const itemsOf = (key: string): Span[] => {
    const span = spanOf(key);
    return span ? arrayItems(raw, span) : [];
  };
  const questionItems = itemsOf("questions");
  const answerItems = itemsOf("answers");
  const textItems = itemsOf("text_answers");
  const rawItems = itemsOf("raw_answers");
  const annotationItems = spanOf("annotations") ? itemsOf("annotations") : [];
  const copyItems = new Map<number, Span[]>();
  const copySpan = (pair: number, k: number): Span => {
    let items = copyItems.get(pair);
    if (!items) copyItems.set(pair, (items = answerItems[pair] ? arrayItems(raw, answerItems[pair]) : []));
    return items[k]!;
  };
  const slice = (span: Span | undefined): string | null => (span ? raw.slice(span.start, span.end) : null);

  const questions: string[] = [];
  const answers: string[] = [];
  const texts: string[] = [];
  const raws: string[] = [];
  for (const plan of plans) {
    const { i, edits } = plan;
    const q = edits?.question !== undefined ? JSON.stringify(edits.question) : slice(questionItems[i]);
    if (q !== null) questions.push(q);
    if (!plan.targetsChanged && !plan.convert.some(Boolean)) {
      const a = slice(answerItems[i]);
      if (a !== null) answers.push(a);
    } else {
      answers.push(
        arrayText(
          plan.sources.map((source, k) => {
            const span = source.kind === "copy" ? copySpan(source.pair, source.k) : annotationItems[source.index]!;
            const text = raw.slice(span.start, span.end);
            return plan.convert[k] ? withCompressedSegmentation(text, plan.objects[k]!, height, width) : text;
          }),
        ),
      );
    }
    const originalText = record.text_answers[i];
    const textAnswer = edits?.textAnswer ?? originalText;
    const t = edits?.textAnswer !== undefined ? JSON.stringify(edits.textAnswer) : slice(textItems[i]);
    if (t !== null) texts.push(t);
    if (record.raw_answers && rawItems[i]) {
      const rebuilt = editedRawAnswer(originalText, textAnswer, plan.targetsChanged, () => plan.objects.map((o) => o.bbox));
      raws.push(rebuilt !== null ? JSON.stringify(rebuilt) : slice(rawItems[i])!);
    }
  }

  const replacements: { span: Span; text: string }[] = [];
  const put = (key: string, items: string[]): void => {
    const span = spanOf(key);
    if (span) replacements.push({ span, text: arrayText(items) });
  };
  put("questions", questions);
  put("answers", answers);
  put("text_answers", texts);
  if (Array.isArray(record.raw_answers)) put("raw_answers", raws);
  return result(splice(raw, replacements));
}

/** A target copy's text with its segmentation replaced by the compressed RLE pycocotools reads. */
function withCompressedSegmentation(text: string, target: Annotation, height: number, width: number): string {
  const seg = target.segmentation;
  let size: [number, number];
  let counts: string;
  if (Array.isArray(seg)) {
    size = [height, width];
    counts = rleToString(polygonsToRle(seg, height, width));
  } else {
    size = [seg.size[0], seg.size[1]];
    counts = typeof seg.counts === "string" ? seg.counts : rleToString(Uint32Array.from(seg.counts));
  }
  const members = objectMembers(text, rootSpan(text));
  let span: Span | undefined;
  for (const m of members) if (m.key === "segmentation") span = m.value;
  if (!span) return text;
  return splice(text, [{ span, text: `{"size": [${size[0]}, ${size[1]}], "counts": ${JSON.stringify(counts)}}` }]);
}

/** Flags of each pair with its edits applied, computed from the record (no store at hand). */
function computedFlags(record: ImageRecord, decisions: ReadonlyMap<number, Decision>): (i: number) => readonly FlagId[] {
  const analysis = analyzeRecord(record);
  return (i) => {
    const edits = normalizeEdits(decisions.get(i)?.edits);
    if (!edits) return analysis.pairs[i]?.flags ?? [];
    return analyzePairWithEdits(analysis, i, edits).flags;
  };
}

/**
 * The cleaned record as a value, or null when it is left out: `exportRecordText` parsed back (for
 * tests and callers that want objects; numbers above 2^53 lose precision in the parse).
 */
export function exportRecord(record: ImageRecord, decisions: ReadonlyMap<number, Decision>, opts: ExportOptions): ImageRecord | null {
  const out = exportRecordText(JSON.stringify(record), decisions, opts);
  return out.text === null ? null : (JSON.parse(out.text) as ImageRecord);
}
