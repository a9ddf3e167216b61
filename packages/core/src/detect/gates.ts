/**
 * The detector's pre-filter. Each indicator type lists words at least one of which every one of
 * its rules needs; one pass over the normalized words computes which types can possibly fire, and
 * the pattern rules of the other types are not run at all. Most chat lines ("hi", "lol", "how was
 * school") then cost a word scan and a few map look-ups instead of a hundred regex executions.
 *
 * Keep these lists in step with the rules: a rule whose words are missing here never fires
 * (detect.gates.test.ts checks every rule's own test phrases pass the gate).
 */
import { ABBREVIATIONS } from "./lexicon/chatSpelling";
import { PLATFORM_NAMES } from "./lexicon/platformLexicon";
import { SEXUAL_GATE_PREFIXES, SEXUAL_GATE_WORDS } from "./lexicon/sexualLexicon";
import { INDICATOR_TYPES, type IndicatorType } from "./types";

export const TYPE_BIT: Readonly<Record<IndicatorType, number>> = Object.fromEntries(
  INDICATOR_TYPES.map((t, i) => [t, 1 << i]),
) as Record<IndicatorType, number>;

const words = (s: string): string[] => s.split(/\s+/).filter(Boolean);
const FAMILY =
  "mom dad parent parents rents folks family sister brother sis bro lola lolo grandma grandpa gma gpa gram gramma granny nana mommy mum mama stepdad step stepmom aunt auntie tita uncle tito yaya maid guardian";
const CAM_WORDS = "webcam web cam camera video videocall vid facetime camshow";
const PLATFORM_WORDS = [...new Set([...PLATFORM_NAMES.keys()].flatMap((k) => k.split(" ")))].join(
  " ",
);
const AGE_WORDS =
  "three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen sampu sampung siyam walo pito";

const GATE_WORDS: Partial<Record<IndicatorType, string>> = {
  "age.query":
    "asl l old young age grade year class standard level school elementary primary junior middle high over under above below older younger legal minor adult underage teen teenager kid child student born birthday 18 taon edad",
  "age.acknowledged":
    "bata ten nine eleven twelve young younger kid kids child children girl girls baby underage minor minors little age number care mind bother mature old grown big tall smart pretty know should must need have better jailbait jail only just one lady safe minor good place older grown teen teenager woman look seem sound act site app chat room chatroom chats game adults grownups people friends someone boys shouldnt",
  isolation: `nobody noone door san wala magulang nanay tatay alone yourself own anyone anybody someone somebody who lock close room mag magisa isa sino nasaan asan nasan nandyan nandiyan andyan andiyan kasama kang ikaw tao home ${FAMILY}`,
  secrecy:
    "find promise tell say show mention let only just lil secret secrets keep between delete erase clear remove wipe one nobody noone body know wag huwag atin",
  "meet.offline":
    "meet visit see come coming comin pick picking take kita magkita eb fly travel go drive hang wait waiting forward hold hug kiss cuddle seeing",
  "payment.offer":
    "give send offer earn dollar dollars usd bucks peso pesos php euro euros eur pound pounds gbp aud cad sgd quid pay reward money cash pera load eload gift gifts present presents iphone phone gcash paypal allowance card cards much price rate charge union moneygram gram paymaya maya palawan cebuana lhuillier mlhuillier remittance remit bigyan bibigyan bigay pasaload ipapasaload loadan papadalhan remitly worldremit world xoom wise lbc padala ipadala magpadala padalhan bitcoin btc crypto venmo cashapp app zelle transfer bayad babayaran bayaran magkano bigyan padalhan buy stuff things toys food shoes gadgets laptop tablet ipad anything",
  "solicit.webcam": `pakita vc v bukas ${CAM_WORDS} show see watch buksan open live camming caming`,
  "solicit.sexual": SEXUAL_GATE_WORDS.join(" ") + " off wear",
  "sexual.talk": SEXUAL_GATE_WORDS.join(" "),
  "solicit.image":
    "pic pics pix photo photos picture pictures selfie selfies snap snaps foto fotos litrato",
  "contact.move_platform": PLATFORM_WORDS + " wa",
  "id.handle": PLATFORM_WORDS + " line yahoo signal",
  "id.name": "name names call am m this it its here si pangalan",
  "id.location":
    "taga from live living lives based located stay staying reside residing in near born moved at m f male female here nakatira dito nandito andito",
  "id.age_self": "am m iam age turned this f male female guy man woman years year yrs yo y old",
  "id.occupation":
    "am m iam work working job profession occupation teach drive run own employed here ako trade living fix repair wait tend bartend build cut have retired former ex construction plumbing roofing landscaping accounting taxes",
  "persona.age_statement": `${AGE_WORDS} grade grader first second third fourth fifth sixth seventh eighth`,
  "persona.break_off":
    "tab batt dead nawala nawawala nawalan mahina mabagal ubos naubos froze freezes sira nasira tawag internet connection connexion wifi wi fi signal network net laptop computer pc phone cellphone cp tablet ipad cam webcam camera video mic battery load data screen app power electricity kuryente chat browser keyboard lowbat lobat brownout blackout logging log signing offline go leave gtg g2g got gotta alis calling here coming home sleep log mom mama mommy mum dad papa daddy lola lolo nanay tatay tita yaya parents teacher dinner lunch breakfast food time eat homework kakain kain tinatawag pinapatawag overheating overheat hot light skype zoom messenger discord viber telegram whatsapp facebook fb nag na nagcrash naghang naglag nagloko crash hang lag freeze error loko loloko shutdown",
  "persona.sexual_topic": `${SEXUAL_GATE_WORDS.join(" ")} see watch show cam webcam camera video facetime private live`,
};

/** Types that any number in the message can trigger (ages, amounts; "jon, 45, manila"). */
const DIGIT_TYPES =
  TYPE_BIT["persona.age_statement"] |
  TYPE_BIT["id.age_self"] |
  TYPE_BIT["id.location"] |
  TYPE_BIT["age.acknowledged"] |
  TYPE_BIT["age.query"];
/** Types triggered by a currency symbol. */
export const CURRENCY_TYPES = TYPE_BIT["payment.offer"];
const SEXUAL_TYPES =
  TYPE_BIT["solicit.sexual"] | TYPE_BIT["sexual.talk"] | TYPE_BIT["persona.sexual_topic"];

/**
 * Rules with a pre-filter of their own, separate from their type's: a rule whose words are common
 * ("call", "were", "here") would otherwise run every rule of its type on ordinary chat. Each has a
 * bit above the types' bits; the detector still reports one indicator per type.
 */
const RULE_GATE_WORDS: Readonly<Record<string, string>> = {
  "contact.move_platform/phone":
    "text txt sms msg ring phone call number num digits cell cellphone mobile cp",
  "age.acknowledged/implicit_age":
    "thing difference gap issue were was where turn jail prison arrested trouble locked older",
  "meet.offline/be_together": "want wish if date way when chances",
  "meet.offline/coming_over":
    "come wish here seeing motel hotel mall movies movie park beach pool fair restaurant dinner lunch chilis mcdonalds place",
  "isolation/still_there": "still",
};
export const RULE_BIT: Readonly<Record<string, number>> = Object.fromEntries(
  Object.keys(RULE_GATE_WORDS).map((id, k) => [id, 1 << (INDICATOR_TYPES.length + k)]),
);

const WORD_MASK = new Map<string, number>();
for (const [type, list] of Object.entries(GATE_WORDS) as Array<[IndicatorType, string]>) {
  for (const w of words(list)) WORD_MASK.set(w, (WORD_MASK.get(w) ?? 0) | TYPE_BIT[type]);
}
for (const [id, list] of Object.entries(RULE_GATE_WORDS)) {
  for (const w of words(list)) WORD_MASK.set(w, (WORD_MASK.get(w) ?? 0) | RULE_BIT[id]!);
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57);
}

const PREFIX_FIRST = new Set(SEXUAL_GATE_PREFIXES.map((p) => p.charCodeAt(0)));

/**
 * Gate bits of one normalized token (a word, a number, or an abbreviation's expansion such as
 * "i am"). Plain words cost one map look-up.
 */
export function tokenMask(token: string): number {
  const direct = WORD_MASK.get(token);
  const c = token.charCodeAt(0);
  if (token.length >= 3 && c >= 97 && c <= 122 && PREFIX_FIRST.has(c) && /^[a-z]+$/.test(token)) {
    for (const p of SEXUAL_GATE_PREFIXES)
      if (token.startsWith(p)) return (direct ?? 0) | SEXUAL_TYPES;
  }
  if (direct !== undefined) return direct;
  let plain = true;
  for (let i = 0; i < token.length; i++) {
    const k = token.charCodeAt(i);
    if (k < 97 || k > 122) {
      plain = false;
      break;
    }
  }
  return plain ? 0 : gateMask(token);
}

/** Bit mask of the indicator types whose rules can fire on this normalized text. */
export function gateMask(normalized: string): number {
  let mask = 0;
  const n = normalized.length;
  let i = 0;
  while (i < n) {
    const c = normalized.charCodeAt(i);
    if (!isAlnum(c)) {
      if (c === 36 || c === 0x20b1 || c === 0x20ac || c === 0xa3) mask |= CURRENCY_TYPES;
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && isAlnum(normalized.charCodeAt(j))) j++;
    const word = normalized.slice(i, j);
    mask |= WORD_MASK.get(word) ?? 0;
    if (c >= 48 && c <= 57) {
      mask |= DIGIT_TYPES;
      // "20usd", "10yo", "10f": the letters after the number count as a word of their own.
      let k = i;
      while (k < j && normalized.charCodeAt(k) <= 57) k++;
      if (k < j) mask |= (WORD_MASK.get(normalized.slice(k, j)) ?? 0) | CURRENCY_TYPES;
    } else if (j - i >= 3) {
      for (const p of SEXUAL_GATE_PREFIXES) {
        if (word.startsWith(p)) {
          mask |= SEXUAL_TYPES;
          break;
        }
      }
    }
    i = j;
  }
  return mask;
}

// Abbreviation expansions ("im" → "i am") are single tokens for the normalizer: give each its
// words' bits up front so the hot path stays one look-up.
for (const expansion of new Set(ABBREVIATIONS.values())) {
  if (expansion.includes(" ")) WORD_MASK.set(expansion, gateMask(expansion));
}
