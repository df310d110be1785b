import type pg from "pg";
import type { IouStatusRow, PredictionImport, PredictionList, PredictionListQuery, PredictionModel, PredictionPairRef, PredictionStore, StoredPrediction } from "../store";

/* Imported model predictions on PostgreSQL (skeleton). */
export class PgPredictions implements PredictionStore {
  constructor(readonly pool: pg.Pool) {}

  listModels(_split?: string): Promise<PredictionModel[]> {
    return Promise.reject(new Error("not implemented"));
  }
  removeModel(_split: string, _model: string): Promise<boolean> {
    return Promise.reject(new Error("not implemented"));
  }
  beginImport(_split: string, _model: string, _sourceFile: string, _importedAt: string): Promise<PredictionImport> {
    return Promise.reject(new Error("not implemented"));
  }
  findPair(_split: string, _imageId: number, _index: number): Promise<PredictionPairRef | null> {
    return Promise.reject(new Error("not implemented"));
  }
  imageRecord(_imagePk: number): Promise<{ raw: string; height: number; width: number } | null> {
    return Promise.reject(new Error("not implemented"));
  }
  get(_split: string, _model: string, _pairId: string): Promise<StoredPrediction | null> {
    return Promise.reject(new Error("not implemented"));
  }
  iouByStatus(_split: string, _model: string): Promise<IouStatusRow[]> {
    return Promise.reject(new Error("not implemented"));
  }
  listByIou(_query: PredictionListQuery): Promise<PredictionList> {
    return Promise.reject(new Error("not implemented"));
  }
}
