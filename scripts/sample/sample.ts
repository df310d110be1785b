import { buildScene, type BuiltScene } from "./build";
import { loadPacoCategories } from "./categories";
import { craftTable, diningRoom, homeOffice, kitchenCounter } from "./scenes-a";
import { breakfast, livingRoom, misalignedShelf, missingImage, pantry, parkScene, readingCorner, studyDesk, unsafePath, workshop } from "./scenes-b";

/** Draws every sample scene and builds its record, in file order. Pure: writes nothing. */
export function buildSample(): BuiltScene[] {
  const categories = loadPacoCategories();
  const scenes = [
    homeOffice,
    diningRoom,
    kitchenCounter,
    craftTable,
    livingRoom,
    parkScene,
    breakfast,
    studyDesk,
    workshop,
    readingCorner,
    missingImage,
    unsafePath,
    pantry,
    misalignedShelf,
  ].map((make) => make());
  return scenes.map((scene) => buildScene(scene, categories, scene.meta.imageId * 1000));
}

/** The split file's text: one record per line, so diffs of the committed sample stay readable. */
export function sampleJson(built: readonly BuiltScene[]): string {
  return `[\n${built.map((b) => JSON.stringify(b.record)).join(",\n")}\n]\n`;
}
