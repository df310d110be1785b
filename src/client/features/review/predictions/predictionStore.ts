import { create } from "zustand";
import type { PairPrediction } from "../../../../shared/predictionsApi";

/*
 * UI state of the model overlay: whether it is shown (`p`), which model, and the prediction of the
 * pair on screen (read by the chips and the pair panel). `painted` names the pair whose predicted
 * masks are on the canvas, so the canvas reports "ready" only once they are.
 */

export interface PredictionState {
  shown: boolean;
  /** The picked model; null: the first one the split has. */
  model: string | null;
  /** The pair on screen and the model's prediction for it (null: none for this pair). */
  current: { pairId: string; prediction: PairPrediction | null } | null;
  painted: string | null;
  /** The pair the review canvas shows. */
  onScreen: string | null;
}

export const usePredictionStore = create<PredictionState>()(() => ({ shown: false, model: null, current: null, painted: null, onScreen: null }));

const set = usePredictionStore.setState;

export function predictionsToggled(): void {
  set((s) => ({ shown: !s.shown }));
}

export function modelPicked(model: string): void {
  set({ model });
}

export function predictionLoaded(pairId: string, prediction: PairPrediction | null): void {
  set({ current: { pairId, prediction } });
}

export function pairShown(pairId: string): void {
  if (usePredictionStore.getState().onScreen !== pairId) set({ onScreen: pairId });
}

/** The prediction of the pair on screen, once loaded (null: no model, not loaded, or none for it). */
export function selectOnScreenPrediction(s: PredictionState): PairPrediction | null {
  return s.current !== null && s.current.pairId === s.onScreen ? s.current.prediction : null;
}

export function predictionsPainted(pairId: string | null): void {
  set({ painted: pairId });
}

/**
 * Whether the canvas of `pairId` may report ready as far as predictions go: always when the
 * overlay is off or no model is active; else once that pair's predictions are painted.
 */
export function predictionGateOpen(pairId: string): boolean {
  const s = usePredictionStore.getState();
  return !s.shown || s.painted === pairId || activeModel === null;
}

/** Set by the overlay: the model in use on this split (null when the split has none). */
let activeModel: string | null = null;
export function activeModelChanged(model: string | null): void {
  activeModel = model;
}
