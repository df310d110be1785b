import { describe, expect, it } from "vitest";
import { checkExplicit, explicitNames } from "./explicit";

describe("explicit", () => {
  it("flags a question naming an object target", () => {
    expect(checkExplicit("Which chair could I sit on?", ["chair"])).toBe(true);
    expect(checkExplicit("Where are the CHAIRS?", ["chair"])).toBe(true);
    expect(checkExplicit("Which glasses hold water?", ["glass_(drink_container)"])).toBe(true);
    expect(checkExplicit("Which batteries are there?", ["battery"])).toBe(true);
    expect(checkExplicit("What is laptop_computer_1 for?", ["laptop_computer"])).toBe(true);
    expect(checkExplicit("Which laptop computer is open?", ["laptop_computer"])).toBe(true);
  });
  it("reads a qualified name without its qualifier", () => {
    expect(checkExplicit("Which mouse would you click with?", ["mouse_(computer_equipment)"])).toBe(true);
    expect(checkExplicit("Which computer equipment is there?", ["mouse_(computer_equipment)"])).toBe(false);
  });
  it("flags a question naming a part target by its part name, plural included", () => {
    expect(checkExplicit("Which legs hold the chair up?", ["chair:leg"])).toBe(true);
    expect(checkExplicit("Where is the base panel of the laptop?", ["laptop_computer:base_panel"])).toBe(true);
    expect(checkExplicit("Show the base-panels.", ["laptop_computer:base_panel"])).toBe(true);
  });
  it("allows naming the parent object of a part target", () => {
    expect(checkExplicit("What keeps the chair from falling over?", ["chair:leg"])).toBe(false);
    expect(checkExplicit("Which part of the laptop rests on the desk?", ["laptop_computer:base_panel"])).toBe(false);
    expect(checkExplicit("How would you carry the mug without burning your fingers?", ["mug:handle", "mug"])).toBe(true);
    expect(checkExplicit("How would you carry it without burning your fingers?", ["mug:handle", "mug"])).toBe(false);
  });
  it("matches whole words only", () => {
    expect(checkExplicit("Where would you sit in an armchair?", ["chair"])).toBe(false);
    expect(checkExplicit("Who chairs the meeting?", ["chair"])).toBe(true);
    expect(checkExplicit("What could the chairman use?", ["chair"])).toBe(false);
    expect(checkExplicit("What part would you press to type?", ["laptop_computer:keyboard"])).toBe(false);
    expect(checkExplicit("What is the keyboardist holding?", ["laptop_computer:keyboard"])).toBe(false);
  });
  it("names which targets were named", () => {
    expect(explicitNames("The chair's legs and the mug", ["chair:leg", "chair", "mug:handle"])).toEqual(["leg", "chair"]);
  });
});

describe("explicit, for names that are also verbs", () => {
  it("does not read the verb as the object", () => {
    expect(checkExplicit("What can I drink from?", ["can"])).toBe(false);
    expect(checkExplicit("Which one can you open?", ["can"])).toBe(false);
    expect(checkExplicit("Where would you watch the game?", ["watch"])).toBe(false);
    expect(checkExplicit("What can the kids play with?", ["can"])).toBe(false);
  });
  it("still flags the noun after a determiner, and plurals", () => {
    expect(checkExplicit("Which is the can of soda?", ["can"])).toBe(true);
    expect(checkExplicit("What are the cans for?", ["can"])).toBe(true);
    expect(checkExplicit("Whose watch tells the time?", ["watch"])).toBe(false);
    expect(checkExplicit("Does his watch tell the time?", ["watch"])).toBe(true);
    expect(checkExplicit("Which watches are there?", ["watch"])).toBe(true);
  });
});

describe("explicit, for part names that are also parts of a person", () => {
  it("does not read the person's hand as the clock's", () => {
    expect(checkExplicit("Where would you put your hands to tidy up?", ["clock:hand"])).toBe(false);
    expect(checkExplicit("What could rest my back?", ["chair:back"])).toBe(false);
    expect(checkExplicit("What supports someone's back while seated?", ["chair:back"])).toBe(false);
  });
  it("still flags the object's part", () => {
    expect(checkExplicit("Which hands show the time?", ["clock:hand"])).toBe(true);
    expect(checkExplicit("What is the clock's hand pointing at?", ["clock:hand"])).toBe(true);
    expect(checkExplicit("Which back would you lean on?", ["chair:back"])).toBe(true);
  });
});

describe("explicit, edge cases of the name pattern", () => {
  it("reads a name's punctuation literally", () => {
    expect(checkExplicit("Where is the a.b?", ["a.b"])).toBe(true);
    expect(checkExplicit("Where is the axb?", ["a.b"])).toBe(false);
  });
  it("needs every word of a name, in order, side by side", () => {
    expect(checkExplicit("Is the computer next to the laptop?", ["laptop_computer"])).toBe(false);
    expect(checkExplicit("Which laptop computer is open?", ["laptop__computer"])).toBe(true);
  });
  it("makes -ies plurals only of a consonant + y, and nothing else of other names", () => {
    expect(checkExplicit("Where are the keys?", ["key"])).toBe(true);
    expect(checkExplicit("Where are the keies?", ["key"])).toBe(false);
    expect(checkExplicit("Where are the dryeies?", ["dryer"])).toBe(false);
    expect(checkExplicit("Is the batter ready?", ["battery"])).toBe(false);
  });
  it("applies the verb and body-part rules to one-word names only, and the body-part rule to body parts only", () => {
    expect(checkExplicit("Where is the watering can you bought?", ["watering_can"])).toBe(true);
    expect(checkExplicit("Which is your front leg?", ["chair:front_leg"])).toBe(true);
    expect(checkExplicit("Which is your chair?", ["chair"])).toBe(true);
  });
  it("lists a name once, and a category without a name never", () => {
    expect(explicitNames("The chair, the chair", ["chair", "chair", ""])).toEqual(["chair"]);
    expect(checkExplicit("Anything at all?", [""])).toBe(false);
  });
});
