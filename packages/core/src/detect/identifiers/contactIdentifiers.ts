/**
 * Contact identifiers a counterpart discloses — emails, URLs, handles, phone numbers — found in the
 * ORIGINAL text (normalization would damage them), each with its value.
 */
import {
  isSupportedCountry,
  parsePhoneNumberFromString,
  type CountryCode,
} from "libphonenumber-js/min";
import { canonicalPlatform } from "../lexicon/platformLexicon";
import type { Indicator } from "../types";

const EMAIL =
  /[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,62}[A-Za-z0-9])?){0,8}\.[A-Za-z]{2,24}\b/g;

/**
 * Addresses written out to dodge filters: "gary [at] example.com", "tom(at)mail(dot)com",
 * "tom at gmail dot com", "joe.b @ mail . com". A plain " at " needs a spelled-out " dot " and a
 * known ending, so "i am at home" never reads as an address.
 */
const AT = String.raw`(?:\s*[\[({<]\s*at\s*[\])}>]\s*|\s+@\s*|\s*@\s+|\s+at\s+(?=[a-z0-9-]+\s*(?:[\[({<]\s*dot\s*[\])}>]|\s+dot\s+)))`;
const DOT = String.raw`(?:\s*[\[({<]\s*dot\s*[\])}>]\s*|\s+dot\s+|\s*\.\s*)`;
const SPELLED_EMAIL = new RegExp(
  String.raw`(?<![A-Za-z0-9._%+-])([A-Za-z0-9][A-Za-z0-9._%+-]{0,63})${AT}([A-Za-z0-9][A-Za-z0-9-]{0,62}(?:${DOT}[A-Za-z0-9-]{1,63}){0,3}?)${DOT}(com|org|net|ph|co|uk|de|nl|io|me|info|biz|us|ca|au|edu|gov)\b`,
  "gi",
);
const SPELLED_HINT = /[[({<]\s*at\s*[\])}>]|\s@|@\s|\sdot\s/i;

const TLDS =
  "com|org|net|io|me|ph|co|uk|de|nl|dk|se|no|fi|fr|es|it|ru|au|ca|us|info|biz|xyz|tv|cc|ly|gl|gg|to|app|dev|site|online|link|club|live|pics|photos|page";
const URL = new RegExp(
  `(?:\\bhttps?:\\/\\/[^\\s<>"'\`]+|\\bwww\\.[^\\s<>"'\`]+|\\b[A-Za-z0-9][A-Za-z0-9-]{0,62}(?:\\.[A-Za-z0-9-]{1,63}){0,8}\\.(?:${TLDS})\\b(?:\\/[^\\s<>"'\`]*)?)`,
  "gi",
);

const PLATFORM_WORDS =
  "skype|kik|whatsapp|whats app|viber|telegram|tele|tg|snapchat|snap|sc|instagram|insta|ig|facebook|fb|messenger|wechat|discord|tiktok|zoom|imo|line|omegle|ym|yahoo|twitter|tango|wickr|threema|signal|icq|teams";

// "my skype is dave_uk", "kik: peto", "my snap id = x", "add me on kik peto_dk"
const HANDLE_AFTER_PLATFORM = new RegExp(
  `\\b(${PLATFORM_WORDS})(?:\\s+(?:id|name|username|user\\s?name|user|handle|account|acc|acct|addy|add))?\\s*(?:is|=|:|-|->|is\\s+at|at)\\s*@?([A-Za-z0-9][A-Za-z0-9_.\\-]{1,39})`,
  "gi",
);
const HANDLE_ADD_ME = new RegExp(
  `\\b(?:add|find|message|msg|text|hmu|follow|search)\\s+(?:me\\s+)?(?:(?:on|at|in)\\s+)?(${PLATFORM_WORDS})\\s*[:\\-]?\\s*@?([A-Za-z0-9][A-Za-z0-9_.\\-]{1,39})`,
  "gi",
);
// "sc tomlee88", "my ig jake_92": a platform then a handle-shaped word (a letter first, and a
// digit, "_" or "." in it), opening the message or a clause, with no "is" or ":" between.
const HANDLE_BARE = new RegExp(
  `(?:^|[,.;!(]\\s*|\\b(?:my|its|it's|heres|here's|add)\\s+)(${PLATFORM_WORDS})\\s+@?([A-Za-z_](?=[A-Za-z0-9_.\\-]*[0-9_.][A-Za-z0-9_]*\\b)[A-Za-z0-9_.\\-]{1,38})`,
  "gi",
);
// "add me on snap, its jbrooks_88": the platform named first, the handle-shaped word after "its".
const HANDLE_ITS = new RegExp(
  `\\b(${PLATFORM_WORDS})\\b[^.?!]{0,30}?\\b(?:its|it's|it is|username|user|handle|id)\\s*:?\\s*@?([A-Za-z_](?=[A-Za-z0-9_.\\-]*[0-9_.][A-Za-z0-9_]*\\b)[A-Za-z0-9_.\\-]{1,38})`,
  "gi",
);
const AT_HANDLE = /(?:^|[\s(,;:])@([A-Za-z0-9_][A-Za-z0-9_.]{1,29})\b/g;

/** Words that follow a platform name but are not a handle ("add me on kik please"). */
const NOT_HANDLES = new Set([
  ...[
    "broken",
    "down",
    "bad",
    "working",
    "off",
    "slow",
    "gone",
    "dead",
    "old",
    "new",
    "private",
    "blocked",
  ],
  ...[
    "banned",
    "hacked",
    "closed",
    "deleted",
    "full",
    "better",
    "fine",
    "good",
    "great",
    "free",
    "open",
    "busy",
  ],
  ...["offline", "online", "not", "also", "still", "just", "really", "the", "a"],
  "is",
  "me",
  "pls",
  "please",
  "plz",
  "ok",
  "okay",
  "and",
  "or",
  "if",
  "so",
  "too",
  "only",
  "now",
  "then",
  "later",
  "baby",
  "babe",
  "dear",
  "hun",
  "sweetie",
  "girl",
  "account",
  "acc",
  "id",
  "name",
  "username",
  "app",
  "instead",
  "there",
  "here",
  "to",
  "with",
  "for",
  "the",
  "a",
  "an",
  "it",
  "that",
  "this",
  "you",
  "u",
  "ur",
  "your",
  "my",
  "lol",
  "haha",
  "tonight",
  "today",
  "tomorrow",
  "asap",
  "pm",
  "dm",
  "chat",
  "video",
  "call",
  "cam",
  "first",
  "right",
  "already",
  "also",
  "again",
  "maybe",
  "yes",
  "no",
  "not",
  "ah",
  "oh",
  "hey",
  "hi",
  "hello",
  "bye",
  "same",
]);

function trimTrailing(value: string): string {
  return value.replace(/[.,;:!?)\]}'"-]+$/, "");
}

function findSpelledEmails(text: string, out: Indicator[]): void {
  SPELLED_EMAIL.lastIndex = 0;
  for (let m = SPELLED_EMAIL.exec(text); m !== null; m = SPELLED_EMAIL.exec(text)) {
    const domain = m[2]!.replace(new RegExp(DOT, "gi"), ".");
    out.push({
      type: "id.email",
      start: m.index,
      end: m.index + m[0].length,
      value: `${m[1]!}@${domain}.${m[3]!}`.toLowerCase(),
      confidence: 0.85,
      rule: "id.email/spelled_out",
    });
  }
}

export function findEmails(text: string, out: Indicator[]): void {
  if (!text.includes("@")) {
    if (SPELLED_HINT.test(text)) findSpelledEmails(text, out);
    return;
  }
  const before = out.length;
  EMAIL.lastIndex = 0;
  for (let m = EMAIL.exec(text); m !== null; m = EMAIL.exec(text)) {
    out.push({
      type: "id.email",
      start: m.index,
      end: m.index + m[0].length,
      value: m[0].toLowerCase(),
      confidence: 0.97,
      rule: "id.email/address",
    });
  }
  if (out.length === before && SPELLED_HINT.test(text)) findSpelledEmails(text, out);
}

export function findUrls(text: string, out: Indicator[]): void {
  if (!text.includes(".")) return;
  URL.lastIndex = 0;
  for (let m = URL.exec(text); m !== null; m = URL.exec(text)) {
    const value = trimTrailing(m[0]);
    const start = m.index;
    const end = start + value.length;
    // Part of an email address ("john@example.com"): the email rule reports it.
    if (start > 0 && text[start - 1] === "@") continue;
    if (text.slice(end, end + 1) === "@") continue;
    // A number with a decimal point is not a domain.
    if (/^[\d.]+$/.test(value)) continue;
    // The domain of an address written out ("gary [at] example.com") is reported as the email.
    if (out.some((i) => i.type === "id.email" && i.start <= start && end <= i.end)) continue;
    out.push({
      type: "id.url",
      start,
      end,
      value,
      confidence: /^(?:https?:|www\.)/i.test(value) ? 0.97 : 0.85,
      rule: "id.url/address",
    });
  }
}

function pushHandle(
  out: Indicator[],
  platformTyped: string | undefined,
  handle: string,
  start: number,
  rule: string,
  confidence: number,
): void {
  const value = trimTrailing(handle);
  if (
    value.length < 2 ||
    NOT_HANDLES.has(value.toLowerCase()) ||
    /^[\d.-]+$/.test(value) ||
    /^\d{1,2}(?:am|pm|h)$/i.test(value)
  )
    return;
  const end = start + value.length;
  for (const i of out) if (i.type === "id.handle" && i.start === start) return;
  const platform =
    platformTyped === undefined
      ? undefined
      : (canonicalPlatform(platformTyped) ?? platformTyped.toLowerCase());
  const indicator: Indicator = { type: "id.handle", start, end, value, confidence, rule };
  if (platform !== undefined) indicator.platform = platform;
  out.push(indicator);
}

function insideAny(spans: readonly Indicator[], at: number): boolean {
  for (const s of spans) if (at >= s.start && at < s.end) return true;
  return false;
}

export function findHandles(text: string, out: Indicator[], emails: readonly Indicator[]): void {
  for (const re of [HANDLE_AFTER_PLATFORM, HANDLE_ADD_ME, HANDLE_BARE, HANDLE_ITS]) {
    re.lastIndex = 0;
    for (let m = re.exec(text); m !== null; m = re.exec(text)) {
      const handle = m[2]!;
      const start = m.index + m[0].length - handle.length;
      if (insideAny(emails, start)) continue;
      pushHandle(
        out,
        m[1],
        handle,
        start,
        re === HANDLE_ADD_ME
          ? "id.handle/add_me_on"
          : re === HANDLE_BARE || re === HANDLE_ITS
            ? "id.handle/platform_then_handle"
            : "id.handle/platform_is",
        re === HANDLE_BARE || re === HANDLE_ITS ? 0.8 : 0.9,
      );
    }
  }
  if (!text.includes("@")) return;
  AT_HANDLE.lastIndex = 0;
  for (let m = AT_HANDLE.exec(text); m !== null; m = AT_HANDLE.exec(text)) {
    const handle = m[1]!;
    const start = m.index + m[0].length - handle.length;
    if (insideAny(emails, start)) continue;
    pushHandle(out, undefined, handle, start, "id.handle/at_sign", 0.8);
  }
}

// A number that is only "possible" (right length, unknown range) counts when it is written in
// international form or right after words that introduce a phone number.
const PHONE_CUE =
  /(?:call|text|txt|sms|phone|number|num|no\.?|cell|cp|mobile|whatsapp|viber|telegram|contact|reach)\W{0,3}(?:me\W{1,3})?(?:on|at|is|:|#)?\W{0,3}$/i;

// Digit runs with the separators people type inside phone numbers; libphonenumber then reads
// each candidate (cheaper than its own free-text scanner, and the candidates are rare).
const PHONE_CANDIDATE = /(?:\+|\b)\d[\d ().-]{5,20}\d\b/g;
/** Numbers people quote that are not theirs to be reached at: "order no. 2093...", "tracking #". */
const NOT_PHONE_CUE =
  /\b(?:order|orders|tracking|track|invoice|ref|reference|account|acct|ticket|case|receipt|transaction|trans|booking|parcel|package|serial|model|item|confirmation|claim|policy|student|employee|customer|id)\W{0,3}(?:no\.?|number|num|nr|#|id|code)?\W{0,3}(?:is\W{0,3})?$/i;

const DATE_LIKE =
  /^(?:\d{4}[-/.]\d{1,2}[-/.]\d{1,2}|\d{1,2}[-/.]\d{1,2}[-/.]\d{2,4}|\d{1,2}:\d{2})$/;

/** Whether `code` is an ISO 3166-1 alpha-2 region whose national phone numbers can be read. */
export function isPhoneRegion(code: string): boolean {
  return /^[A-Z]{2}$/.test(code) && isSupportedCountry(code);
}

/** Phone numbers, read with libphonenumber and normalized to E.164. */
export function findPhones(text: string, out: Indicator[], region: string | undefined): void {
  let digits = 0;
  for (let i = 0; i < text.length && digits < 7; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) digits++;
  }
  if (digits < 7) return;
  const defaultCountry =
    region !== undefined && /^[A-Z]{2}$/.test(region) ? (region as CountryCode) : undefined;
  PHONE_CANDIDATE.lastIndex = 0;
  for (let m = PHONE_CANDIDATE.exec(text); m !== null; m = PHONE_CANDIDATE.exec(text)) {
    const candidate = m[0].replace(/[\s(.-]+$/, "");
    const count = candidate.replace(/\D/g, "").length;
    if (count < 7 || count > 15 || DATE_LIKE.test(candidate)) continue;
    const international = candidate.startsWith("+") || candidate.startsWith("00");
    const number = parsePhoneNumberFromString(candidate, defaultCountry);
    if (number === undefined || !number.isPossible()) continue;
    const valid = number.isValid();
    const before = text.slice(Math.max(0, m.index - 24), m.index);
    if (!international && NOT_PHONE_CUE.test(before)) continue;
    const cued = PHONE_CUE.test(before);
    if (!valid && !international && !cued) continue;
    out.push({
      type: "id.phone",
      start: m.index,
      end: m.index + candidate.length,
      value: number.number,
      confidence: valid ? 0.92 : 0.75,
      rule: valid ? "id.phone/valid" : "id.phone/possible",
    });
  }
}
