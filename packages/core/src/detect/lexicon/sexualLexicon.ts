/**
 * Explicit vocabulary people type in these chats, for recognition and masking only (S1, S8).
 * This is the one place such words may appear; everything here is matched against normalized
 * text (lower case, chat spelling expanded, see ../normalize.ts).
 */

/** Words that are explicit on their own: masked in the console and counted as sexual content. */
const EXPLICIT_WORDS = [
  "(?<!age |your |what )sex(?! location)",
  "sexy",
  "sexting",
  "naked",
  "nude",
  "nudes",
  "nudity",
  "n00dz",
  "noodz",
  "boobs",
  "boobies",
  "tits",
  "titties",
  "nipples?",
  "breasts?",
  "pussy",
  "vagina",
  "penis",
  "dick",
  "cock",
  "ass",
  "butt",
  "booty",
  "panties",
  "panty",
  "bra",
  "thong",
  "underwear",
  "lingerie",
  "bikini",
  "horny",
  "masturbat\\w*",
  "fingering",
  "orgasm",
  "cum",
  "blowjob",
  "bj",
  "fuck\\w*",
  "fck\\w*",
  "porn\\w*",
  "xxx",
  "erotic",
  "strip",
  "stripping",
  "striptease",
  "undress\\w*",
  "topless",
  "bottomless",
  "spread your legs",
  "touch yourself",
  "touch your\\w* (?:body|chest|private\\w*)",
  "private parts?",
  "hubad",
  "kantot\\w*",
  "suso",
  "libog",
  "malibog",
  "jakol",
];

const EXPLICIT_SOURCE = `\\b(?:${EXPLICIT_WORDS.join("|")})\\b`;

/** Global matcher for masking: reuse with lastIndex reset, never shared across threads of work. */
const EXPLICIT_GLOBAL = new RegExp(EXPLICIT_SOURCE, "g");
/** First-match test for detection. */
export const EXPLICIT_TERM = new RegExp(EXPLICIT_SOURCE);

/** Spans of explicit words in a normalized text (positions in the normalized text). */
export function explicitSpansIn(normalized: string): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  EXPLICIT_GLOBAL.lastIndex = 0;
  for (let m = EXPLICIT_GLOBAL.exec(normalized); m !== null; m = EXPLICIT_GLOBAL.exec(normalized)) {
    spans.push({ start: m.index, end: m.index + m[0].length });
  }
  return spans;
}

const CLOTHES =
  "(?:clothes|shirt|tshirt|t shirt|top|dress|skirt|pants|shorts|underwear|bra|panties|blouse|uniform|everything)";

/** The persona side raising sexual content (feeds the S6 flag). */
export const PERSONA_SEXUAL_RULES: ReadonlyArray<readonly [string, RegExp, number]> = [
  ["persona.explicit_term", EXPLICIT_TERM, 0.9],
  [
    "persona.undress_offer",
    new RegExp(`\\b(?:take|pull|remove|strip)(?: off)? (?:my )?${CLOTHES}\\b`),
    0.9,
  ],
  ["persona.naughty", /\b(?:naughty|sexy|dirty)\b/, 0.8],
];

/**
 * Words at least one of which any sexual rule above needs (the detector's cheap pre-filter):
 * whole words, and prefixes for the entries that end in \w*.
 */
export const SEXUAL_GATE_WORDS: readonly string[] = [
  "sex",
  "sexy",
  "sexting",
  "naked",
  "nude",
  "nudes",
  "nudity",
  "n00dz",
  "noodz",
  "boobs",
  "boobies",
  "tits",
  "titties",
  "nipple",
  "nipples",
  "breast",
  "breasts",
  "pussy",
  "vagina",
  "penis",
  "dick",
  "cock",
  "ass",
  "butt",
  "booty",
  "panties",
  "panty",
  "bra",
  "thong",
  "underwear",
  "lingerie",
  "bikini",
  "horny",
  "fingering",
  "orgasm",
  "cum",
  "blowjob",
  "bj",
  "xxx",
  "erotic",
  "topless",
  "bottomless",
  "spread",
  "touch",
  "private",
  "hubad",
  "suso",
  "libog",
  "malibog",
  "jakol",
  "clothes",
  "shirt",
  "tshirt",
  "t",
  "top",
  "dress",
  "skirt",
  "pants",
  "shorts",
  "blouse",
  "uniform",
  "everything",
  "towel",
  "body",
  "chest",
  "legs",
  "skin",
  "belly",
  "tummy",
  "down",
  "naughty",
  "dirty",
  "hot",
  "wild",
  "bad",
  "rub",
  "play",
  "kiss",
  "pose",
  "takeoff",
  "outfit",
  "outfits",
  "swimsuit",
  "swimsuits",
  "swimwear",
  "bathing",
  "dresses",
  "pajamas",
  "pjs",
  "tops",
  "wet",
  "suck",
  "lick",
  "make",
  "69",
  "sext",
  "privates",
  "nakie",
  "feel",
  "maghubad",
  "pakita",
];
export const SEXUAL_GATE_PREFIXES: readonly string[] = [
  "masturbat",
  "fuck",
  "fck",
  "porn",
  "strip",
  "undress",
  "kantot",
  "finger",
];
