import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { entryBytes, type JsonObject, type LedgerEntry } from "../ledger/entries";
import { asEntry, readEntryLines } from "./entryLines";

const encoder = new TextEncoder();
const kinds = ["message", "event", "capture", "finding", "conversation", "tombstone"] as const;

/** Content that tries to look like the entry's own members: nested "index" keys, look-alike text. */
const content: fc.Arbitrary<JsonObject> = fc.dictionary(
  fc.oneof(fc.constantFrom("index", "kind", "content", "v", "operation"), fc.string()),
  fc.oneof(
    fc.string(),
    fc.constantFrom('},"index":7,"kind":"capture"', '"}', "\\", "\n"),
    fc.integer(),
    fc.constant(null),
    fc.dictionary(fc.constantFrom("index", "a"), fc.oneof(fc.integer(), fc.string()), {
      noNullPrototype: true,
    }),
  ),
  { maxKeys: 6, noNullPrototype: true },
) as fc.Arbitrary<JsonObject>;

const entry: fc.Arbitrary<LedgerEntry> = fc.record({
  kind: fc.constantFrom(...kinds),
  v: fc.constant(1),
  operation: fc.uuid(),
  index: fc.nat(),
  source: fc.option(
    fc.record({
      table: fc.oneof(fc.constantFrom("messages", "captures"), fc.string()),
      id: fc.oneof(fc.uuid(), fc.string()),
    }),
    { nil: null },
  ),
  content,
});

describe("reading an entries file's lines", () => {
  it("finds each entry's kind, index and operation as parsing the whole line does", () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 12 }), (entries) => {
        const bytes = encoder.encode(
          entries.map((e) => new TextDecoder().decode(entryBytes(e))).join("\n") + "\n",
        );
        const read = readEntryLines(bytes);
        expect(read).toHaveLength(entries.length);
        read.forEach((got, i) => {
          const whole = asEntry(JSON.parse(new TextDecoder().decode(entryBytes(entries[i]!))))!;
          expect(got).not.toBeNull();
          expect({ kind: got!.kind, index: got!.index, operation: got!.operation }).toEqual({
            kind: whole.kind,
            index: whole.index,
            operation: whole.operation,
          });
          // The content the verifier compares with a file is read in full.
          if (whole.kind === "capture" || whole.kind === "finding") {
            expect(got!.content).toEqual(whole.content);
          }
        });
      }),
      { numRuns: 300 },
    );
  });

  it("leaves the content of a message entry unparsed, and reads a capture's in full", () => {
    const of = (kind: "message" | "capture"): LedgerEntry => ({
      kind,
      v: 1,
      operation: "6a1f2c1e-0000-4000-8000-000000000001",
      index: 41,
      source: { table: "messages", id: "m-1" },
      content: { body: "hello", nested: { index: 3 } },
    });
    const text = [of("message"), of("capture")].map((e) => new TextDecoder().decode(entryBytes(e)));
    const [message, capture] = readEntryLines(encoder.encode(text.join("\n")));
    expect(message).toEqual({
      kind: "message",
      index: 41,
      operation: of("message").operation,
      content: {},
    });
    expect(capture!.content).toEqual({ body: "hello", nested: { index: 3 } });
  });

  it("reads a line of another shape whole, and reports a line that is not an entry", () => {
    const lines = [
      '{"index":3,"kind":"message","operation":"op","content":{"a":1}}',
      '{"content":{"a":1},"index":4,"kind":"message","operation":"op"',
      '{"content":{"a":1},"index":"5","kind":"message","operation":"op"}',
      "not json",
    ];
    const read = readEntryLines(encoder.encode(lines.join("\n")));
    expect(read[0]).toMatchObject({ index: 3, kind: "message", content: { a: 1 } });
    expect(read.slice(1)).toEqual([null, null, null]);
  });
});
