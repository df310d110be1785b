import { cabinet, park, pegboard, pictureFrame, rug, windowPane } from "./backdrops";
import { bottle, bowl, hammer, laptop, mouse, mug, plate, screwdriver, spoon, wrench } from "./painters-desk";
import { ball, bench, book, chair, dog, lamp, table, television, wallAndFloor } from "./painters-home";
import { Scene } from "./scene";

/* Sample scenes 5–10, and the two records whose image is planted as missing or unsafe. */

const file = (n: number): string => `val2017/${String(n).padStart(12, "0")}.png`;

export function livingRoom(): Scene {
  const scene = new Scene({ title: "Living room with a dog", imageId: 105, fileName: file(105), writeImage: true });
  wallAndFloor(scene, [214, 206, 230], [126, 104, 92], 300);
  windowPane(scene, 470, 50, 130, 120);
  cabinet(scene, 230, 330, 300, 70, [150, 110, 80]);
  const tv = television(scene, 230, 262, 0.95);
  rug(scene, 330, 420, 250, 45, [196, 96, 84]);
  const light = lamp(scene, 540, 330, 1.0, [250, 224, 150]);
  const pet = dog(scene, 330, 440, 0.95, [200, 150, 96]);

  scene.pair({ question: "Where would the family watch the evening news?", answer: `On [[${tv}]].` });
  scene.pair({
    question: "What would I press to switch on the set without the remote?",
    answer: `Press [[${tv}'s button]].`,
  });
  scene.pair({ question: "Which part of the pet would wag when it is happy?", answer: `[[${pet}'s tail]] would wag.` });
  scene.pair({
    question: "Where would I pat the animal to greet it, and how would it hear me call?",
    answer: `Pat [[${pet}'s head]]; it hears you through [[${pet}'s ear]].`,
  });
  scene.pair({
    question: "What brightens the corner where the pet likes to nap, and what keeps it upright?",
    answer: `[[${light}]] brightens the corner; [[${light}'s base]] and [[${light}'s pipe]] keep it upright.`,
  });
  scene.pair({
    question: "Which part of the dog is its tail?",
    answer: `[[${pet}'s tail]].`,
    plant: "explicit",
    note: "the question names its own answer (tail)",
  });
  return scene;
}

export function parkScene(): Scene {
  const scene = new Scene({ title: "Two dogs in the park", imageId: 106, fileName: file(106), writeImage: true });
  park(scene, 250);
  const seat = bench(scene, 170, 330, 1.0);
  const brown = dog(scene, 400, 420, 1.0, [150, 100, 60], -1);
  const white = dog(scene, 170, 460, 0.8, [236, 226, 210], 1);
  const toy = ball(scene, 560, 450, 22);

  scene.pair({ question: "Where could a tired walker sit down for a rest?", answer: `On [[${seat}'s seat]].` });
  scene.pair({ question: "What are the animals in this picture?", answer: `[[${brown}]] and [[${white}]].` });
  scene.pair({ question: "What toy could be thrown for the animals to fetch?", answer: `[[${toy}]] could be thrown.` });
  scene.pair({
    question: "Which parts of the two animals touch the ground?",
    answer: `[[${brown}'s leg]] and [[${white}'s leg]].`,
  });
  scene.pair({
    question: "What would a walker lean on while watching the animals play, and who is playing?",
    answer: `[[${seat}'s back]], while watching [[${brown}]], [[${white}]] and [[${toy}]].`,
  });
  scene.pair({
    question: "Is there anything here to shelter from the rain?",
    answer: "No, there is nothing in this picture that would keep you dry.",
    plant: "no_targets",
    note: "the answer has no target at all",
  });
  return scene;
}

export function breakfast(): Scene {
  const scene = new Scene({ title: "Breakfast table", imageId: 107, fileName: file(107), writeImage: true });
  wallAndFloor(scene, [250, 236, 214], [206, 170, 120], 220);
  windowPane(scene, 230, 30, 180, 130);
  scene.paint([[0, 250], [640, 250], [640, 480], [0, 480]], [236, 240, 244]);
  scene.paint([[0, 250], [640, 250], [640, 262], [0, 262]], [214, 220, 228]);
  const toast = plate(scene, 320, 400, 1.3);
  const cereal = bowl(scene, 150, 390, 0.9, [240, 200, 90]);
  const spoonful = spoon(scene, 180, 440, 0.9);
  const red = mug(scene, 470, 360, 0.8, [210, 60, 60]);
  const blue = mug(scene, 560, 420, 0.9, [70, 110, 190], { handleForm: "uncompressed" });

  scene.pair({
    question: "Where would I hook a finger to lift each hot drink?",
    answer: `Through [[${red}'s handle]] or [[${blue}'s handle]].`,
    plant: "mask_form",
    note: "mug_2's handle is uncompressed RLE counts, which pycocotools' decode raises on: the default export converts them",
  });
  scene.pair({
    question: "What could I eat cereal from, and what would I scoop it with?",
    answer: `From [[${cereal}]], with [[${spoonful}]].`,
  });
  scene.pair({ question: "Which part of the utensil goes into my mouth?", answer: `[[${spoonful}'s bowl]].` });
  scene.pair({ question: "Where would I put the toast?", answer: `On [[${toast}]].` });
  scene.pair({
    question: "My friend typed <img src=x onerror=alert(1)> in the chat; what here could I sip from while I reply?",
    answer: `Sip from [[${red}]] or [[${blue}]].`,
    note: "clean, but the question carries HTML that must be shown as text (XSS test)",
  });
  scene.pair({
    question: "What do my lips touch when drinking from the blue vessel, and which dish holds the toast?",
    answer: `[[${blue}'s rim]], and [[${toast}]].`,
  });
  return scene;
}

export function studyDesk(): Scene {
  const scene = new Scene({ title: "Shared study desk with two laptops", imageId: 108, fileName: file(108), writeImage: true });
  wallAndFloor(scene, [200, 214, 200], [110, 92, 80], 380);
  pictureFrame(scene, 250, 30, 150, 80, [230, 200, 120]);
  const desk = table(scene, 320, 478, 620, 140, [120, 86, 60]);
  const light = lamp(scene, 590, 330, 0.9, [120, 180, 170]);
  const left = laptop(scene, 170, 326, 0.85, [150, 150, 160]);
  const right = laptop(scene, 410, 326, 0.85, [90, 96, 110]);
  const pointer = mouse(scene, 300, 318, 0.5);
  const novel = book(scene, 540, 330, 0.6, [90, 140, 90]);

  scene.pair({
    question: "Which displays could two people watch a film on?",
    answer: `[[${left}'s screen]] and [[${right}'s screen]].`,
  });
  scene.pair({
    question: "Name everything two coworkers would type on, point with and look at here.",
    answer:
      `They would type on [[${left}'s keyboard]] and [[${right}'s keyboard]], point with [[${left}'s touchpad]], ` +
      `[[${right}'s touchpad]] and [[${pointer}]], and look at [[${left}'s screen]] and [[${right}'s screen]], ` +
      `all resting on [[${desk}'s top]] under [[${light}]].`,
  });
  scene.pair({ question: "Which of the two computers sits on the right?", answer: `[[${right}]].` });
  scene.pair({
    question: "What would help me read late at night here, and which part aims the light?",
    answer: `[[${light}]], aimed with [[${light}'s shade]].`,
  });
  scene.pair({ question: "What would I open to look up a word?", answer: `[[${novel}]].` });
  return scene;
}

export function workshop(): Scene {
  const scene = new Scene({ title: "Workshop pegboard", imageId: 109, fileName: file(109), writeImage: true });
  pegboard(scene);
  const mallet = hammer(scene, 110, 120, 1.3);
  const small = wrench(scene, 330, 110, 1.0, 0.05);
  const large = wrench(scene, 350, 220, 1.3, -0.05);
  const yellow = screwdriver(scene, 260, 340, 1.3, [240, 196, 40]);
  const green = screwdriver(scene, 260, 420, 1.1, [70, 160, 90]);

  scene.pair({ question: "What would I use to drive a nail into a plank?", answer: `[[${mallet}]].` });
  scene.pair({ question: "Where should my hand wrap around the striking tool?", answer: `Around [[${mallet}'s grip]].` });
  scene.pair({ question: "What would tighten a loose bolt?", answer: `[[${small}]] or [[${large}]].` });
  scene.pair({ question: "Which parts actually go into the screw heads?", answer: `[[${yellow}'s tip]] and [[${green}'s tip]].` });
  scene.pair({
    question: "Which yellow tool reaches into tight spots, and what part of it goes in first?",
    answer: `[[${yellow}]] reaches in, [[${yellow}'s shank]] first.`,
  });
  return scene;
}

export function readingCorner(): Scene {
  const scene = new Scene({ title: "Reading corner", imageId: 110, fileName: file(110), writeImage: true });
  wallAndFloor(scene, [236, 214, 206], [150, 120, 100], 320);
  windowPane(scene, 60, 50, 140, 160);
  rug(scene, 320, 430, 260, 40, [90, 130, 150]);
  const light = lamp(scene, 110, 440, 1.4, [244, 210, 120]);
  const seat = chair(scene, 300, 450, 1.15, [96, 140, 110]);
  const side = table(scene, 500, 440, 170, 110, [170, 120, 80], { objAnnId: true });
  const story = book(scene, 470, 292, 0.6, [170, 60, 90]);
  const tea = mug(scene, 540, 302, 0.5, [240, 240, 236]);

  scene.pair({
    question: "Where could I sit to read in the evening, and what would give me light?",
    answer: `On [[${seat}'s seat]], next to [[${light}]].`,
  });
  scene.pair({ question: "What would I turn on to see the pages?", answer: `[[${light}]].` });
  scene.pair({ question: "Which parts keep the small side table standing?", answer: `[[${side}'s leg]].` });
  scene.pair({ question: "What would I pick up to continue the story?", answer: `[[${story}]].` });
  scene.pair({ question: "What would hold my tea while I read?", answer: `[[${tea}]] would.` });
  return scene;
}

/** A drawn still life whose image is deliberately not written: `missing_image`. */
export function missingImage(): Scene {
  const scene = new Scene({ title: "Still life (image file missing)", imageId: 111, fileName: file(111), writeImage: false });
  wallAndFloor(scene, [220, 220, 220], [180, 180, 180], 300);
  mug(scene, 260, 380, 1.0, [90, 160, 200]);
  bottle(scene, 400, 380, 1.0, [80, 120, 80], [250, 250, 250]);
  scene.pair({
    question: "What could I drink hot coffee from?",
    answer: "From [[mug_1]].",
    plant: "missing_image",
    note: "the record's file_name does not exist in sample/images",
  });
  return scene;
}

/** A record whose file_name climbs out of the images folder: `unsafe_path`. */
export function unsafePath(): Scene {
  const scene = new Scene({ title: "Unsafe file name", imageId: 112, fileName: "../../etc/passwd", writeImage: false });
  wallAndFloor(scene, [220, 220, 220], [180, 180, 180], 300);
  bottle(scene, 320, 380, 1.2, [80, 120, 160], [250, 250, 250]);
  scene.pair({
    question: "What could hold a few flowers?",
    answer: "[[bottle_1]] could.",
    plant: "unsafe_path",
    note: "file_name is ../../etc/passwd; there is no image",
  });
  return scene;
}

/** Pairs planted for the checks of what the official loader reads (LOADER.md). */
export function pantry(): Scene {
  const scene = new Scene({ title: "Pantry shelf", imageId: 113, fileName: file(113), writeImage: true });
  wallAndFloor(scene, [236, 228, 210], [170, 140, 110], 330);
  const oil = bottle(scene, 200, 390, 1.1, [200, 170, 60], [250, 246, 230]);
  const juice = bottle(scene, 430, 395, 1.0, [230, 120, 40], [240, 240, 246]);
  const cup = mug(scene, 320, 420, 0.7, [120, 90, 160]);

  scene.pair({ question: "Which containers hold something to pour?", answer: `[[${oil}]] and [[${juice}]].` });
  scene.pair({
    question: "What would I open to pour the cooking oil?",
    answer: `Twist off [[${oil}'s cap]].`,
    editText: (t) => t.replace(/\.$/, " [SEG]."),
    plant: "seg_token",
    note: "the text answer holds a literal [SEG]: one token more than targets",
  });
  scene.pair({
    question: "What could I warm my hands on?",
    answer: `[[${cup}]].`,
    editText: () => "",
    plant: "empty_answer",
    alsoFlags: ["seg_count"],
    note: "the text answer is empty (so it also has no placeholder for its target)",
  });
  scene.pair({
    question: "Which lid keeps the orange drink fresh?",
    answer: `[[${juice}'s cap]] does.`,
    editText: (t) => t.replace(`${juice}'s cap {seg}`, `${oil}'s cap {seg}`),
    plant: "name_mismatch",
    note: "the text answer calls the target bottle_1's cap; the target is bottle_2's cap",
  });
  scene.pair({
    question: "Where would I read what the yellow drink is made of?",
    answer: `On [[${oil}'s label]].`,
    copy: { target: 0, segmentation: (annotations) => annotations.get(`${juice}'s label`)!.segmentation },
    plant: "target_copy",
    note: "the answer's copy of bottle_1's label carries bottle_2's label's mask: training would use that",
  });
  scene.pair({
    question: "What part of the mug do I hold?",
    answer: `[[${cup}'s handle]].`,
    copy: {
      target: 0,
      segmentation: (annotations) => {
        const seg = annotations.get(`${cup}'s handle`)!.segmentation as { size: [number, number]; counts: string };
        return { size: seg.size, counts: seg.counts.slice(0, -2) };
      },
    },
    plant: "bad_rle",
    alsoFlags: ["target_copy"],
    note: "the answer's copy of the handle has a truncated counts string (its counts no longer add up to height × width)",
  });
  return scene;
}

/** A record whose arrays differ in length: every pair is `misaligned`. */
export function misalignedShelf(): Scene {
  const scene = new Scene({ title: "Shelf with a lost raw answer", imageId: 114, fileName: file(114), writeImage: true, dropLastRawAnswer: true });
  wallAndFloor(scene, [214, 226, 236], [150, 150, 160], 330);
  const water = bottle(scene, 250, 390, 1.1, [90, 150, 210], [250, 250, 250]);
  const cup = mug(scene, 420, 420, 0.8, [200, 80, 80]);
  scene.pair({
    question: "What could I fill a glass from?",
    answer: `[[${water}]].`,
    plant: "misaligned",
    note: "raw_answers has one entry fewer than questions",
  });
  scene.pair({
    question: "What would keep my coffee warm at the desk?",
    answer: `[[${cup}]].`,
    plant: "misaligned",
    note: "raw_answers has one entry fewer than questions",
  });
  return scene;
}
