/**
 * Folding of look-alike and invisible characters before the chat normalizer, so that a rule sees
 * "cam" in "сam" (Cyrillic с), "ｃａｍ" (full-width), "𝐜𝐚𝐦" (mathematical bold) and "c\u200Bam"
 * (a zero-width space inside the word). Per code point:
 *
 * - invisible format characters are removed: zero-width spaces and joiners, bidi embeddings,
 *   overrides and isolates, the soft hyphen, word joiners, variation selectors, tag characters;
 * - combining marks are removed ("s̶e̶e̶" → "see"; accents: "café" → "cafe");
 * - Unicode NFKC compatibility forms become their plain letters (full-width, circled, math);
 * - the remaining non-ASCII letters that the Unicode confusables data (UTS #39, as shipped in the
 *   `unhomoglyph` package) maps to ASCII letters or digits become those.
 *
 * ASCII text is returned as is (the common case costs one scan). Every folded character keeps
 * the span of the original text it came from, so offsets still point into the original message.
 */
import confusables from "unhomoglyph/data.json" with { type: "json" };

export interface Folded {
  text: string;
  /** starts[i]: original offset of the first character that folded character i comes from. */
  starts: Int32Array;
  /** ends[i]: original offset just after the last character that folded character i comes from. */
  ends: Int32Array;
}

const CONFUSABLE: Readonly<Record<string, string>> = confusables as Record<string, string>;

/**
 * Lower-case Cyrillic and Greek letters that people type for Latin ones but that UTS #39 maps to
 * other glyphs (its skeleton reads Cyrillic м as ʍ, for instance): the reading a chat writer means.
 */
const LATIN_LOOKALIKE: Readonly<Record<string, string>> = {
  м: "m",
  т: "t",
  к: "k",
  н: "h",
  в: "b",
  п: "n",
  г: "r",
  ш: "w",
  ι: "i",
  κ: "k",
  ν: "v",
  τ: "t",
  ρ: "p",
  η: "n",
  ω: "w",
  ʀ: "r",
};

function isInvisible(cp: number): boolean {
  return (
    cp === 0x00ad || // soft hyphen
    cp === 0x034f || // combining grapheme joiner
    cp === 0x061c || // Arabic letter mark
    cp === 0x180e || // Mongolian vowel separator
    (cp >= 0x200b && cp <= 0x200f) || // zero-width space, joiners, LRM, RLM
    (cp >= 0x202a && cp <= 0x202e) || // bidi embeddings and overrides
    (cp >= 0x2060 && cp <= 0x2064) || // word joiner, invisible operators
    (cp >= 0x2066 && cp <= 0x206f) || // bidi isolates, deprecated format controls
    cp === 0xfeff || // zero-width no-break space
    (cp >= 0xfe00 && cp <= 0xfe0f) || // variation selectors
    (cp >= 0xe0000 && cp <= 0xe007f) || // tag characters
    (cp >= 0xe0100 && cp <= 0xe01ef) // variation selectors supplement
  );
}

const COMBINING = /^\p{M}$/u;
const CURRENCY = /^\p{Sc}$/u;

/**
 * Blocks whose letters are mistaken for Latin ones (Latin extensions, IPA, Greek, Cyrillic,
 * Armenian, Cherokee, phonetic extensions, letterlike symbols). Arabic, Hebrew, Indic and CJK
 * letters are never folded: the confusables data maps some of them to Latin shapes, but a writer
 * of those scripts means them.
 */
function latinLookalikeBlock(cp: number): boolean {
  return (
    cp < 0x0600 ||
    (cp >= 0x13a0 && cp <= 0x13ff) ||
    (cp >= 0x1d00 && cp <= 0x1eff) ||
    (cp >= 0x2100 && cp <= 0x214f) ||
    (cp >= 0xa640 && cp <= 0xa69f) ||
    (cp >= 0xa720 && cp <= 0xa7ff) ||
    (cp >= 0xab70 && cp <= 0xabbf)
  );
}
const ASCII_ALNUM = /^[A-Za-z0-9]+$/;

/** What one non-ASCII code point reads as: "" (dropped), ASCII, or itself. Cached. */
const cache = new Map<number, string>();

function foldCodePoint(cp: number, ch: string): string {
  const cached = cache.get(cp);
  if (cached !== undefined) return cached;
  let result: string;
  if (isInvisible(cp) || COMBINING.test(ch)) result = "";
  else {
    // NFKD then drop marks: compatibility forms and accented letters become plain letters.
    const decomposed = ch.normalize("NFKD").replace(/\p{M}/gu, "");
    if (decomposed !== "" && decomposed !== ch && /^[\x20-\x7e]+$/.test(decomposed))
      result = decomposed;
    else if (CURRENCY.test(ch))
      result = ch; // "¥" is not a "Y", nor "€" a letter
    else {
      const nfkc = ch.normalize("NFKC");
      const lower = nfkc.toLowerCase();
      const lookalike =
        LATIN_LOOKALIKE[lower] ?? (latinLookalikeBlock(cp) ? CONFUSABLE[nfkc] : undefined);
      // The skeleton writes m-like glyphs as "rn"; a chat writer meant "m".
      const mapped = lookalike === "rn" ? "m" : lookalike?.replace(/\p{M}/gu, "");
      result = mapped !== undefined && ASCII_ALNUM.test(mapped) ? mapped : ch;
    }
  }
  if (cache.size < 65_536) cache.set(cp, result);
  return result;
}

function isAscii(text: string): boolean {
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) > 0x7e) return false;
  return true;
}

/** The text with look-alikes folded, or `null` when there is nothing to fold (plain ASCII). */
export function foldUnicode(text: string): Folded | null {
  if (isAscii(text)) return null;
  const starts = new Int32Array(text.length * 3 + 4);
  const ends = new Int32Array(text.length * 3 + 4);
  let out = "";
  let changed = false;
  for (let i = 0; i < text.length;) {
    const cp = text.codePointAt(i)!;
    const width = cp > 0xffff ? 2 : 1;
    if (cp <= 0x7e) {
      starts[out.length] = i;
      ends[out.length] = i + 1;
      out += text[i];
      i++;
      continue;
    }
    const ch = text.slice(i, i + width);
    // A lone surrogate is not a character: it stays as it is (and reads as a non-word).
    const piece = cp >= 0xd800 && cp <= 0xdfff ? ch : foldCodePoint(cp, ch);
    if (piece !== ch) changed = true;
    for (let k = 0; k < piece.length; k++) {
      starts[out.length] = i;
      ends[out.length] = i + width;
      out += piece[k];
    }
    i += width;
  }
  return changed ? { text: out, starts, ends } : null;
}
