import { describe, expect, it } from "vitest";
import type { Element } from "@xmpp/xml";
import { RecordingParser, rawBytesOf, utf8ChunkDecoder } from "./rawStanzas";

function parseInChunks(chunks: Buffer[]) {
  const parser = new RecordingParser();
  const decoder = utf8ChunkDecoder();
  const elements: Element[] = [];
  parser.on("element", (element: Element) => elements.push(element));
  parser.write("<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='s'>");
  for (const chunk of chunks) parser.write(decoder.write(chunk));
  return elements.map((element) => ({
    element,
    raw: new TextDecoder().decode(rawBytesOf(element)),
  }));
}

describe("raw stanzas", () => {
  const stanzas = [
    "<message from='a@b/c' type='chat'><body>hé &amp; &lt;b&gt; > 😀👩🏽‍💻</body></message>",
    "<presence from='r@m/n'/>",
    "<message from='x@y'><body a='1 > 2'>x</body></message>",
  ];
  const wire = Buffer.from(` ${stanzas.join("\n")}`, "utf8");

  it("keeps each top-level element's exact text, whatever the read boundaries", () => {
    for (const size of [1, 2, 3, 5, 7, 64, wire.length]) {
      const chunks: Buffer[] = [];
      for (let offset = 0; offset < wire.length; offset += size) {
        chunks.push(wire.subarray(offset, offset + size));
      }
      const parsed = parseInChunks(chunks);
      expect(parsed.map((entry) => entry.raw)).toEqual(stanzas);
      // A character split between two reads stays whole (the library alone makes U+FFFD of it).
      expect(parsed[0]!.element.getChildText("body")).toBe("hé & <b> > 😀👩🏽‍💻");
    }
  });

  it("does not slow down on text full of '>'", () => {
    const body = ">".repeat(200_000);
    const started = performance.now();
    const parsed = parseInChunks([Buffer.from(`<message><body>${body}</body></message>`)]);
    expect(parsed[0]!.element.getChildText("body")).toBe(body);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});
