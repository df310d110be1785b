import { create } from "zustand";
import type { PairDetail } from "../../../../shared/api";
import { appendPlaceholder, removePlaceholder } from "./placeholders";

/** The edit in progress; nothing reaches the server until the curator accepts it. */
export interface EditDraft {
  pairId: string;
  question: string;
  textAnswer: string;
  /** Annotation indices in placeholder order. */
  targets: number[];
}

interface EditDraftState {
  draft: EditDraft | null;
  editStarted: (detail: PairDetail) => void;
  questionEdited: (question: string) => void;
  answerEdited: (textAnswer: string) => void;
  /** A mask or chip clicked in edit mode: a target leaves (with its placeholder) or joins. */
  targetToggled: (annotationIndex: number) => void;
  targetMoved: (from: number, to: number) => void;
  /** A target swapped for its object or one of its parts: same slot, same placeholder. */
  targetReplaced: (fromAnnotation: number, toAnnotation: number) => void;
  editClosed: () => void;
}

export const useEditDraftStore = create<EditDraftState>()((set, get) => {
  const update = (change: (draft: EditDraft) => Partial<EditDraft>) => {
    const { draft } = get();
    if (draft) set({ draft: { ...draft, ...change(draft) } });
  };
  return {
    draft: null,
    editStarted: (detail) =>
      set({
        draft: { pairId: detail.id, question: detail.question, textAnswer: detail.textAnswer, targets: [...detail.targets] },
      }),
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
    editClosed: () => set({ draft: null }),
  };
});
