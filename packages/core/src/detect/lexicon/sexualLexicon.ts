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

/** What a child might be asked to change into or model on camera. */
const GARMENT =
  "clothes|outfits?|swimsuit|swimsuits|swimwear|bathing suit|bikini|dress|dresses|skirt|uniform|pajamas|pjs|shorts|top|tops";
const CAMERA = "(?:cam|webcam|camera|video|vid|video call)";

/**
 * Requests aimed at the persona's body or sexual acts (counterpart side) — `solicit.sexual`.
 * Each entry is [rule id, pattern, confidence].
 */
export const SEXUAL_REQUEST_RULES: ReadonlyArray<readonly [string, RegExp, number]> = [
  [
    "sexual.undress",
    new RegExp(
      `\\b(?:take|takeoff|pull|get|lift|remove|strip)(?: off| down| up)? (?:all )?(?:of )?(?:your |the |those |ur )?(?:[a-z]+ (?:and|or|n|&) (?:your )?)?${CLOTHES}\\b`,
    ),
    0.95,
  ],
  [
    "sexual.undress_off",
    new RegExp(`\\b(?:take|pull|get) (?:your |the )?${CLOTHES} (?:off|down)\\b`),
    0.95,
  ],
  ["sexual.all_off", /\btake (?:it|them|everything|all) (?:all )?off\b/, 0.85],
  [
    "sexual.wear",
    /\bwear (?:something|nothing|less)(?: (?:short|sexy|small|tight|revealing|thin))?\b/,
    0.8,
  ],
  ["sexual.no_clothes", new RegExp(`\\b(?:without|no|with no|out of your) ${CLOTHES}\\b`), 0.9],
  [
    "sexual.in_underwear",
    /\bin (?:your|ur|a) (?:underwear|bra|panties|bikini|towel|lingerie)\b/,
    0.95,
  ],
  [
    "sexual.show_body",
    /\b(?:show|see|let me see|send|flash)(?: me| us)? (?:your |ur |you )?(?:body|chest|legs|skin|belly|tummy|butt|ass|boobs|tits|breasts?|nipples?|pussy|private\w*|down there)\b/,
    0.9,
  ],
  [
    "sexual.photo_of_body",
    /\b(?:send|show|take|want|give)(?: me| us)? (?:a |some |more |another )?(?:pics?|photos?|pictures?|videos?|vids?|selfies?) of (?:your|you|yourself)(?: \w+)? ?(?:body|chest|legs|skin|belly|tummy|butt|ass|boobs|breasts?|private\w*|without|in (?:your|a) (?:underwear|bra|panties|bikini|towel))\b/,
    0.9,
  ],
  [
    "sexual.naughty",
    /\b(?:be|get|act|feel|look|do something|something) (?:so |very |really |a bit |little )?(?:naughty|sexy|dirty|hot|horny|wild|bad girl)\b/,
    0.85,
  ],
  ["sexual.naughty_for_me", /\b(?:naughty|sexy|dirty) (?:for|with|to) me\b/, 0.9],
  [
    "sexual.touch",
    /\b(?:touch|rub|play with|kiss) (?:yourself|your (?:body|chest|private\w*|legs|lips)|me|my)\b/,
    0.8,
  ],
  [
    // Asking the child to change or try on clothes on camera ("change outfit on cam for me").
    "sexual.change_on_cam",
    new RegExp(
      `\\b(?:change|changing|try on|trying on|put on|wear|model)(?: (?:into|out of|on))? (?:(?:your|ur|a|some|the|new|different|another|that|those|cute|nice) )*(?:${GARMENT})\\b[^.?!]{0,40}\\b(?:on|in front of|infront of|for the|to the) (?:the |my |your |ur |a )?${CAMERA}\\b|\\b(?:on|in front of|infront of) (?:the |your |ur )?${CAMERA}\\b[^.?!]{0,30}\\b(?:change|try on|put on|wear|model)\\b(?: (?:into|out of|on))? (?:(?:your|ur|a|some|the|new|different|another|that|those|cute|nice) )*(?:${GARMENT})\\b`,
    ),
    0.85,
  ],
  ["sexual.pose", /\b(?:sexy|hot|naughty) (?:pose|dance|pics?|photos?|video|show)\b/, 0.9],
  ["sexual.explicit_term", EXPLICIT_TERM, 0.8],
];

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
];
export const SEXUAL_GATE_PREFIXES: readonly string[] = [
  "masturbat",
  "fuck",
  "fck",
  "porn",
  "strip",
  "undress",
  "kantot",
];
