import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { safeReturnPath, signInPathFor } from "./returnPath";

const origin = "https://sweetie.invalid";

describe("returnPath", () => {
  it("round-trips a console page through the sign-in address", () => {
    const signIn = signInPathFor("/operations/abc-123");
    expect(signIn).toBe("/sign-in?next=%2Foperations%2Fabc-123");
    expect(safeReturnPath(signIn.slice(signIn.indexOf("?")))).toBe("/operations/abc-123");
  });

  it("sends the root and the sign-in page itself to plain sign-in", () => {
    expect(signInPathFor("/")).toBe("/sign-in");
    expect(signInPathFor("/sign-in")).toBe("/sign-in");
  });

  it("refuses addresses that would leave the console", () => {
    const hostile = [
      "//evil.example/x",
      "https://evil.example",
      "/\\evil.example",
      "/\t/evil.example",
      "/\n/evil.example",
      "/.//evil.example",
      "x",
    ];
    for (const next of hostile) {
      expect(safeReturnPath(`?next=${encodeURIComponent(next)}`)).toBe("/operations");
    }
    expect(safeReturnPath("")).toBe("/operations");
  });

  const hostilePrefix = fc.constantFrom(
    "https://evil.example/",
    "//evil.example/",
    "/\\evil.example/",
    "/\t/evil.example/",
    "javascript:",
    "http:/evil.example/",
  );

  // Generous timeout: the machine is shared and property runs are CPU-bound.
  it(
    "never returns a path on another origin, whatever the query holds",
    { timeout: 30_000 },
    () => {
      fc.assert(
        fc.property(
          fc.string({ unit: "binary", maxLength: 40 }),
          hostilePrefix,
          (noise, prefix) => {
            for (const next of [
              noise,
              `${prefix}${noise}`,
              `/${noise}`,
              `//${noise}`,
              `/.//${noise}`,
            ]) {
              const path = safeReturnPath(`?next=${encodeURIComponent(next)}`);
              expect(new URL(path, origin).origin).toBe(origin);
              expect(path.startsWith("//")).toBe(false);
            }
          },
        ),
      );
    },
  );
});
