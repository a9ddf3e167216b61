/**
 * What a counterpart says about himself: name, place, age and occupation. Cues are matched on
 * normalized text ("im" is "i am"); values are cut from the original text through the offset map.
 */
import { OCCUPATION_ALTERNATION } from "../lexicon/occupationLexicon";
import { EXPLICIT_TERM } from "../lexicon/sexualLexicon";
import { originalSpan, type Normalized } from "../normalize";
import type { PlaceIndex } from "../places/gazetteer";
import type { Indicator } from "../types";
import { aboutSomeoneElse } from "../rules/subject";

/** Words that follow "i am" / "call me" but are not names. */
const NOT_NAMES = new Set(
  (
    "a an the is was s and or but so not no yes ok fine good great well bad sad mad glad happy bored lonely alone single married " +
    "divorced here there home back new old young free busy tired sleepy awake online off on in at from to with for of by " +
    "just only also still very so really too sure sorry going coming looking trying waiting working leaving thinking " +
    "doing interested curious serious nice kind sweet cute hot cool shy friendly lost ready done sick ill hungry " +
    "male female man guy boy girl woman kid adult student teacher gay straight bi your you me him her them it this that " +
    "what who why how when where now later soon today tonight tomorrow baby babe dear daddy sir maam please pls asap " +
    "glad pleased honest sure okay alright fun funny real rich poor big small tall short fat thin strong handsome " +
    "pretty ugly smart stupid normal different lucky excited nervous scared afraid worried happy usually always never " +
    "sometimes anytime whenever whatever everything nothing something anything maybe literally actually also gonna " +
    "about around over under like love age from asl late early cold raining sunny night morning evening weekend " +
    "time sleeping eating driving outside inside downstairs upstairs awake asleep ok"
  ).split(" "),
);

/** Words that follow a first name without being a surname. */
const NOT_SURNAMES = new Set(
  "btw lol haha hehe nice whats hi hey hello am but is was aka call my last first name too also here and from im".split(
    " ",
  ),
);

const NAME_WORD = "([a-z][a-z\\-]{1,19})";
const NAME_RULES: ReadonlyArray<readonly [string, RegExp, number]> = [
  [
    "my_name_is",
    new RegExp(
      `\\b(?:my name is|my names|names|my name s|name is|name s|my name:?|the name is|ako si|ako po si|pangalan ko ay|pangalan ko) ${NAME_WORD}(?: ${NAME_WORD})?`,
      "d",
    ),
    0.95,
  ],
  [
    "call_me",
    new RegExp(
      `\\b(?:you can call me|call me|they call me|people call me) ${NAME_WORD}\\b(?! (?:on|at|when|later|now|tomorrow|back|if|asap|sometime|please))`,
      "d",
    ),
    0.7,
  ],
  [
    "i_am_name",
    new RegExp(
      `\\b(?:i am|i m|this is) ${NAME_WORD}(?=\\s*(?:,|$|!|\\.|\\bfrom\\b|\\bhere\\b|\\band i\\b|\\bbtw\\b|\\blol\\b|\\bhaha|\\d))`,
      "d",
    ),
    0.8,
  ],
  ["name_here", new RegExp(`^(?:hi |hey |hello |yo )?${NAME_WORD} here\\b`, "d"), 0.6],
];

function isCapitalized(original: string): boolean {
  const c = original.charCodeAt(0);
  return c >= 65 && c <= 90;
}

const ADJECTIVE_ENDING = /(?:ing|ed|ful|ous|ive|ish|less|able|ible)$/;

/** Words for a state that people put after "i am" (more in NOT_NAMES). */
const STATES = new Set(
  (
    "drunk high stoned broke dead hurt sore warm weird crazy dumb lazy awesome horrible terrible " +
    "amazing perfect gorgeous beautiful mean naughty wild shy quiet loud jealous upset angry " +
    "confused lonley alive sober straight wet naked nude single taken free lame"
  ).split(" "),
);

/**
 * "im exhausted", "im drunk": a lower-case state word after "i am" is not a name. A capitalized
 * word is taken as written ("im Grace").
 */
function looksLikeAWordAfterIAm(word: string, original: string): boolean {
  if (isCapitalized(original)) return false;
  return STATES.has(word) || (word.length > 4 && ADJECTIVE_ENDING.test(word));
}

export function findNames(text: string, n: Normalized, out: Indicator[]): void {
  for (const [id, re, confidence] of NAME_RULES) {
    const m = re.exec(n.text);
    if (m === null) continue;
    const first = m[1]!;
    if (NOT_NAMES.has(first) || EXPLICIT_TERM.test(first)) continue;
    const firstAt = m.indices?.[1]?.[0] ?? m.index;
    let span = originalSpan(n, firstAt, firstAt + first.length);
    const firstOriginal = text.slice(span.start, span.end);
    if (id === "name_here" && !isCapitalized(firstOriginal)) continue;
    // "im exhausted", "im drunk": a lower-case state word after "i am" is not a name.
    if (id === "i_am_name" && looksLikeAWordAfterIAm(first, firstOriginal)) continue;
    const second = m[2];
    if (second !== undefined && !NOT_NAMES.has(second)) {
      const secondAt = m.indices?.[2]?.[0] ?? m.index + m[0].length - second.length;
      const secondSpan = originalSpan(n, secondAt, secondAt + second.length);
      const secondOriginal = text.slice(secondSpan.start, secondSpan.end);
      // "Peter Olsen" or all lower case "peter olsen"; not "Peter and", not "mike nice to meet u".
      const sameCase = isCapitalized(firstOriginal) === isCapitalized(secondOriginal);
      if (sameCase && !NOT_SURNAMES.has(second)) {
        span = { start: span.start, end: secondSpan.end };
      }
    }
    const value = text.slice(span.start, span.end);
    if (!/^[A-Za-z][A-Za-z\- ]*$/.test(value)) continue;
    out.push({
      type: "id.name",
      start: span.start,
      end: span.end,
      value,
      confidence: isCapitalized(value) ? confidence : Math.round((confidence - 0.1) * 100) / 100,
      rule: `id.name/${id}`,
    });
    return;
  }
}

const NOT_AGE_UNIT =
  "(?! ?(?:minutes?|mins?|min|hours?|hrs?|seconds?|secs?|pm|am|km|kms|miles?|kg|kgs|lbs?|dollars|pesos?|php|usd|percent|%|th|st|nd|rd|:|times|more|pics?|photos?|days?|weeks?|months?|cm|inch\\w*|feet|ft|inches)\\b)";
const AGE_SELF_RULES: ReadonlyArray<readonly [string, RegExp, number]> = [
  [
    "i_am_n",
    new RegExp(
      `\\b(?:i am|i m|iam) (?:a |now |only |just |almost |turning )?(\\d{2})\\b${NOT_AGE_UNIT}`,
    ),
    0.9,
  ],
  [
    "my_age",
    /\b(?:my age is|my age:?|i turned|i just turned|age:)\s?(\d{2})\b|(?:^|[,.;!] ?)(?:just )?turned (\d{2})\b(?! ?(?:minutes|mins|times|percent|degrees))|^\W*age:? (\d{2})\b(?!\s*\?)/,
    0.9,
  ],
  [
    "name_comma_age",
    /\b(?:i am|i m|this is|my name is|name is|names|name s|name) [a-z][a-z-]+,? (\d{2})\b(?=\s*(?:[,.;!?]|$)|\s+(?:from|here|and|m|f|male|female|years|yrs|yo|living|based|in)\b)/,
    0.85,
  ],
  ["asl_answer", /(?:^|[,.;:!] ?)(\d{2}) ?\/? ?(?:m|f|male|female|guy|man|woman)\b/, 0.85],
  [
    "n_years_old",
    /\b(\d{2}) ?(?:years? old|yrs? old|yo|y\/o)\b(?! (?:son|daughter|kid|child|boy|girl|niece|nephew|brother|sister|dog|cat|cousin)s?\b)/,
    0.8,
  ],
  ["gender_age", /(?:^|[,.;:!] ?)(?:m|f|male|female) ?\/ ?(\d{2})\b/, 0.8],
];

export function findAgeSelf(text: string, n: Normalized, out: Indicator[]): void {
  for (const [id, re, confidence] of AGE_SELF_RULES) {
    const m = re.exec(n.text);
    if (m === null) continue;
    const age = (m[1] ?? m[2] ?? m[3])!;
    const at = m.index + m[0].lastIndexOf(age);
    if ((id === "n_years_old" || id === "asl_answer") && aboutSomeoneElse(n.text, at)) continue;
    // "you are 10 years old" / "your 10 yo" is about the persona, not the counterpart.
    if (
      id === "n_years_old" &&
      /\b(?:you|your|you are|are you)\s+(?:\w+\s+)?$/.test(n.text.slice(Math.max(0, at - 20), at))
    )
      continue;
    // "pick up my 10 year old", "i have a 14 yo": a child of theirs, not their own age.
    if (
      id === "n_years_old" &&
      /\b(?:my|our|his|her|their|a|an|the|two|three|your)\s+$/.test(
        n.text.slice(Math.max(0, at - 8), at),
      )
    )
      continue;
    const span = originalSpan(n, at, at + age.length);
    out.push({
      type: "id.age_self",
      start: span.start,
      end: span.end,
      value: age,
      confidence,
      rule: `id.age_self/${id}`,
    });
    return;
  }
}

const OCCUPATION_RULES: ReadonlyArray<readonly [string, RegExp, number]> = [
  [
    "i_am_a",
    new RegExp(
      `\\b(?:i am|i m|iam|i work as|i am working as|work as|i m working as) (?:a |an )?(?:\\w+ )??(${OCCUPATION_ALTERNATION})s?\\b`,
    ),
    0.9,
  ],
  [
    "my_job",
    new RegExp(
      `\\bmy (?:job|work|profession|occupation) is (?:a |an |being a )?([a-z][a-z ]{1,30}?)(?=[.,!?]|$| and | but | in | at )`,
    ),
    0.8,
  ],
  [
    "comma_a",
    // "im sam, 41, from perth, a nurse" and without the article when the job ends the line.
    new RegExp(
      `\\bi (?:am|m) [^.?!]{0,40}, (?:(?:a|an) (?:\\w+ )??(${OCCUPATION_ALTERNATION})s?\\b|(${OCCUPATION_ALTERNATION})(?=\\s*(?:[.!]|$)))`,
    ),
    0.8,
  ],
  [
    "work_as",
    /\bi work as (?:a |an )?([a-z][a-z ]{1,30}?)(?=[.,!?]|$| and | but | in | at | for )/,
    0.85,
  ],
  [
    "work_at",
    /\bi (?:work|am working|m working) (?:at|for|in) (?:a |an |the )?((?!home\b|night|nights\b|day\b|days\b|the moment\b|weekends?\b|morning|evening|office\b)[a-z0-9][a-z0-9&\- ]{1,30}?)(?=[.,!?]|$| and | but | as | so | now| today)/,
    0.75,
  ],
  [
    "i_teach",
    /\bi (?:teach(?! (?:myself|my self|my ))|drive (?:a )?(?:truck|taxi|bus)s?|run (?:a|my own) (?:business|company|shop|store|restaurant|bar|cafe|farm|hotel)|own (?:a|my own) (?:business|company|shop|store|restaurant|bar|cafe|farm|hotel))\b/,
    0.75,
  ],
  // Occupations stated without a job noun or a "work as" cue.
  [
    "field",
    // "im in construction", "i work in sales"; not "im in it for the fun".
    /\b(?:i am|i m|i work|i am working|i m working) in (construction|sales|finance|marketing|real estate|insurance|retail|health ?care|banking|logistics|hospitality|the army|the navy|the military|the air force|the marines|law enforcement|education|nursing|trucking|shipping|mining|the oil industry|oil and gas|tech|it (?:support|security)|accounting|advertising)\b/,
    0.75,
  ],
  [
    "for_a_living",
    // "i fix cars for a living", "i drive for a living".
    /\bi ((?!do\b|work\b)[a-z]+(?: (?!for\b)[a-z]+){0,2}) for a living\b/,
    0.8,
  ],
  [
    "trade_verb",
    // "i fix computers", "i work construction", "i wait tables", "i build houses".
    /\bi ((?:fix|repair) (?:cars|computers|phones|trucks|engines|roofs|boats|aircon|air conditioners)|work (?:construction|retail|security|nights at (?:a|the) (?:hospital|factory|warehouse))|wait tables|tend bar|bartend|build (?:houses|homes)|cut hair|do (?:construction|plumbing|roofing|landscaping|accounting|taxes for a living))\b/,
    0.7,
  ],
  [
    "years_as",
    // "ive been a nurse for 12 years"; not "my wife has been a nurse for years".
    new RegExp(
      `\\b(?:i ve|i have|ive) been (?:a |an )?(${OCCUPATION_ALTERNATION}) (?:for|since)\\b`,
    ),
    0.8,
  ],
  [
    "retired",
    // "retired cop here", "ex soldier, 50, from leeds": the message opens with it.
    new RegExp(`^\\W*(?:a |an )?(?:retired|former|ex) ?-?(${OCCUPATION_ALTERNATION})s?\\b`),
    0.75,
  ],
  [
    "job_as",
    new RegExp(
      `\\b(?:i|i am|i m)? ?(?:work|working|employed|job)\\b[^.?!]{0,24}?\\bas (?:a |an )?(?:\\w+ )??(${OCCUPATION_ALTERNATION})s?\\b`,
    ),
    0.8,
  ],
  [
    "occupation_here",
    new RegExp(
      `^\\W*(?:(?:a|an|just a|just an|isang) )?(${OCCUPATION_ALTERNATION}) (?:here|ako|po ako)\\b`,
    ),
    0.75,
  ],
  [
    "by_profession",
    new RegExp(`\\b(${OCCUPATION_ALTERNATION}) by (?:profession|trade|occupation)\\b`),
    0.9,
  ],
];

export function findOccupation(text: string, n: Normalized, out: Indicator[]): void {
  for (const [id, re, confidence] of OCCUPATION_RULES) {
    const m = re.exec(n.text);
    if (m === null) continue;
    const value = m[1] ?? m[2] ?? m[0];
    const at = m.index + m[0].lastIndexOf(value);
    const span = originalSpan(n, at, at + value.length);
    out.push({
      type: "id.occupation",
      start: span.start,
      end: span.end,
      value: text.slice(span.start, span.end),
      confidence,
      rule: `id.occupation/${id}`,
    });
    return;
  }
}

// Where the counterpart is: "from X", "live in X", "based in X", "im in X", or an a/s/l answer.
const LOCATION_CUE =
  /\b(?:from|taga|live in|living in|lives in|live at|based in|located in|stay in|staying in|reside in|residing in|i am in|i m in|here in|currently in|i am at|born in|grew up in|moved to|live near|living near|near|(?:work|working|job|teach|teaching|studying|study|based|living|stuck|vacation|holiday) in|(?:i am|i m) (?:a |an )?[a-z]+(?: [a-z]+)? in|(?:nakatira|dito|nandito|andito) (?:ako |kami )?sa)\s|(?:^|[,.;:!] ?)\d{2} ?\/? ?(?:m|f|male|female)\b[\s,/]+/g;

const WORD = /[a-z0-9][a-z0-9-]*/y;

/** Longest gazetteer match starting at `pos` of the normalized text. */
export function placeAt(
  normalized: string,
  pos: number,
  index: PlaceIndex,
): { start: number; end: number; country: string } | undefined {
  const words: Array<{ start: number; end: number; text: string }> = [];
  let at = pos;
  while (words.length < Math.min(index.maxWords, 4)) {
    WORD.lastIndex = at;
    const m = WORD.exec(normalized);
    if (m === null) break;
    words.push({ start: at, end: at + m[0].length, text: m[0] });
    at += m[0].length;
    if (normalized[at] !== " ") break;
    at++;
  }
  for (let k = words.length; k >= 1; k--) {
    const key = words
      .slice(0, k)
      .map((w) => w.text)
      .join(" ");
    const place = index.get(key);
    if (place !== undefined)
      return { start: words[0]!.start, end: words[k - 1]!.end, country: place.country };
  }
  return undefined;
}

export function findLocation(
  text: string,
  n: Normalized,
  index: PlaceIndex | undefined,
  out: Indicator[],
): void {
  if (index === undefined) return;
  const norm = n.text;
  // "uk here", "hi, manila guy here": a place opening the message and followed by "here".
  const lead = /^(?:hi|hey|hello|yo|greetings)?\W*/.exec(norm);
  const leadEnd = lead === null ? 0 : lead[0].length;
  const opening = placeAt(norm, leadEnd, index);
  if (
    opening !== undefined &&
    /^ (?:guy |man |dude |boy )?here\b/.test(norm.slice(opening.end, opening.end + 12))
  ) {
    pushLocation(text, n, opening, 0.75, "id.location/place_here", out);
  }
  LOCATION_CUE.lastIndex = 0;
  for (let m = LOCATION_CUE.exec(norm); m !== null; m = LOCATION_CUE.exec(norm)) {
    let pos = m.index + m[0].length;
    if (norm.startsWith("the ", pos) && !norm.startsWith("the states", pos)) pos += 4;
    // The clause is looked for in the 200 characters before the cue: a search back to the start
    // of the text for every cue would make a long message cost its length squared.
    const from = Math.max(0, m.index - 200);
    const back = norm.slice(from, m.index + 1);
    const clauseStart =
      Math.max(back.lastIndexOf(","), back.lastIndexOf("?"), back.lastIndexOf("."), -1) < 0
        ? from - 1
        : from + Math.max(back.lastIndexOf(","), back.lastIndexOf("?"), back.lastIndexOf("."));
    // "are you from cebu?" asks about the persona.
    if (/\b(?:you|your|you are|are you)\b/.test(norm.slice(clauseStart + 1, m.index + 1))) continue;
    // "i will stay in cebu", "i want to live in london": a plan, not where he is.
    if (
      /\b(?:will|would|going to|want to|wanna|could|can|might|plan to|hope to|like to)\s$/.test(
        norm.slice(Math.max(0, m.index - 12), m.index),
      )
    )
      continue;
    let found = placeAt(norm, pos, index);
    if (
      found === undefined &&
      norm.startsWith("us", pos) &&
      (norm.length === pos + 2 || /\W/.test(norm[pos + 2]!))
    ) {
      const span = originalSpan(n, pos, pos + 2);
      if (text.slice(span.start, span.end) === "US")
        found = { start: pos, end: pos + 2, country: "US" };
    }
    if (found === undefined) continue;
    pushLocation(text, n, found, 0.85, "id.location/cue_gazetteer", out);
  }
  if (out.some((i) => i.type === "id.location")) return;
  const listed = listedPlace(norm, index);
  if (listed !== undefined) pushLocation(text, n, listed, 0.75, "id.location/intro_list", out);
}

/** A place found in the normalized text, as an id.location indicator over the original text. */
function pushLocation(
  text: string,
  n: Normalized,
  place: { start: number; end: number; country: string },
  confidence: number,
  rule: string,
  out: Indicator[],
): void {
  const span = originalSpan(n, place.start, place.end);
  out.push({
    type: "id.location",
    start: span.start,
    end: span.end,
    value: text.slice(span.start, span.end),
    confidence,
    rule,
    country: place.country,
  });
}

/** An age as an item of its own in a self-introduction: "45", "im jon 45", "45m", "45 yo". */
const AGE_ITEM = /(?:^|\s)(?:1[89]|[2-9]\d)(?: ?(?:m|f|male|female|yo|y\/o|yrs|years|years old))?$/;

/**
 * "im jon, 45, manila, engineer": a place standing as one item of a comma list that also gives
 * his age, with no cue word. A list of places alone ("paris, london, rome") is a travel story.
 */
function listedPlace(
  norm: string,
  index: PlaceIndex,
): { start: number; end: number; country: string } | undefined {
  if (!norm.includes(",") || /\b(?:you|your)\b/.test(norm)) return undefined;
  const items: Array<{ start: number; end: number }> = [];
  const re = /[^,.;!?]+/g;
  for (let m = re.exec(norm); m !== null; m = re.exec(norm)) {
    const lead = m[0].length - m[0].trimStart().length;
    const text = m[0].trim();
    if (text.length > 0) items.push({ start: m.index + lead, end: m.index + lead + text.length });
  }
  if (items.length < 2) return undefined;
  const hasAge = items.some((item) => {
    const text = norm.slice(item.start, item.end);
    return AGE_ITEM.test(text) || /^(?:1[89]|[2-9]\d)(?:m|f)? [a-z]/.test(text);
  });
  if (!hasAge) return undefined;
  for (const item of items) {
    if (norm[item.end] === "?") continue;
    // The place alone, or after the age: "45 manila".
    const age = /^\d{2}(?:m|f)? /.exec(norm.slice(item.start, item.end));
    const found = placeAt(norm, item.start + (age === null ? 0 : age[0].length), index);
    if (found !== undefined && found.end === item.end) return found;
  }
  return undefined;
}

/** The first country named anywhere in a normalized text, without needing a cue (for the persona's own lines). */
export function firstCountryIn(normalized: string, index: PlaceIndex): string | undefined {
  let pos = 0;
  while (pos < normalized.length) {
    const c = normalized.charCodeAt(pos);
    const wordStart =
      ((c >= 97 && c <= 122) || (c >= 48 && c <= 57)) &&
      (pos === 0 || /[^a-z0-9-]/.test(normalized[pos - 1]!));
    if (wordStart) {
      const found = placeAt(normalized, pos, index);
      if (found !== undefined) return found.country;
    }
    pos++;
  }
  return undefined;
}
