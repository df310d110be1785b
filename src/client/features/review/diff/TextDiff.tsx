import { wordDiff } from "./wordDiff";

/** Before → after with removed words struck through and added ones marked. */
export function TextDiff({ before, after }: { before: string; after: string }) {
  return (
    <span className="text-diff">
      {wordDiff(before, after).map((part, i) =>
        part.kind === "same" ? (
          <span key={i}>{part.text}</span>
        ) : part.kind === "added" ? (
          <ins key={i}>{part.text}</ins>
        ) : (
          <del key={i}>{part.text}</del>
        ),
      )}
    </span>
  );
}
