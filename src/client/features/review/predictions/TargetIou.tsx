import { selectOnScreenPrediction, usePredictionStore } from "./predictionStore";
import "./predictions.css";

/* The model's IoU for one target slot (on its chip) and for the whole pair (in the panel). */

function usePrediction() {
  return usePredictionStore(selectOnScreenPrediction);
}

const pct = (v: number) => `${Math.round(v * 100)}`;

export function TargetIou({ slot }: { slot: number }) {
  const prediction = usePrediction();
  const iou = prediction?.targetIous[slot];
  if (!prediction || iou === undefined) return null;
  return (
    <span className={`pred-iou${iou !== null && iou < 0.5 ? " pred-iou--low" : ""}`} data-testid="target-iou" title={`Model ${prediction.model}: IoU of its mask for this target`}>
      {iou === null ? "–" : pct(iou)}
    </span>
  );
}

export function PairIou() {
  const prediction = usePrediction();
  if (!prediction) return null;
  return (
    <p className="pred-pair-iou" data-testid="pair-iou">
      Model {prediction.model}: pair IoU {prediction.iou === null ? "–" : pct(prediction.iou)}
      {prediction.importedIou !== null && prediction.importedIou !== prediction.iou ? ` (${pct(prediction.importedIou)} as imported)` : ""}
    </p>
  );
}
