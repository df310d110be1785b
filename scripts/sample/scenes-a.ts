import { counter, pictureFrame, tiledWall, windowPane } from "./backdrops";
import { bottle, bowl, knife, laptop, mouse, mug, plate, scissors } from "./painters-desk";
import { book, chair, table, wallAndFloor } from "./painters-home";
import { ellipse, rect, roundRect } from "./raster";
import { Scene } from "./scene";

/* Sample scenes 1–4: home office, dining room, kitchen counter, craft table. */

const file = (n: number): string => `val2017/${String(n).padStart(12, "0")}.png`;

const dropLastSeg = (text: string): string => {
  const at = text.lastIndexOf(" {seg}");
  return text.slice(0, at) + text.slice(at + " {seg}".length);
};

export function homeOffice(): Scene {
  const scene = new Scene({
    title: "Home office desk",
    imageId: 101,
    fileName: file(101),
    writeImage: true,
    extra: { curation_note: "unknown record field, kept on export" },
  });
  wallAndFloor(scene, [206, 220, 232], [150, 116, 88], 360);
  windowPane(scene, 40, 40, 150, 110);
  pictureFrame(scene, 470, 50, 120, 90, [120, 170, 210]);
  const desk = table(scene, 320, 470, 580, 150, [176, 124, 80]);
  const computer = laptop(scene, 250, 310, 1.0);
  scene.item(computer).extra = { attributes: { color: "silver", material: "aluminium" } };
  const pointer = mouse(scene, 446, 304, 0.6);
  const cup = mug(scene, 545, 312, 0.75, [232, 128, 56]);
  const top = `${desk}'s top`;

  scene.pair({
    question: "If I want to type a report, which parts of the laptop would I use?",
    answer: `You would type on [[${computer}'s keyboard]] and move the pointer with [[${computer}'s touchpad]].`,
  });
  scene.pair({
    question: "Where would I look to read the document I am writing?",
    answer: `You would read it on [[${computer}'s screen]].`,
  });
  scene.pair({
    question: "Which things on this desk would I click and scroll with while browsing?",
    answer: `You would press [[${pointer}'s left_button]] and [[${pointer}'s right_button]] and roll [[${pointer}'s scroll_wheel]].`,
  });
  scene.pair({
    question: "I need a hot drink while I work; what should I grab, and where do I hold it?",
    answer: `Grab [[${cup}]] by [[${cup}'s handle]].`,
  });
  scene.pair({
    question: "What here would I use to set up a comfortable workspace for a long writing session?",
    answer: `[[${top}]] holds everything, [[${computer}]] runs the editor, [[${pointer}]] moves the pointer and [[${cup}]] keeps the coffee close.`,
  });
  scene.pair({
    question: "Which parts of the computer would I touch to write an email?",
    answer: `You would use [[${computer}'s keyboard]] and [[${computer}'s touchpad]].`,
    editText: dropLastSeg,
    plant: "seg_count",
    note: "the text answer lost its second {seg}: 1 placeholder for 2 targets",
  });
  return scene;
}

export function diningRoom(): Scene {
  const scene = new Scene({ title: "Dining room with four chairs", imageId: 102, fileName: file(102), writeImage: true });
  wallAndFloor(scene, [238, 222, 196], [170, 128, 92], 250);
  pictureFrame(scene, 250, 40, 140, 100, [214, 160, 120]);
  // The two far chairs stand behind the table, which hides the stretcher of the left one.
  const far1 = chair(scene, 250, 352, 0.8, [150, 96, 60], { stretcher: true });
  const far2 = chair(scene, 390, 352, 0.8, [150, 96, 60], { objAnnId: true });
  const desk = table(scene, 320, 430, 340, 110, [196, 146, 96], { objAnnId: true });
  const near1 = chair(scene, 95, 455, 1.0, [126, 80, 50]);
  const near2 = chair(scene, 545, 455, 1.0, [126, 80, 50], { objAnnId: true });
  // Instance numbers follow annotation order: far chairs are chair_1 and chair_2.
  const chairs = [far1, far2, near1, near2];

  scene.pair({
    question: "Where could four dinner guests sit down and rest against something while they eat?",
    answer:
      `They would sit on ${chairs.map((c) => `[[${c}'s seat]]`).join(", ")}, ` +
      `leaning on ${chairs.map((c) => `[[${c}'s back]]`).join(", ")}.`,
  });
  scene.pair({ question: "Where would the plates and dishes go during dinner?", answer: `On [[${desk}'s top]].` });
  scene.pair({
    question: "Which pieces of furniture here are meant for sitting?",
    answer: `${chairs.map((c) => `[[${c}]]`).join(", ")}.`,
  });
  scene.pair({
    question: "What keeps the dining surface up off the floor, and what would you pull out to join the meal?",
    answer: `[[${desk}'s leg]] holds it up, and you would pull out [[${near1}]].`,
  });
  scene.pair({
    question: "which pieces of furniture here are meant for SITTING??",
    answer: `${chairs.map((c) => `[[${c}]]`).join(", ")}.`,
    plant: "duplicate",
    note: "repeats pair 2 with other case and punctuation",
  });
  scene.pair({
    question: "What joins the legs of the chair on the left behind the table?",
    answer: `[[${far1}'s stretcher]], which the table hides completely.`,
    plant: "empty_mask",
    note: "the target is fully occluded: its mask has no pixels",
  });
  return scene;
}

export function kitchenCounter(): Scene {
  const scene = new Scene({ title: "Kitchen counter", imageId: 103, fileName: file(103), writeImage: true });
  tiledWall(scene, 330, [228, 236, 238]);
  counter(scene, 330, [120, 130, 146]);
  scene.paint(roundRect(330, 380, 230, 70, 10), [214, 170, 116], [160, 120, 80]);
  const green = bottle(scene, 90, 356, 1.0, [70, 150, 96], [246, 232, 196]);
  const brown = bottle(scene, 175, 360, 0.85, [130, 84, 44], [240, 240, 246]);
  const soup = bowl(scene, 270, 372, 0.8, [90, 140, 200]);
  scene.paint(ellipse(352, 398, 14, 12), [226, 70, 56]);
  scene.paint(ellipse(376, 400, 12, 10), [236, 120, 60]);
  const blade = knife(scene, 385, 422, 0.8, -0.12);
  const dish = plate(scene, 578, 420, 0.85);

  scene.pair({
    question: "Which parts would I twist off to open the drinks?",
    answer: `Twist off [[${green}'s cap]] and [[${brown}'s cap]].`,
  });
  scene.pair({
    question: "Where would I look to find out what is inside each drink?",
    answer: `Read [[${green}'s label]] and [[${brown}'s label]].`,
  });
  scene.pair({
    question: "What should I use to slice the vegetables, and where do I grip it safely?",
    answer: `Use [[${blade}]], holding it by [[${blade}'s handle]] and keeping your fingers away from [[${blade}'s blade]].`,
    plant: "mask_form",
    note: "the knife and its blade are polygons, which pycocotools' decode raises on: the default export converts them",
  });
  scene.pair({ question: "Which container would hold a serving of soup?", answer: `[[${soup}]] would hold the soup.` });
  scene.pair({
    question: "Where would the sliced food be served?",
    answer: `On [[${dish}]].`,
    wrongBox: { target: 0, box: [8, 12, 60, 44] },
    plant: "box_mismatch",
    note: "the raw answer's box points at the top-left corner, not at the plate",
  });
  scene.pair({
    question: "What could I pour a cold drink from?",
    answer: `From [[${green}]] or [[${brown}]].`,
    editText: (t) => t.replace(/\.$/, " {cold}."),
    plant: "braces",
    note: "the text answer holds a stray {cold} that Python's format() would choke on",
  });
  return scene;
}

export function craftTable(): Scene {
  const scene = new Scene({ title: "Craft table from above", imageId: 104, fileName: file(104), writeImage: true });
  scene.paint(rect(0, 0, 640, 480), [222, 196, 160]);
  for (let y = 40; y < 480; y += 80) scene.paint(rect(0, y, 640, 3), [206, 178, 140]);
  scene.paint(rect(60, 250, 220, 170), [252, 252, 248], [200, 200, 196]);
  scene.paint(rect(90, 280, 150, 6), [200, 210, 230]);
  scene.paint(rect(90, 300, 120, 6), [200, 210, 230]);
  const cutter = scissors(scene, 190, 160, 1.0, [230, 70, 80]);
  const blue = book(scene, 450, 150, 1.4, [60, 96, 170]);
  const red = book(scene, 470, 340, 1.5, [196, 60, 60]);

  scene.pair({ question: "Which parts would cut through a sheet of paper?", answer: `[[${cutter}'s blade]] does the cutting.` });
  scene.pair({
    question: "Where do my fingers go to operate the cutting tool?",
    answer: `Into the loops of [[${cutter}'s handle]].`,
  });
  scene.pair({ question: "What could I read while taking a break from crafting?", answer: `[[${blue}]] or [[${red}]].` });
  scene.pair({
    question: "What would I open to find the first chapter of the red one, and what protects it?",
    answer: `Open [[${red}]]; [[${red}'s cover]] protects [[${red}'s page]].`,
  });
  scene.pair({ question: "Which small piece lets the two sides of the cutting tool pivot?", answer: `[[${cutter}'s screw]].` });
  return scene;
}
