/**
 * Chat-text normalization for the rule matcher: lower case, apostrophes dropped, letters repeated
 * three or more times cut to two ("heyyy" → "heyy"), leetspeak inside words ("c4m" → "cam"),
 * chat abbreviations expanded ("u" → "you", "im" → "i am"), Taglish politeness particles ("po")
 * dropped and whitespace runs folded to one space. Before all that, look-alike and invisible
 * characters are folded (./unicodeFold.ts: NFKC, confusables, zero-width and bidi controls), and
 * "@" inside a short word reads as "a" ("c@m"). Every normalized character keeps the span of
 * the original text it came from, so a match on the normalized text maps back to UTF-16 offsets
 * in the original message.
 */
import { ABBREVIATIONS, PARTICLES } from "./lexicon/chatSpelling";
import { CURRENCY_TYPES, tokenMask } from "./gates";
import { foldUnicode } from "./unicodeFold";

export interface Normalized {
  text: string;
  /** starts[i]: original offset of the first character that normalized character i comes from. */
  starts: Int32Array;
  /** ends[i]: original offset just after the last character that normalized character i comes from. */
  ends: Int32Array;
  /** Pre-filter bits (see gates.ts) of the indicator types whose rules can fire on `text`. */
  gate: number;
}

const LEET: Record<string, string> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "8": "b",
};

// Scratch buffers reused across calls: detection is synchronous, so one pair per module is enough
// and a message does not cost two fresh typed arrays.
let scratchStarts = new Int32Array(256);
let scratchEnds = new Int32Array(256);

function isWordCode(c: number): boolean {
  return (
    (c >= 97 && c <= 122) || // a-z
    (c >= 65 && c <= 90) || // A-Z
    (c >= 48 && c <= 57) || // 0-9
    c === 39 || // '
    c === 8217 || // ’
    c === 95 // _
  );
}

function isSpaceCode(c: number): boolean {
  return (
    c <= 32 ||
    c === 127 ||
    c === 0xa0 ||
    (c >= 0x2000 && c <= 0x200b) ||
    c === 0x2028 ||
    c === 0x2029 ||
    c === 0x3000 ||
    c === 0xfeff
  );
}

function isLetter(ch: string | undefined): boolean {
  return ch !== undefined && ch >= "a" && ch <= "z";
}

/**
 * Whether a token needs cleaning: upper case, apostrophes, a letter three times in a row, or a
 * digit next to a letter (possible leetspeak). Most chat words need none of it.
 */
function needsCleaning(text: string, from: number, to: number): boolean {
  let prev = -1;
  let run = 0;
  let letters = false;
  let digits = false;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 97) {
      if (c >= 48 && c <= 57) digits = true;
      else return true; // A-Z, apostrophe (39), underscore (95)
    } else if (c > 122)
      return true; // ’
    else letters = true;
    if (c === prev) {
      if (++run >= 2) return true;
    } else run = 0;
    prev = c;
  }
  return letters && digits;
}

/** Lower-cased token without apostrophes, repeated letters cut to two, leet digits inside words. */
function cleanToken(raw: string): string {
  let t = raw.toLowerCase();
  if (t.includes("'") || t.includes("’")) t = t.replace(/['’]/g, "");
  if (t.includes("@")) t = t.replace(/@/g, "a");
  let out = "";
  let run = 0;
  let hasDigit = false;
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    if (i > 0 && ch === t[i - 1] && isLetter(ch)) {
      run++;
      if (run >= 2) continue;
    } else run = 0;
    if (ch >= "0" && ch <= "9") hasDigit = true;
    out += ch;
  }
  if (hasDigit && out.length >= 3) out = unLeet(out);
  // A zero for an "o" at a word's edge: "0ld", "vide0"; never in numbers ("100", "10s").
  if (hasDigit && /^0[a-z]{2,}$|^[a-z]{2,}0$/.test(out)) out = out.replace("0", "o");
  return out;
}

/** Digits of one or two between letters are leetspeak ("s3xy", "n00dz"); others stay digits. */
function unLeet(t: string): string {
  let out = "";
  for (let i = 0; i < t.length; i++) {
    const ch = t[i]!;
    const sub = LEET[ch];
    if (sub !== undefined) {
      let j = i;
      while (j < t.length && t[j]! >= "0" && t[j]! <= "9") j++;
      const runLength = j - i;
      if (
        runLength <= 2 &&
        isLetter(t[i - 1]) &&
        isLetter(t[j]) &&
        [...t.slice(i, j)].every((d) => LEET[d])
      ) {
        for (let k = i; k < j; k++) out += LEET[t[k]!]!;
        i = j - 1;
        continue;
      }
      out += t.slice(i, j);
      i = j - 1;
      continue;
    }
    out += ch;
  }
  return out;
}

/** Words that go on a "yes" ("ya sure", "ya i can", "yah ok lol"), not a "you" ("ya know"). */
const AFTER_YES: ReadonlySet<string> = new Set(
  (
    "sure ok okay k kk yes yeah yep yup ya yah of course def definitely totally absolutely i im " +
    "we lets why go sounds deal please pls plz cool nice great fine alright right true exactly " +
    "same me lol haha hehe oo sige cge g game tara opo no np thats that it its"
  ).split(" "),
);

/** Interjections that may come before a "ya" that means yes ("oh ya", "ok ya sure"). */
const BEFORE_YES: ReadonlySet<string> = new Set(
  "oh ok okay ah ahh lol haha hehe hmm mm well yes yeah sure omg wow oo sige so".split(" "),
);

/**
 * Whether "ya"/"yah" at text[from, to) means "yes" rather than "you": it opens the message or a
 * clause, the clause is not a question ("ya sure?" is "you sure?"), and what follows is nothing,
 * punctuation or a word that goes on a yes. "how old are ya", "see ya", "ya know" stay "you".
 */
function saysYes(text: string, from: number, to: number): boolean {
  let k = from - 1;
  while (k >= 0 && isSpaceCode(text.charCodeAt(k))) k--;
  if (k >= 0 && !/[.,!;:(-]/.test(text[k]!)) {
    // "oh ya sure", "ok ya": an interjection may come first.
    const before = /(?:^|[^A-Za-z'])([A-Za-z]+)$/.exec(text.slice(Math.max(0, k - 15), k + 1));
    if (before === null || !BEFORE_YES.has(before[1]!.toLowerCase())) return false;
  }
  const rest = /^[^.!?,;]*[.!?,;]?/.exec(text.slice(to, to + 200))![0];
  if (rest.endsWith("?")) return false;
  const next = /^\s*([A-Za-z']+)/.exec(rest);
  return next === null || AFTER_YES.has(next[1]!.toLowerCase().replace(/'/g, ""));
}

/** Words after which the particle "lang" stays: "ok lang", "ayos lang", "sige lang". */
const KEEPS_LANG: ReadonlySet<string> = new Set(["ok", "oks", "ayos", "keri", "sige", "cge"]);

function isLang(word: string): boolean {
  return word === "lang" || word === "lng";
}

function ensureCapacity(n: number): void {
  if (scratchStarts.length >= n) return;
  let size = scratchStarts.length;
  while (size < n) size *= 2;
  scratchStarts = new Int32Array(size);
  scratchEnds = new Int32Array(size);
}

/**
 * Normalize into the module's scratch buffers. The returned arrays are only valid until the next
 * call; use `normalize` for a stable copy.
 */
export function normalizeInto(original: string): Normalized {
  const folded = foldUnicode(original);
  const text = folded === null ? original : folded.text;
  // Worst-case expansion is an abbreviation of 1–3 characters becoming up to 10 ("c2c" → "cam to cam").
  ensureCapacity(text.length * 5 + 16);
  const starts = scratchStarts;
  const ends = scratchEnds;
  let out = "";
  let gate = 0;
  let pendingSpace = false;
  let spaceStart = 0;
  let lastWord = "";
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text.charCodeAt(i);
    if (isWordCode(c)) {
      let j = i + 1;
      for (;;) {
        while (j < n && isWordCode(text.charCodeAt(j))) j++;
        if (j < n && text.charCodeAt(j) === 64 && atForA(text, i, j)) j++;
        else break;
      }
      const raw = text.slice(i, j);
      const cleaned = needsCleaning(text, i, j) ? cleanToken(raw) : raw;
      if (cleaned.length === 0) {
        i = j;
        continue;
      }
      let replacement = ABBREVIATIONS.get(cleaned);
      if (PARTICLES.has(cleaned)) {
        // "ok lang" is "it's fine", a phrase of its own; elsewhere "lang" ("just") is filler.
        if (!(isLang(cleaned) && KEEPS_LANG.has(lastWord))) {
          i = j;
          continue;
        }
        replacement = "lang";
      }
      if (replacement === "you" && (cleaned === "ya" || cleaned === "yah") && saysYes(text, i, j))
        replacement = "yeah";
      const piece = replacement ?? cleaned;
      lastWord = piece;
      if (pendingSpace && out.length > 0) {
        starts[out.length] = spaceStart;
        ends[out.length] = spaceStart + 1;
        out += " ";
      }
      pendingSpace = false;
      const base = out.length;
      if (piece === raw || (replacement === undefined && piece.length === raw.length)) {
        for (let k = 0; k < piece.length; k++) {
          starts[base + k] = i + k;
          ends[base + k] = i + k + 1;
        }
      } else {
        for (let k = 0; k < piece.length; k++) {
          starts[base + k] = i;
          ends[base + k] = j;
        }
      }
      out += piece;
      gate |= tokenMask(piece);
      i = j;
      continue;
    }
    if (isSpaceCode(c)) {
      if (!pendingSpace) spaceStart = i;
      pendingSpace = true;
      i++;
      continue;
    }
    if (pendingSpace && out.length > 0) {
      starts[out.length] = spaceStart;
      ends[out.length] = spaceStart + 1;
      out += " ";
    }
    pendingSpace = false;
    starts[out.length] = i;
    ends[out.length] = i + 1;
    if (c === 36 || c === 0x20b1 || c === 0x20ac || c === 0xa3) gate |= CURRENCY_TYPES;
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : text[i]!;
    i++;
  }
  if (folded !== null) {
    // Offsets so far point into the folded text: carry them back to the original.
    for (let k = 0; k < out.length; k++) {
      const end = ends[k]!;
      starts[k] = folded.starts[starts[k]!]!;
      ends[k] = end > 0 ? folded.ends[end - 1]! : 0;
    }
  }
  return { text: out, starts, ends, gate };
}

/**
 * "@" written for "a" inside a short word ("c@m", "n@ked"): letters right before and after it, a
 * short word on both sides, and no "." after it (so "me@example.org" stays an address).
 */
function atForA(text: string, wordStart: number, at: number): boolean {
  if (at - wordStart > 3 || !isLetter(text[at - 1]?.toLowerCase())) return false;
  let k = at + 1;
  while (k < text.length && isLetter(text[k]!.toLowerCase())) k++;
  return k - at - 1 >= 1 && k - at - 1 <= 4 && text[k] !== "." && text[k] !== "@";
}

/** Normalize with buffers of its own (for callers that keep the result). */
export function normalize(text: string): Normalized {
  const n = normalizeInto(text);
  return {
    text: n.text,
    starts: n.starts.slice(0, n.text.length),
    ends: n.ends.slice(0, n.text.length),
    gate: n.gate,
  };
}

/** Map a [start, end) span of the normalized text back to the original text. */
export function originalSpan(
  n: Normalized,
  start: number,
  end: number,
): { start: number; end: number } {
  if (end <= start) {
    const at = n.starts[start] ?? 0;
    return { start: at, end: at };
  }
  return { start: n.starts[start]!, end: n.ends[end - 1]! };
}
