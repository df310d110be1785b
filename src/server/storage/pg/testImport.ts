import { importSplit } from "../../import/importSplit";
import type { ReviewStore, SplitSource, ImportedImage, ImportResult } from "../store";
import { splitText, type TempDir } from "../../test-fixtures/splitFiles";

/*
 * For PostgreSQL tests until the importer speaks the async store contract: runs the real importer
 * (reading, analysis, hashing) against a recorder, and returns the split source and the images it
 * would have stored, ready to feed `PgStore.beginImport`.
 */
export async function analyseRecords(dir: TempDir, split: string, records: readonly unknown[]): Promise<{ source: SplitSource; images: ImportedImage[] }> {
  const file = dir.write(`${split}.json`, splitText(records));
  let source: SplitSource | undefined;
  const images: ImportedImage[] = [];
  const recorder = {
    getSplit: () => null,
    listSplits: () => [],
    beginImport(s: SplitSource) {
      source = s;
      return {
        addImage: (image: ImportedImage) => void images.push(image),
        commit: (): ImportResult => ({ split, images: images.length, pairs: 0, keptDecisions: 0, changedPairs: [] }),
        abort: () => undefined,
      };
    },
  } as unknown as ReviewStore;
  await importSplit(recorder, file, { workers: 0 });
  if (!source) throw new Error("the importer did not begin an import");
  return { source, images };
}
