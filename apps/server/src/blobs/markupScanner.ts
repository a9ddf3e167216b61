// Looks for markup a browser would run, across chunk boundaries, while a file streams in: an
// HTML page or SVG named .png, or a polyglot (valid image bytes with a page inside).

const MARKERS = ["<script", "<html", "<svg", "<iframe", "<body", "<!doctype html", "javascript:"];
const LONGEST = Math.max(...MARKERS.map((m) => m.length));

export class MarkupScanner {
  private tail = "";
  found: string | null = null;

  push(chunk: Uint8Array): void {
    if (this.found) return;
    // Latin-1 keeps one character per byte, so markers match whatever the file's encoding.
    const text = this.tail + Buffer.from(chunk).toString("latin1").toLowerCase();
    for (const marker of MARKERS) {
      if (text.includes(marker)) {
        this.found = marker;
        return;
      }
    }
    this.tail = text.slice(-(LONGEST - 1));
  }
}

/** Collects the first `size` bytes of a stream. */
export class HeadCollector {
  private parts: Uint8Array[] = [];
  private length = 0;
  constructor(private readonly size: number) {}

  push(chunk: Uint8Array): void {
    if (this.length >= this.size) return;
    const part = chunk.subarray(0, this.size - this.length);
    this.parts.push(Uint8Array.from(part));
    this.length += part.length;
  }

  get head(): Uint8Array {
    return Uint8Array.from(Buffer.concat(this.parts));
  }
}
