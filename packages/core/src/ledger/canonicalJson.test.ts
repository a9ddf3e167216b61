import { describe, expect, it } from "vitest";
import { canonicalJson, type JsonValue } from "./canonicalJson";

describe("canonicalJson (RFC 8785)", () => {
  it("sorts keys by UTF-16 code units and drops whitespace", () => {
    const value = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew",
      "1": "One",
      "\u0080": "Control",
      "\ud83d\ude00": "Smiley",
      "\u00f6": "Latin",
    };
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin","\u20ac":"Euro Sign","\ud83d\ude00":"Smiley","\ufb33":"Hebrew"}',
    );
  });

  it("formats numbers as ECMAScript does (RFC 8785 §3.2.2.3 examples)", () => {
    const numbers: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [1e21, "1e+21"],
      [1e-7, "1e-7"],
      [333333333.3333333, "333333333.3333333"],
      [9007199254740992, "9007199254740992"],
      [5e-324, "5e-324"],
      [0.000001, "0.000001"],
    ];
    for (const [value, text] of numbers) expect(canonicalJson([value])).toBe(`[${text}]`);
  });

  it("escapes strings minimally", () => {
    expect(canonicalJson({ s: '\u0000\u001f"\\/\u007f\u2028' })).toBe(
      '{"s":"\\u0000\\u001f\\"\\\\/\u007f\u2028"}',
    );
  });

  it("refuses values with no canonical form", () => {
    expect(() => canonicalJson({ bad: Number.NaN })).toThrow();
    expect(() => canonicalJson({ bad: "\ud800" })).toThrow();
    expect(() => canonicalJson({ when: new Date(0) } as unknown as JsonValue)).toThrow(
      /not plain JSON/,
    );
    expect(() => canonicalJson({ gone: undefined } as unknown as JsonValue)).toThrow(
      /not plain JSON/,
    );
  });
});
