import { describe, expect, it } from "vitest";
import { instanceTree, nameInstances } from "./instances";
import type { InstanceInput } from "./instances";
import { maskFacts } from "./masks";
import { rectRle } from "./testRecord";

function item(categoryName: string, box: [number, number, number, number], ids: { id?: number; obj?: number } = {}): InstanceInput {
  const mask = maskFacts(rectRle(...box), 40, 60);
  return {
    categoryName,
    annId: ids.id ?? null,
    objAnnId: ids.obj ?? null,
    counts: mask.counts,
    size: mask.size,
    area: mask.area,
    bbox: box,
    maskBox: mask.maskBox,
  };
}

const names = (items: InstanceInput[], numbered?: number) => nameInstances(items, numbered).map((i) => i.instanceName);

describe("instance names", () => {
  it("numbers objects per category in annotation order", () => {
    const items = [item("chair", [0, 0, 10, 10]), item("mug", [20, 0, 5, 5]), item("chair", [30, 0, 10, 10])];
    expect(names(items)).toEqual(["chair_1", "mug_1", "chair_2"]);
  });

  it("puts a part under the object its mask overlaps most", () => {
    const items = [
      item("chair", [0, 0, 20, 20]),
      item("chair", [30, 0, 20, 20]),
      item("chair:leg", [28, 15, 4, 5]), // columns 30–31 lie on chair_2 only
      item("chair:back", [15, 0, 10, 5]), // columns 15–19 lie on chair_1 only
    ];
    const named = nameInstances(items);
    expect(named.map((n) => n.instanceName)).toEqual(["chair_1", "chair_2", "chair_2's leg", "chair_1's back"]);
    expect(named.map((n) => n.parent)).toEqual([null, null, 1, 0]);
  });

  it("breaks an overlap tie in favour of the smaller object, wherever it is listed", () => {
    const items = [item("table", [0, 0, 30, 30]), item("table", [10, 10, 10, 10]), item("table:top", [10, 10, 5, 5])];
    expect(names(items)[2]).toBe("table_2's top");
    // The smaller object first: neither "first wins" nor "last wins" would pass both orders.
    const smallFirst = [item("table", [10, 10, 10, 10]), item("table", [0, 0, 30, 30]), item("table:top", [10, 10, 5, 5])];
    expect(names(smallFirst)[2]).toBe("table_1's top");
  });

  it("breaks a tie of overlap and size in favour of the first object", () => {
    // Two 10×10 tables, each sharing 25 pixels with the 10×5 top that straddles them.
    const items = [item("table", [0, 0, 10, 10]), item("table", [10, 0, 10, 10]), item("table:top", [5, 0, 10, 5])];
    expect(names(items)[2]).toBe("table_1's top");
    const swapped = [item("table", [10, 0, 10, 10]), item("table", [0, 0, 10, 10]), item("table:top", [5, 0, 10, 5])];
    expect(names(swapped)[2]).toBe("table_1's top");
  });

  it("follows obj_ann_id over the masks", () => {
    const items = [
      item("chair", [0, 0, 20, 20], { id: 11 }),
      item("chair", [30, 0, 20, 20], { id: 12 }),
      item("chair:leg", [0, 0, 5, 5], { obj: 12 }),
      item("chair:seat", [0, 0, 5, 5], { obj: 99 }), // names no object: masks decide
    ];
    expect(names(items)).toEqual(["chair_1", "chair_2", "chair_2's leg", "chair_1's seat"]);
  });

  it("takes the nearest object when no mask overlaps, and names a part without any object by category", () => {
    const items = [item("mug", [0, 0, 5, 5]), item("mug", [50, 30, 5, 5]), item("mug:handle", [44, 30, 3, 3]), item("bottle:cap", [0, 0, 2, 2])];
    const named = nameInstances(items);
    expect(named.map((n) => n.instanceName)).toEqual(["mug_1", "mug_2", "mug_2's handle", "bottle's cap"]);
    expect(named[3]!.parent).toBeNull();
  });

  it("does not number entries past the record's annotations (orphan targets)", () => {
    const items = [item("chair", [0, 0, 20, 20]), item("chair", [30, 0, 20, 20]), item("chair:leg", [30, 0, 5, 5])];
    expect(names(items, 1)).toEqual(["chair_1", "chair", "chair_1's leg"]);
  });

  it("builds the object → parts tree", () => {
    const items = [item("chair", [0, 0, 20, 20]), item("chair:leg", [0, 0, 5, 5]), item("mug", [30, 0, 5, 5]), item("bottle:cap", [0, 0, 2, 2])];
    expect(instanceTree(nameInstances(items))).toEqual({
      objects: [
        { object: 0, parts: [1] },
        { object: 2, parts: [] },
      ],
      looseParts: [3],
    });
  });
});
