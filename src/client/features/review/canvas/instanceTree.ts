import type { AnnotationView } from "../../../../shared/api";

/* The image's instances as the panel lists them: objects with their parts, then loose parts. */

export interface ObjectNode {
  object: AnnotationView;
  parts: AnnotationView[];
}

export interface PanelTree {
  objects: ObjectNode[];
  /** Parts whose object was not found (SPEC 3: `chair's leg`). */
  loose: AnnotationView[];
}

export function panelTree(annotations: readonly AnnotationView[]): PanelTree {
  const byIndex = new Map<number, ObjectNode>();
  const objects: ObjectNode[] = [];
  for (const a of annotations) {
    if (a.kind !== "object") continue;
    const node = { object: a, parts: [] };
    byIndex.set(a.index, node);
    objects.push(node);
  }
  const loose: AnnotationView[] = [];
  for (const a of annotations) {
    if (a.kind !== "part") continue;
    const node = a.parent === null ? undefined : byIndex.get(a.parent);
    if (node) node.parts.push(a);
    else loose.push(a);
  }
  return { objects, loose };
}

/** Placeholder positions (0-based) of each annotation in the target list. */
export function targetPositions(targets: readonly number[]): Map<number, number[]> {
  const map = new Map<number, number[]>();
  targets.forEach((index, k) => {
    const list = map.get(index);
    if (list) list.push(k);
    else map.set(index, [k]);
  });
  return map;
}
