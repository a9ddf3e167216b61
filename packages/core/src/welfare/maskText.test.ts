import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { MASK_CHARACTER, maskSpans } from "./maskText";

describe("masking explicit terms", () => {
  it("replaces each character of a span with one mask character and keeps the rest", () => {
    expect(maskSpans("say word now", [{ start: 4, end: 8 }])).toBe("say ■■■■ now");
    expect(maskSpans("plain", [])).toBe("plain");
  });

  it("keeps the length, so other spans still point at the same text", () => {
    fc.assert(
      fc.property(
        fc.string({ unit: "grapheme" }),
        fc.array(fc.record({ start: fc.nat(40), end: fc.nat(40) })),
        (text, spans) => {
          const masked = maskSpans(text, spans);
          expect(masked.length).toBe(text.length);
          expect(masked).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
          for (const span of spans) {
            for (let i = span.start; i < Math.min(span.end, text.length); i++) {
              expect(masked[i]).toBe(MASK_CHARACTER);
            }
          }
        },
      ),
    );
  });
});
