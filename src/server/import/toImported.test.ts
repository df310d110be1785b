import { describe, expect, it } from "vitest";
import { pairContentHash } from "./toImported";

// A re-import keeps a decision only while its pair's content hash is unchanged, so the hash must
// stay the same across versions of the program. Expected values from the shell:
//   printf '%s' '<json>' | openssl sha1 -binary | base64 | tr '+/' '-_' | tr -d '='
describe("pairContentHash", () => {
  it("is the base64url SHA-1 of [question, answer, targets, annotation identity] as JSON", () => {
    expect(pairContentHash("Which chair?", "The chair {seg}.", [0, 2], "abc")).toBe("8sTqt4ok0KDr6Sd6V5cU5rnLZ6U");
  });

  it("hashes non-ASCII text as UTF-8", () => {
    expect(pairContentHash("é ☃", "", [], "")).toBe("nmJ40KYiZ78HidXcb8HuKRzJpDs");
  });
});
