/** The keyboard map of SPEC section 8, as the help overlay lists it. */
export const keymap: readonly { keys: string[]; action: string }[] = [
  { keys: ["a"], action: "Accept (saves edits) and open the next pair; a pair the loader cannot use stays, with the reason" },
  { keys: ["r"], action: "Reject: open the reason picker" },
  { keys: ["1", "…", "9", "0", "-"], action: "In the reason picker: toggle a reason (each reason has its key)" },
  { keys: ["Enter"], action: "In the reason picker: reject and open the next pair" },
  { keys: ["e"], action: "Edit question, answer and targets (the answer field gets the keyboard; drafts are kept per pair)" },
  { keys: ["Ctrl", "Enter"], action: "In edit mode: accept with the edits (also a, outside text fields)" },
  { keys: ["Esc"], action: "Leave the picker; leave edit mode (asks first when the draft changed)" },
  { keys: ["j"], action: "Next pair in the queue" },
  { keys: ["k"], action: "Previous pair in the queue" },
  { keys: ["u"], action: "Undo the last decision (also Ctrl+Z)" },
  { keys: ["o"], action: "Show / hide the image's other annotations" },
  { keys: ["h"], action: "Hide / show all overlays" },
  { keys: ["f"], action: "Fit the image to the view" },
  { keys: ["?"], action: "This help" },
];
