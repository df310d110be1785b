import { create } from "zustand";
import { persist } from "zustand/middleware";
import type { PairDetail } from "../../../../shared/api";
import { appendPlaceholder, removePlaceholder } from "./placeholders";

/** What the pair read when the edit began: a draft is "changed" when it reads otherwise. */
export interface DraftBase {
  question: string;
  textAnswer: string;
  targets: number[];
}

/** The edit in progress; nothing reaches the server until the curator accepts it. */
export interface EditDraft {
  pairId: string;
  question: string;
  textAnswer: string;
  /** Annotation indices in placeholder order. */
  targets: number[];
  base: DraftBase;
  /** ISO time of the last change, shown when the draft is restored. */
  changedAt: string;
  /** Set when the draft was brought back from an earlier visit (or a reload). */
  restored?: boolean;
  /** The pair's decision version when the edit began: a restored draft says when it changed since. */
  baseVersion?: number;
}

const sameList = (a: readonly number[], b: readonly number[]) => a.length === b.length && a.every((v, i) => v === b[i]);

export function draftChanged(draft: EditDraft | null | undefined): boolean {
  if (!draft) return false;
  const { base } = draft;
  return draft.question !== base.question || draft.textAnswer !== base.textAnswer || !sameList(draft.targets, base.targets);
}

interface EditDraftState {
  /** The draft open in edit mode (of the pair on screen). */
  draft: EditDraft | null;
  /** Changed drafts by pair id, kept in localStorage: they survive j/k, queue clicks and reloads. */
  saved: Record<string, EditDraft>;
  editStarted: (detail: PairDetail) => void;
  /** Reopens a kept draft of this pair, marked as restored. */
  draftRestored: (pairId: string) => boolean;
  questionEdited: (question: string) => void;
  answerEdited: (textAnswer: string) => void;
  /** A mask or chip clicked in edit mode: a target leaves (with its placeholder) or joins. */
  targetToggled: (annotationIndex: number) => void;
  targetMoved: (from: number, to: number) => void;
  /** A target swapped for its object or one of its parts: same slot, same placeholder. */
  targetReplaced: (fromAnnotation: number, toAnnotation: number) => void;
  /** The pair on screen changes: a changed draft is kept for later, edit mode closes. */
  draftParked: () => void;
  /** The draft was saved (accepted) or discarded on purpose: it is gone for good. */
  editClosed: () => void;
}

/** At most this many kept drafts; the oldest go first (a curator keeps a handful, not hundreds). */
const maxSaved = 200;

function keep(saved: Record<string, EditDraft>, draft: EditDraft): Record<string, EditDraft> {
  const next = { ...saved };
  if (draftChanged(draft)) next[draft.pairId] = draft;
  else delete next[draft.pairId];
  const ids = Object.keys(next);
  if (ids.length > maxSaved) {
    ids.sort((a, b) => (next[a]!.changedAt < next[b]!.changedAt ? -1 : 1));
    for (const id of ids.slice(0, ids.length - maxSaved)) delete next[id];
  }
  return next;
}

const isNumbers = (v: unknown): v is number[] => Array.isArray(v) && v.every((n) => Number.isInteger(n));
const isSide = (v: unknown): v is DraftBase => {
  const o = v as Partial<DraftBase> | null;
  return !!o && typeof o.question === "string" && typeof o.textAnswer === "string" && isNumbers(o.targets);
};

function validDrafts(value: unknown): Record<string, EditDraft> {
  const out: Record<string, EditDraft> = {};
  if (!value || typeof value !== "object") return out;
  for (const [id, raw] of Object.entries(value as Record<string, unknown>)) {
    const d = raw as Partial<EditDraft> | null;
    if (d && d.pairId === id && typeof d.changedAt === "string" && isSide(d.base) && isSide(d)) out[id] = d as EditDraft;
  }
  return out;
}

export const useEditDraftStore = create<EditDraftState>()(
  persist(
    (set, get) => {
      const update = (change: (draft: EditDraft) => Partial<EditDraft>) => {
        const { draft, saved } = get();
        if (!draft) return;
        const next = { ...draft, ...change(draft), changedAt: new Date().toISOString() };
        set({ draft: next, saved: keep(saved, next) });
      };
      return {
        draft: null,
        saved: {},
        editStarted: (detail) => {
          const base = { question: detail.question, textAnswer: detail.textAnswer, targets: [...detail.targets] };
          const baseVersion = detail.decision?.version ?? 0;
          set({ draft: { pairId: detail.id, ...base, targets: [...base.targets], base, baseVersion, changedAt: new Date().toISOString() } });
        },
        draftRestored: (pairId) => {
          const kept = get().saved[pairId];
          if (!kept) return false;
          set({ draft: { ...kept, restored: true } });
          return true;
        },
        questionEdited: (question) => update(() => ({ question })),
        answerEdited: (textAnswer) => update(() => ({ textAnswer })),
        targetToggled: (annotationIndex) =>
          update((draft) => {
            const slot = draft.targets.indexOf(annotationIndex);
            if (slot >= 0) {
              return {
                targets: draft.targets.filter((_, i) => i !== slot),
                textAnswer: removePlaceholder(draft.textAnswer, slot),
              };
            }
            return { targets: [...draft.targets, annotationIndex], textAnswer: appendPlaceholder(draft.textAnswer) };
          }),
        targetMoved: (from, to) =>
          update((draft) => {
            if (to < 0 || to >= draft.targets.length) return {};
            const targets = [...draft.targets];
            const [moved] = targets.splice(from, 1);
            if (moved === undefined) return {};
            targets.splice(to, 0, moved);
            return { targets };
          }),
        targetReplaced: (fromAnnotation, toAnnotation) =>
          update((draft) => {
            if (draft.targets.includes(toAnnotation)) return {};
            return { targets: draft.targets.map((t) => (t === fromAnnotation ? toAnnotation : t)) };
          }),
        draftParked: () => {
          const { draft, saved } = get();
          set({ draft: null, saved: draft ? keep(saved, draft) : saved });
        },
        editClosed: () => {
          const { draft, saved } = get();
          if (!draft) return;
          const next = { ...saved };
          delete next[draft.pairId];
          set({ draft: null, saved: next });
        },
      };
    },
    {
      name: "mmr-review.edit-drafts",
      version: 1,
      // Only kept drafts go to storage; the open one is rebuilt from them on the next visit.
      partialize: (state) => ({ saved: state.saved }),
      // Storage is another program's to break: keep only entries that look like drafts.
      merge: (persisted, current) => ({ ...current, saved: validDrafts((persisted as { saved?: unknown } | null)?.saved) }),
    },
  ),
);

/** How many changed drafts wait in this browser (the open one included). */
export function selectDraftCount(state: EditDraftState): number {
  return Object.keys(state.saved).length;
}
