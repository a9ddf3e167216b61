import { describe, expect, it } from "vitest";
import { auditDetailLines } from "./auditDetails";

describe("audit details as lines", () => {
  it("flattens nested objects, lists arrays and words camel case", () => {
    const lines = auditDetailLines({
      mode: "identify",
      authorization: { permittedVenues: ["training://lobby", "irc://x"], personaAge: 10 },
      secondFactor: false,
      none: [],
    });
    expect(lines).toEqual([
      { label: "mode", value: "identify" },
      { label: "authorization, permitted venues", value: "training://lobby, irc://x" },
      { label: "authorization, persona age", value: "10" },
      { label: "second factor", value: "no" },
      { label: "none", value: "none" },
    ]);
  });

  it("shows instants in the console's format and leaves other strings alone", () => {
    const [when, text] = auditDetailLines({ at: "2026-12-02T00:42:37.246Z", text: "2026-12" });
    expect(when?.value).toMatch(/2 Dec 2026, 00:42 UTC/);
    expect(text?.value).toBe("2026-12");
  });
});
