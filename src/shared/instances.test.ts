import { describe, expect, it } from "vitest";
import { instanceTree, nameInstances } from "./instances";
import type { InstanceInput } from "./instances";
import { maskFacts } from "./masks";
import { setRleLimits, withRleBudget } from "./rleLimits";
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

  it("lists the other objects a part's mask overlaps, and none when it overlaps one", () => {
    const items = [
      item("chair", [0, 0, 20, 20]),
      item("chair", [15, 0, 20, 20]),
      item("chair", [40, 0, 10, 10]),
      item("chair:back", [10, 0, 10, 5]), // 50 pixels on chair_1, 25 on chair_2, none on chair_3
      item("chair:leg", [40, 0, 2, 2]), // on chair_3 only
    ];
    const named = nameInstances(items);
    expect(named[3]).toEqual({ kind: "part", instanceName: "chair_1's back", parent: 0, otherOwners: [1] });
    expect(named[4]).toEqual({ kind: "part", instanceName: "chair_3's leg", parent: 2 });
  });

  it("takes a later object that overlaps more, and not a later smaller one that overlaps less", () => {
    // 25 pixels on chair_1, 50 on chair_2 (listed second).
    const later = [item("chair", [0, 0, 20, 20]), item("chair", [15, 0, 20, 20]), item("chair:back", [15, 0, 10, 5])];
    expect(nameInstances(later)[2]).toEqual({ kind: "part", instanceName: "chair_2's back", parent: 1, otherOwners: [0] });
    // 75 pixels on chair_1 (400 pixels), 25 on the smaller chair_2 (100 pixels).
    const smaller = [item("chair", [0, 0, 20, 20]), item("chair", [15, 0, 10, 10]), item("chair:back", [5, 0, 15, 5])];
    expect(names(smaller)[2]).toBe("chair_1's back");
  });

  it("gives a part with one candidate, none or a nearest one no other owners", () => {
    const one = [item("chair", [0, 0, 5, 5]), item("chair:leg", [30, 30, 2, 2])];
    expect(nameInstances(one)[1]).toEqual({ kind: "part", instanceName: "chair_1's leg", parent: 0 });
    expect(nameInstances([item("chair:leg", [30, 30, 2, 2])])[0]).toEqual({ kind: "part", instanceName: "chair's leg", parent: null });
    const nearest = [item("chair", [0, 0, 5, 5]), item("chair", [50, 30, 5, 5]), item("chair:leg", [30, 30, 2, 2])];
    expect(nameInstances(nearest)[2]).toEqual({ kind: "part", instanceName: "chair_2's leg", parent: 1 });
  });

  it("measures the distance to box centres in both directions", () => {
    // Centres at y = 10 (tall chair_1) and y = 25 (flat chair_2), the same x; the leg's centre at y = 17 or 18.
    const chairs = [item("chair", [0, 0, 4, 20]), item("chair", [0, 24, 4, 2])];
    expect(names([...chairs, item("chair:leg", [10, 16, 4, 2])])[2]).toBe("chair_1's leg");
    expect(names([...chairs, item("chair:leg", [10, 17, 4, 2])])[2]).toBe("chair_2's leg");
  });

  it("places a part by box centre once the record's overlap allowance is spent", () => {
    // The leg's pixels lie on chair_2, its box centre nearer chair_1 (see above).
    const items = [item("chair", [0, 0, 10, 10]), item("chair", [12, 0, 30, 30]), item("chair:leg", [10, 0, 4, 4])];
    const units = items[1]!.counts!.length + items[2]!.counts!.length;
    const before = setRleLimits({ overlapWorkPerRecord: units });
    try {
      expect(withRleBudget(() => names(items))[2]).toBe("chair_2's leg"); // exactly enough
      setRleLimits({ overlapWorkPerRecord: units - 1 });
      expect(withRleBudget(() => names(items))[2]).toBe("chair_1's leg");
    } finally {
      setRleLimits(before);
    }
  });

  it("takes the nearest object by box centre when masks cannot be compared, ties to the first", () => {
    // The leg's pixels lie on chair_2 (columns 12–13), but its box centre (12, 2) is nearer chair_1's (5, 5).
    const chairs = [item("chair", [0, 0, 10, 10]), item("chair", [12, 0, 30, 30])];
    expect(names([...chairs, item("chair:leg", [10, 0, 4, 4])])[2]).toBe("chair_2's leg");
    // A 20×30 mask whose run positions would fall on chair_2's (column 25 × 20 = column 12 × 40 + 20).
    const otherMask = maskFacts(rectRle(25, 0, 1, 4, 20, 30), 20, 30);
    const otherSize = { ...item("chair:leg", [10, 0, 4, 4]), counts: otherMask.counts, size: otherMask.size };
    expect(names([...chairs, otherSize])[2]).toBe("chair_1's leg");
    const otherWidth = maskFacts(rectRle(12, 0, 2, 4, 40, 61), 40, 61);
    expect(names([...chairs, { ...item("chair:leg", [10, 0, 4, 4]), counts: otherWidth.counts, size: otherWidth.size }])[2]).toBe("chair_1's leg");
    expect(names([...chairs, { ...item("chair:leg", [10, 0, 4, 4]), counts: null }])[2]).toBe("chair_1's leg");
    const unreadableChair = { ...chairs[1]!, counts: null };
    expect(names([chairs[0]!, unreadableChair, item("chair:leg", [10, 0, 4, 4])])[2]).toBe("chair_1's leg");
    // Equally far (10 pixels) from both mugs: the first listed.
    const mugs = [item("mug", [0, 0, 4, 4]), item("mug", [20, 0, 4, 4])];
    expect(names([...mugs, item("mug:handle", [10, 0, 4, 4])])[2]).toBe("mug_1's handle");
    expect(names([...mugs, item("mug:handle", [11, 0, 4, 4])])[2]).toBe("mug_2's handle");
  });

  it("compares masks even when their boxes are not given", () => {
    const chairs = [item("chair", [0, 0, 10, 10]), { ...item("chair", [12, 0, 30, 30]), maskBox: undefined }];
    expect(names([...chairs, item("chair:leg", [10, 0, 4, 4])])[2]).toBe("chair_2's leg");
    const bare = { ...item("chair:leg", [10, 0, 4, 4]), maskBox: undefined };
    expect(names([...chairs.map((c) => ({ ...c, maskBox: undefined })), bare])[2]).toBe("chair_2's leg");
  });

  it("follows obj_ann_id only to an object of the part's category", () => {
    const items = [
      item("chair", [0, 0, 20, 20], { id: 11 }),
      item("chair", [30, 0, 20, 20], { id: 12 }),
      item("table", [30, 0, 20, 20], { id: 13 }),
      item("chair:leg", [30, 0, 5, 5], { obj: 13 }), // the table: masks decide
      item("chair:seat", [30, 0, 5, 5], { obj: 11 }), // chair_1, though its mask lies on chair_2
    ];
    expect(names(items).slice(3)).toEqual(["chair_2's leg", "chair_1's seat"]);
    expect(nameInstances(items)[4]).toEqual({ kind: "part", instanceName: "chair_1's seat", parent: 0 });
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
