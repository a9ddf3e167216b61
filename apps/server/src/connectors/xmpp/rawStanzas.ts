import { StringDecoder } from "node:string_decoder";
import { Parser, type Element } from "@xmpp/xml";

/**
 * The exact bytes of every top-level element received, keyed by the element the library builds
 * from them. The library's parser keeps only the parsed tree; evidence needs the wire form.
 */
const rawOf = new WeakMap<Element, Uint8Array>();

export function rawBytesOf(element: Element): Uint8Array | undefined {
  return rawOf.get(element);
}

/** Past this, whitespace between stanzas (keep-alives) is not kept any longer. */
const MAX_GAP_CHARS = 4096;

/**
 * The library's XML parser, fed piece by piece so that each top-level element's end falls at the
 * end of a piece: a piece ends at the first `>` after a `<`, so text full of `>` costs nothing
 * extra. What was written since the previous top-level element is that element's raw form.
 */
export class RecordingParser extends Parser {
  private pending = "";
  private current = "";
  private completed = false;
  /** The previous piece ended inside a tag (a read split it): its `>` comes first. */
  private insideTag = false;

  override write(data: string): void {
    let position = 0;
    while (position < data.length) {
      const open = this.insideTag ? position : data.indexOf("<", position);
      const close = open === -1 ? -1 : data.indexOf(">", open);
      this.insideTag = open !== -1 && close === -1;
      const end = close === -1 ? data.length : close + 1;
      const piece = data.slice(position, end);
      position = end;
      this.current = this.pending + piece;
      this.completed = false;
      super.write(piece);
      this.pending = this.completed ? "" : this.current;
      if (!this.completed && this.pending.length > MAX_GAP_CHARS && !this.pending.includes("<")) {
        this.pending = "";
      }
    }
  }

  override onStartElement(name: string, attrs?: string | Record<string, string>): void {
    const isRoot = !this.root;
    super.onStartElement(name, attrs);
    // The stream header is not a stanza: stanzas are counted from after it.
    if (isRoot) {
      this.current = "";
      this.completed = true;
    }
  }

  override onEndElement(name: string): void {
    const cursor = this.cursor;
    if (cursor && cursor !== this.root && !cursor.parent) {
      rawOf.set(cursor, Buffer.from(this.current.replace(/^\s+/, ""), "utf8"));
      this.completed = true;
    }
    super.onEndElement(name);
  }
}

/**
 * Makes the client parse TCP streams with `RecordingParser`. The client sets `Parser` from its
 * transport at each connect, so the property keeps the transport's choice but answers with the
 * recording subclass when the transport uses the plain XML parser (TCP).
 */
export function recordRawStanzas(entity: { Parser: unknown }): void {
  let chosen: unknown = entity.Parser;
  Object.defineProperty(entity, "Parser", {
    configurable: true,
    get: () => (chosen === Parser ? RecordingParser : chosen),
    set: (value: unknown) => {
      chosen = value;
    },
  });
}

/**
 * The library decodes each TCP chunk on its own, which turns a character split across two chunks
 * into U+FFFD. A decoder per socket keeps multi-byte characters whole.
 */
export function utf8ChunkDecoder(): { write(chunk: Buffer): string; reset(): void } {
  let decoder = new StringDecoder("utf8");
  return {
    write: (chunk) => decoder.write(chunk),
    reset: () => {
      decoder = new StringDecoder("utf8");
    },
  };
}
