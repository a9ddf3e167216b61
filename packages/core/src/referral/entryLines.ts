// Reading the lines of an entries file for the verifier: what it checks of each entry is its
// kind, index and operation, and the content of the few kinds whose content it compares with a
// file (captures, findings). Each line is a ledger entry in RFC 8785 form, so its members come
// in order (content, index, kind, operation, source, v) and the entry's own fields follow the
// last `},"index":` of the line: no string can hold that sequence unescaped, and nothing after
// the content has an "index" member. Parsing only that tail leaves most of the bytes (the
// content) unparsed; a line of any other shape, or of a kind whose content is needed, is parsed
// whole, and a line that does not parse is reported as not an entry. Content left unparsed is
// still checked to the byte: the line's leaf hash must be in the signed log.

export interface ParsedEntry {
  kind: string;
  index: number;
  operation: string;
  /** Parsed for the kinds listed in CONTENT_NEEDED (and for lines read whole); else empty. */
  content: Record<string, unknown>;
}

/** The kinds whose content the verifier reads. */
const CONTENT_NEEDED = new Set(["capture", "finding"]);

const HEAD = '{"content":{';
const TAIL = '},"index":';
/**
 * The members after the content, as the ledger writes them: a plain index, a plain kind, an
 * operation id with no escapes, then the source and the version, to the line's end. Anything
 * else (an escape, a number in another form) reads the line whole.
 */
const OWN_MEMBERS =
  /(0|[1-9][0-9]{0,15}),"kind":"([a-z_]{1,40})","operation":"([0-9A-Za-z-]{1,64})","source":(?:null|\{"id":"[^"\\]*","table":"[a-z_]{1,64}"\}),"v":[0-9]{1,4}\}$/y;
const NOTHING: Record<string, unknown> = Object.freeze({}) as Record<string, unknown>;
const decoder = new TextDecoder();

/** One value per line (null for a line that is not a ledger entry). */
export function readEntryLines(bytes: Uint8Array): (ParsedEntry | null)[] {
  let text = decoder.decode(bytes);
  if (text.endsWith("\n")) text = text.slice(0, -1);
  if (text.length === 0) return [];
  return text.split("\n").map(readLine);
}

function readLine(line: string): ParsedEntry | null {
  if (line.startsWith(HEAD)) {
    const at = line.lastIndexOf(TAIL);
    if (at > 0) {
      OWN_MEMBERS.lastIndex = at + TAIL.length;
      const own = OWN_MEMBERS.exec(line);
      if (own && !CONTENT_NEEDED.has(own[2]!)) {
        return { index: Number(own[1]), kind: own[2]!, operation: own[3]!, content: NOTHING };
      }
    }
  }
  return asEntry(parse(line));
}

function parse(text: string): Record<string, unknown> | null {
  try {
    const value = JSON.parse(text) as unknown;
    return value && typeof value === "object" && !Array.isArray(value)
      ? (value as Record<string, unknown>)
      : null;
  } catch {
    return null;
  }
}

export function asEntry(parsed: unknown): ParsedEntry | null {
  const value = parsed as Partial<ParsedEntry> | null;
  if (!value || typeof value !== "object") return null;
  if (typeof value.kind !== "string" || typeof value.operation !== "string") return null;
  if (typeof value.index !== "number" || typeof value.content !== "object" || !value.content)
    return null;
  return value as ParsedEntry;
}
